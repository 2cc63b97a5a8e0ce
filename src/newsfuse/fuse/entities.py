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
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Indel

from newsfuse.models import Entity, EntityMention, Story
from newsfuse.text import GROUP_NOUNS, NAME_CONNECTORS, TITLES, initials_match

# Places and nationalities differ by a letter or two ("Austria"/"Australia",
# "Niger"/"Nigeria"): never joined by spelling similarity.
NO_FUZZY_TYPES = frozenset({"GPE", "LOC", "NORP"})
# Minimum rapidfuzz similarity (0-100) of two differing words taken as one misspelt word.
PERSON_WORD_SIMILARITY = 85.0
OTHER_WORD_SIMILARITY = 80.0
MIN_FUZZY_WORD = 4
# Label preference when an entity's mentions are split evenly between labels.
LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")
# Words between a name and its acronym that define one by the other.
DEFINITION_RE = re.compile(
    r"^\s*(?:\(\s*|,?\s*(?:which\s+)?(?:stands for|is short for|short for|(?:also\s+)?known as)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


# ------------------------------------------------------------------ name forms


@dataclass(frozen=True)
class NameForm:
    """One way an entity is written, prepared for comparison.

    `words` are lower-case, accent-free, without titles, a leading "the" or a
    trailing collective noun; `key` is `words` joined without separators.
    """

    text: str
    label: str

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_comparison_words(self.text))

    @cached_property
    def key(self) -> str:
        return "".join(self.words)

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"

    @cached_property
    def is_acronym(self) -> bool:
        """All capitals, no spaces: "NYT", "U.S.", "ISIS-K"."""
        letters = [ch for ch in self.text if ch.isalpha()]
        return " " not in self.text.strip() and len(letters) >= 2 and all(ch.isupper() for ch in letters)

    @cached_property
    def hyphen_parts(self) -> tuple[str, str] | None:
        """("ISIS", "K") for "ISIS-K" or ("ISIS", "Khorasan"): an acronym head and a tail."""
        match = re.fullmatch(r"([A-Z]{2,})-([A-Z][A-Za-z]*)", self.text.strip())
        return (match.group(1), match.group(2)) if match else None


def _plain(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("’", "'").replace("‘", "'").casefold()


def _comparison_words(text: str) -> list[str]:
    words = [word for word in re.split(r"[\s\-–—/]+", _plain(text)) if word]
    words = [re.sub(r"[^\w&]", "", word) for word in words]
    words = [word for word in words if word]
    if words and words[-1] in {"s"}:  # a possessive left as its own word ("ISIS-K 's")
        words.pop()
    while len(words) > 1 and (words[0] == "the" or words[0] in TITLES):
        words.pop(0)
    if len(words) > 1 and words[-1] in GROUP_NOUNS:
        words.pop()
    return words


def _family(label: str) -> str:
    return "person" if label == "PERSON" else "other"


# ------------------------------------------------------------------ link rules


def same_person(a: NameForm, b: NameForm) -> bool:
    """Two full names of one person: same first and last word, middle parts compatible.

    "Seth G Jones" / "Seth Jones" yes; "George W Bush" / "George H W Bush" no.
    """
    if not (a.is_person and b.is_person and len(a.words) >= 2 and len(b.words) >= 2):
        return False
    if a.words[0] != b.words[0] or a.words[-1] != b.words[-1]:
        return False
    middle_a, middle_b = a.words[1:-1], b.words[1:-1]
    if not middle_a or not middle_b:
        return True
    return [w[0] for w in middle_a] == [w[0] for w in middle_b]


def is_surname_of(short: NameForm, full: NameForm) -> bool:
    """`short` is the last part of the person name `full`: "Jones" of "Seth G. Jones"."""
    if not (short.is_person and full.is_person) or len(short.words) >= len(full.words):
        return False
    return full.words[-len(short.words):] == short.words and short.words[0] != full.words[0]


def is_initialism_of(acronym: NameForm, name: NameForm) -> bool:
    """`acronym` is made of the initials of `name`'s words: "NYT" / "New York Times", "US" / "United States".

    Lower-case connectors may count or not ("CSIS" and "CFSAIS" both fit
    "Center for Strategic and International Studies").
    """
    if not acronym.is_acronym or name.is_acronym or name.is_person or acronym.is_person:
        return False
    letters = "".join(ch for ch in _plain(acronym.text) if ch.isalpha())
    words = [word for word in name.words if word]
    if len(words) < 2 or len(letters) < 2:
        return False
    every_word = "".join(word[0] for word in words)
    content_words = "".join(word[0] for word in words if word not in NAME_CONNECTORS)
    return letters in {every_word, content_words}


def are_hyphen_variants(a: NameForm, b: NameForm) -> bool:
    """Hyphenated acronym names of one group: "IS-K" / "ISIS-K", "ISIS-K" / "ISIS-Khorasan".

    Either the tails agree and one head starts the other, or the heads agree
    and one tail is the initial(s) of the other. "ISIS-K" and "ISIS" never match.
    """
    if a.hyphen_parts is None or b.hyphen_parts is None or a.text == b.text:
        return False
    (head_a, tail_a), (head_b, tail_b) = a.hyphen_parts, b.hyphen_parts
    if tail_a.casefold() == tail_b.casefold():
        return head_a != head_b and (head_a.startswith(head_b) or head_b.startswith(head_a))
    if head_a != head_b:
        return False
    short, long_ = sorted((tail_a, tail_b), key=len)
    return short.isupper() and short == "".join(part[0] for part in re.findall(r"[A-Z][a-z]*", long_))


def are_misspellings(a: NameForm, b: NameForm) -> bool:
    """Same name spelt differently: "Centre"/"Center for ...", "Al Qaeda"/"Al Qaida", "Mohammad"/"Mohammed".

    Same word count; each differing word pair starts alike, has at least
    MIN_FUZZY_WORD letters and a rapidfuzz similarity over the threshold.
    Never for places, nationalities or acronyms.
    """
    if a.is_acronym or b.is_acronym or _family(a.label) != _family(b.label):
        return False
    if {a.label, b.label} & NO_FUZZY_TYPES or len(a.words) != len(b.words) or a.key == b.key:
        return False
    threshold = PERSON_WORD_SIMILARITY if a.is_person else OTHER_WORD_SIMILARITY
    for word_a, word_b in zip(a.words, b.words):
        if word_a == word_b:
            continue
        if min(len(word_a), len(word_b)) < MIN_FUZZY_WORD or word_a[0] != word_b[0]:
            return False
        if Indel.normalized_similarity(word_a, word_b) * 100 < threshold:
            return False
    return True


def are_plural_forms(a: NameForm, b: NameForm) -> bool:
    """A nationality and its plural: "Afghan" / "Afghans" (one of the two labelled NORP)."""
    if "NORP" not in {a.label, b.label} or a.is_person or b.is_person:
        return False
    short, long_ = sorted((a.key, b.key), key=len)
    return len(short) >= 3 and long_ == short + "s"


def defines(name: NameForm, acronym: NameForm) -> bool:
    """Whether `acronym` can abbreviate `name` when the text puts them side by side."""
    return acronym.is_acronym and not name.is_acronym and initials_match(acronym.text, name.text.split())


def same_full_name(a: NameForm, b: NameForm) -> bool:
    """One multi-word name under two labels ("Port Veldra" as GPE and as PERSON)."""
    return a.key == b.key and len(a.words) >= 2


def _symmetric_link(a: NameForm, b: NameForm) -> bool:
    return (same_full_name(a, b) or same_person(a, b) or are_hyphen_variants(a, b) or are_misspellings(a, b)
            or are_plural_forms(a, b))


def _directed_link(short: NameForm, full: NameForm) -> bool:
    return is_surname_of(short, full) or is_initialism_of(short, full)


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
    node = f"{_family(form.label)}:{form.key}"
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
            if _symmetric_link(a, b):
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
                        if _directed_link(short, full)}
                if len(fits) == 1:
                    groups.join(node, fits.pop())
                if fits:
                    break


def _short_key(form: NameForm) -> tuple[str, str] | None:
    """What a full form must share with `form` for `_directed_link` to hold: a person's
    last word (surname), or an acronym's first letter (initialism)."""
    if form.is_person and form.words:
        return ("surname", form.words[-1])
    letters = [ch for ch in _plain(form.text) if ch.isalpha()]
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
            exact = [entity for entity in exact if _family(entity.type) == _family(label)]
        if exact:
            return exact[0] if len(exact) == 1 else None
        return self._unique(lambda entity, known: self._related(form, known, label))

    def _related(self, form: NameForm, known: NameForm, label: str | None) -> bool:
        probe = NameForm(form.text, label or known.label)
        return _symmetric_link(probe, known) or _directed_link(probe, known)

    def _unique(self, fits) -> Entity | None:
        found = {entity.id: entity for entity, known in self._forms if fits(entity, known)}
        return next(iter(found.values())) if len(found) == 1 else None
