"""Entities across a story: one :class:`Entity` per actor, whatever name each article used.

`group_entities(story)` groups the entity mentions of all articles by general
rules, never by a list of known names:

1. same comparison key: case, accents, punctuation, hyphens, spaces, a leading
   "the" and a trailing collective noun ("network", "group") do not count:
   "Seth G Jones" = "Seth G. Jones", "Haqqani" = "Haqqani network"; a person
   and a non-person stay apart on one-word names only ("Haqqani" the man and
   the network), a multi-word name is one entity whatever its labels;
2. a definition in the text: "Islamic State in Khorasan Province (IS-K)",
   "ISIS stands for the Islamic State of Iraq and Syria";
3. person names: same given name and surname, middle initials compatible;
4. hyphenated acronym names: "IS-K" = "ISIS-K" (same tail), "ISIS-K" =
   "ISIS-Khorasan" (a tail and its initial);
5. misspellings: same number of words, the differing words close in spelling
   (rapidfuzz), never for places or nationalities ("Austria" != "Australia");
   a nationality and its plural ("Afghan" / "Afghans");
6. a bare surname ("Jones", "Mr Jones") joins the one person with that surname,
   and an acronym ("NYT") the one name whose initials it is ("New York Times");
   when two candidates fit, neither is chosen.

Rival groups that share words stay apart, since none of the rules joins names
that differ by a whole word: "ISIS-K" / "ISIS" / "Islamic State", "Taliban" /
"Pakistani Taliban", "Al Qaeda" / "Al Qaeda in the Arabian Peninsula".

`EntityIndex(entities).find(surface)` links any later name to its entity with
the same rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsfuse.fuse.name_links import NameForm, defines, directed_link, family, plain_name, symmetric_link
from newsfuse.models import Entity, EntityMention, Story
from newsfuse.text import NAME_CONNECTORS

# Label preference when an entity's mentions are split evenly between labels.
LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")
# Words between a name and its acronym that define one by the other.
DEFINITION_RE = re.compile(
    r"^\s*(?:\(\s*|,?\s*(?:which\s+)?(?:stands for|is short for|short for|(?:also\s+)?known as)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


# ------------------------------------------------------------------ grouping


class _Groups:
    """Union-find over comparison nodes (one node per family + key)."""

    def __init__(self, nodes: list[str]):
        self.parent = {node: node for node in nodes}

    def root(self, node: str) -> str:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.root(a), self.root(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _node(form: NameForm, article_id: str = "") -> str:
    """The comparison node of a form; a bare surname gets one node per article,
    since "Jones" may be a different Jones in each."""
    node = f"{family(form.label)}:{form.key}"
    return f"{node}@{article_id}" if _is_bare_surname(form) and article_id else node


def _is_bare_surname(form: NameForm) -> bool:
    return form.is_person and len(form.words) == 1


def group_entities(story: Story) -> list[Entity]:
    """The story's entities, each with its aliases, articles and mention count.

    Ids are "e1", "e2", ... by mentions (most first) then name. The canonical
    `name` is the fullest form used (most words, then most used); `type` is
    the label most of its mentions carry.
    """
    placed = [(article_id, mention, NameForm(mention.text, mention.label))
              for article_id, annotations in story.annotations.items()
              for mention in annotations.entities]
    placed = [(article_id, mention, form) for article_id, mention, form in placed if form.key]
    in_article: dict[str, dict[str, NameForm]] = defaultdict(dict)
    for article_id, _, form in placed:
        in_article[article_id][_node(form, article_id)] = form
    groups = _Groups(sorted({node for nodes in in_article.values() for node in nodes}))
    _join_definitions(story, groups)
    _join_pairs(in_article, groups)
    _join_unique(in_article, groups)
    _join_unresolved_surnames(in_article, groups)
    clusters: dict[str, list[tuple[str, EntityMention]]] = defaultdict(list)
    for article_id, mention, form in placed:
        clusters[groups.root(_node(form, article_id))].append((article_id, mention))
    entities = [_entity(members) for members in clusters.values()]
    entities.sort(key=lambda entity: (-entity.mentions, entity.name))
    return [entity.model_copy(update={"id": f"e{i}"}) for i, entity in enumerate(entities, 1)]


def _join_definitions(story: Story, groups: _Groups) -> None:
    """Join names defined by each other in the text: "Name (ACR)", "ACR stands for Name"."""
    for article_id, annotations in story.annotations.items():
        text = story.by_id[article_id].text if article_id in story.by_id else ""
        ordered = sorted(annotations.entities, key=lambda mention: mention.start)
        for first, second in zip(ordered, ordered[1:]):
            if not DEFINITION_RE.match(text[first.end:second.start]):
                continue
            a, b = NameForm(first.text, first.label), NameForm(second.text, second.label)
            if a.key and b.key and (defines(a, b) or defines(b, a)):
                groups.join(_node(a, article_id), _node(b, article_id))


def _join_pairs(in_article: dict[str, dict[str, NameForm]], groups: _Groups) -> None:
    forms = _story_forms(in_article)
    for i, (node_a, a) in enumerate(forms):
        for node_b, b in forms[i + 1:]:
            if symmetric_link(a, b):
                groups.join(node_a, node_b)


def _join_unique(in_article: dict[str, dict[str, NameForm]], groups: _Groups) -> None:
    """Join surnames and acronyms to their full form when exactly one group fits:
    first among the names of the same article, then among the whole story's."""
    story_index = _full_forms_by_key(_story_forms(in_article))
    for nodes in in_article.values():
        article_index = _full_forms_by_key(list(nodes.items()))
        for node, short in nodes.items():
            for index in (article_index, story_index):
                fits = {groups.root(full_node) for full_node, full in index.get(_short_key(short), ())
                        if directed_link(short, full)}
                if len(fits) == 1:
                    groups.join(node, fits.pop())
                if fits:
                    break


def _short_key(form: NameForm) -> tuple[str, str] | None:
    """What a full form must share with `form` for `directed_link` to hold: a person's
    last word (surname), or an acronym's first letter (initialism)."""
    if form.is_person and form.words:
        return ("surname", form.words[-1])
    letters = [ch for ch in plain_name(form.text) if ch.isalpha()]
    return ("initial", letters[0]) if form.is_acronym and letters else None


def _full_forms_by_key(forms: list[tuple[str, NameForm]]) -> dict[tuple[str, str], list[tuple[str, NameForm]]]:
    """(node, form) pairs that can be a full form, under the `_short_key` of the short forms they may expand."""
    index: dict[tuple[str, str], list[tuple[str, NameForm]]] = defaultdict(list)
    for node, form in forms:
        if len(form.words) < 2:
            continue
        if form.is_person:
            index[("surname", form.words[-1])].append((node, form))
        elif not form.is_acronym:
            content = [word for word in form.words if word not in NAME_CONNECTORS] or form.words
            for initial in {form.words[0][0], content[0][0]}:  # connectors may or may not give a letter
                index[("initial", initial)].append((node, form))
    return index


def _join_unresolved_surnames(in_article: dict[str, dict[str, NameForm]], groups: _Groups) -> None:
    """Bare surnames that no full name claimed are one entity per spelling, across articles."""
    claimed = {groups.root(node) for node, form in _story_forms(in_article) if not _is_bare_surname(form)}
    unresolved: dict[str, str] = {}
    for node, form in _story_forms(in_article):
        if _is_bare_surname(form) and groups.root(node) not in claimed:
            groups.join(unresolved.setdefault(_node(form), node), node)


def _story_forms(in_article: dict[str, dict[str, NameForm]]) -> list[tuple[str, NameForm]]:
    """(node, form) pairs of the whole story, each node once."""
    seen: dict[str, NameForm] = {}
    for nodes in in_article.values():
        for node, form in nodes.items():
            seen.setdefault(node, form)
    return sorted(seen.items())


def _entity(members: list[tuple[str, EntityMention]]) -> Entity:
    labels = Counter(mention.label for _, mention in members)
    top = max(labels.values())
    label = next(name for name in LABEL_ORDER + tuple(sorted(labels)) if labels.get(name) == top)
    surfaces = Counter(mention.text for _, mention in members)
    name = canonical_name(surfaces, label)
    aliases = sorted((text for text in surfaces if text != name), key=lambda t: (-surfaces[t], t))
    return Entity(id="", name=name, type=label, aliases=aliases,
                  articles=sorted({article_id for article_id, _ in members}), mentions=len(members))


def canonical_name(surfaces: Counter, label: str) -> str:
    """The fullest form among `surfaces` (text -> count): spelt-out names before acronyms,
    then most words, most uses, most characters ("Seth G. Jones" over "Seth G Jones")."""
    def fullness(text: str):
        form = NameForm(text, label)
        return (not form.is_acronym, len(form.words), surfaces[text], len(text), text)

    return max(surfaces, key=fullness)


# ------------------------------------------------------------------ lookup


class EntityIndex:
    """Find the entity a name refers to: `EntityIndex(entities).find("Mr Jones")`."""

    def __init__(self, entities: list[Entity]):
        self.entities = list(entities)
        self._forms = [(entity, NameForm(text, entity.type))
                       for entity in self.entities for text in [entity.name, *entity.aliases]]
        self._by_key: dict[str, list[Entity]] = defaultdict(list)
        for entity, form in self._forms:
            if entity not in self._by_key[form.key]:
                self._by_key[form.key].append(entity)

    def find(self, surface: str, label: str | None = None) -> Entity | None:
        """The entity named by `surface`, or None when none or several fit.

        `label` (a spaCy label) narrows an ambiguous key to that label's family
        ("Haqqani" the person or the network).
        """
        form = NameForm(surface, label or "")
        if not form.key:
            return None
        exact = self._by_key.get(form.key, [])
        if label and len(exact) > 1:
            exact = [entity for entity in exact if family(entity.type) == family(label)]
        if exact:
            return exact[0] if len(exact) == 1 else None
        return self._unique(lambda entity, known: self._related(form, known, label))

    def _related(self, form: NameForm, known: NameForm, label: str | None) -> bool:
        probe = NameForm(form.text, label or known.label)
        return symmetric_link(probe, known) or directed_link(probe, known)

    def _unique(self, fits) -> Entity | None:
        found = {entity.id: entity for entity, known in self._forms if fits(entity, known)}
        return next(iter(found.values())) if len(found) == 1 else None
