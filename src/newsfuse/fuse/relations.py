"""Relations between a story's actors, each with the sentences that state it.

`extract_relations(story, entities)` reads every sentence holding entity
mentions as a template in which each mention linked to an entity (through
:class:`EntityIndex`) is a slot, and matches clause patterns built from verb
and noun lexicons:

* rival-of      "X and Y are rivals", "X has been fighting Y", "one of Y's adversaries"
* allied-with   "X, Y and Z function as a triumvirate", "the X-Y-Z alliance", "X and Y are allies"
* part-of       "X is a branch of Y", "Y (of which X is a part)", "X is one of the affiliates that Y ..."
* leads         "Y leader P", "P, the leader of Y", "Y is led by P", "under the leadership of P, the group"
* attacked      "X attacked Y", "Y was targeted by X", "X's attack on Y"
* blamed        "X blamed Y", "X blamed the attack on Y", "Y was accused by X"
* member-of     "P, a member of Y"
* defected-from "P defected from Y", "P was a former Y commander before defecting"

Why patterns over text rather than the dependency parse: en_core_web_sm
mis-parses the very lists these relations live in ("The Taliban, Haqqani
network, and Al Qaeda function as a triumvirate" comes out with "network" as
the subject of a later verb), while a slot template keeps the list intact.

Precision over recall: a clause with a negation ("is not an affiliate of") or
a question is skipped, both ends must be linked entities of fitting types, and
"the group"/"the branch" stands for an entity only when the sentences just
before name exactly one organisation. When a person is said to lead both a
group and the larger group it is part of ("ISIS leader" in a rewrite, "the
branch" under his leadership in the source), only the narrower claim is kept.

The same relation from several sentences or articles is one :class:`Relation`
with all its evidence; symmetric relations (rival-of, allied-with) are stored
once per pair. Subjects and objects are entity names.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from newsfuse.fuse.entities import EntityIndex
from newsfuse.models import Entity, Evidence, Relation, Story

SYMMETRIC = frozenset({"rival-of", "allied-with"})
ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
BODIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
GROUPS = frozenset({"ORG", "NORP"})
# Entity types allowed at each end of a predicate: (subject types, object types).
ROLE_TYPES = {
    "rival-of": (ACTORS, ACTORS),
    "allied-with": (ACTORS, ACTORS),
    "part-of": (BODIES, BODIES),
    "leads": (frozenset({"PERSON"}), BODIES),
    "attacked": (ACTORS, ACTORS | BODIES),
    "blamed": (ACTORS, ACTORS),
    "member-of": (frozenset({"PERSON"}), GROUPS),
    "defected-from": (frozenset({"PERSON", "ORG"}), GROUPS),
}
NEGATION_RE = re.compile(r"\b(?:not|never|no longer|nor|neither|deny|denies|denied|rejects?|rejected)\b|n't\b",
                         re.IGNORECASE)
# Nouns by which a sentence refers back to an organisation named just before.
BACK_REFERENCE_NOUNS = "group|branch|organi[sz]ation|movement|network|militia|affiliate|faction|outfit|offshoot"
BACK_REFERENCE_RE = re.compile(rf"\b[Tt]he (?:{BACK_REFERENCE_NOUNS})\b(?! of)")
# Sentences searched backwards for the organisation "the group" refers to.
BACK_REFERENCE_SENTENCES = 2

SLOT = "\ue000"  # private-use characters bracket a slot number in a template
SLOT_END = "\ue001"
_E = f"{SLOT}\\d+{SLOT_END}"
_ADJ = r"(?:[\w-]+ ){0,3}?"  # up to three modifiers: "bitter", "main", "first-tier"
RIVAL_NOUNS = r"(?:arch-?)?(?:rivals?|enem(?:y|ies)|adversar(?:y|ies)|foes?|competitors?)"
FIGHT_VERBS = r"(?:fighting|fought|fights|fight|battling|battled|battles|battle)"
ALLIANCE_NOUNS = r"(?:triumvirate|alliance|coalition|bloc|axis|partnership)"
UNIT_NOUNS = r"(?:part|branch|affiliate|offshoot|wing|faction|subsidiary|arm|franchise|chapter|province|splinter group)"
UNIT_PLURALS = r"(?:branches|affiliates|offshoots|wings|factions|subsidiaries|arms|franchises|chapters|provinces)"
LEADER_NOUNS = r"(?:leader|chief|head|emir|commander-in-chief)"
ATTACK_VERBS = r"(?:attacked|attacks|attack|struck|strikes|targeted|targets|bombed|bombs|ambushed|raided|shelled|invaded|assaulted|stormed)"
ATTACK_NOUNS = r"(?:attacks?|strikes?|assaults?|bombings?|raids?|offensive)"
BE = r"(?:is|are|was|were|remains?|remained|has been|have been|had been|became|becomes|has become)"


@dataclass(frozen=True)
class Pattern:
    """A clause pattern: `{A}`, `{B}` are single slots, `{LIST}` a list of slots ("X, Y and Z").

    With `{LIST}` every pair in the list gets the predicate; otherwise A is
    the subject, B the object. `negative` patterns are ones whose meaning
    holds a negation ("no love lost"), so the negation guard is off.
    """

    predicate: str
    template: str
    negative: bool = False

    @property
    def regex(self) -> re.Pattern:
        body = (self.template
                .replace("{A}", f"(?P<a>{_E})")
                .replace("{B}", f"(?P<b>{_E})")
                .replace("{LIST}", f"(?P<list>{_E}(?:\\s*,\\s*{_E})*,?\\s+(?:and|&)\\s+{_E})")
                .replace("{CHAIN}", f"(?P<list>{_E}(?:\\s*[-–/]\\s*{_E})+)"))
        return re.compile(body, re.IGNORECASE)


PATTERNS = [
    Pattern("rival-of", rf"{{LIST}} {BE} {_ADJ}{RIVAL_NOUNS}\b"),
    Pattern("rival-of", rf"{{A}},? (?:{BE} )?(?:an?|the) {_ADJ}{RIVAL_NOUNS} of {{B}}"),
    Pattern("rival-of", rf"{{A}} (?:(?:has|have|had|is|are|was|were) )?(?:been )?(?:\w+ )?{FIGHT_VERBS} (?:against )?{{B}}"),
    Pattern("rival-of", rf"{{A}}[^{SLOT};.]{{0,50}}? (?:its|their) (?:[\w-]+ )?(?:fight|war|battle|campaign|struggle) against {{B}}"),
    Pattern("rival-of", rf"{{B}} (?:as|{BE}) one of {{A}}['’]s? {_ADJ}{RIVAL_NOUNS}"),
    Pattern("rival-of", rf"{{A}}['’]s? {_ADJ}{RIVAL_NOUNS},? {{B}}"),
    Pattern("rival-of", rf"(?:rivalry|war|feud|clashes|fighting|conflict|enmity|hostility) between {{A}} and {{B}}"),
    Pattern("rival-of", rf"no love lost between {{A}} and {{B}}", negative=True),
    Pattern("allied-with", rf"{{LIST}},? (?:\w+ )?(?:function|functions|functioned|operate|operates|operated|act|acts|acted|work|works|worked|are|were|form|formed) (?:together )?as (?:an?|the) {_ADJ}{ALLIANCE_NOUNS}"),
    Pattern("allied-with", rf"{{CHAIN}} {_ADJ}{ALLIANCE_NOUNS}"),
    Pattern("allied-with", rf"{{LIST}} {BE} (?:\w+ )?(?:allies|allied|partners)\b"),
    Pattern("allied-with", rf"{{A}} (?:{BE} )?(?:\w+ )?allied (?:with|to) {{B}}"),
    Pattern("allied-with", rf"{{A}},? (?:{BE} )?(?:an?|the) {_ADJ}ally of {{B}}"),
    Pattern("allied-with", rf"{{LIST}} (?:\w+ )?(?:work|works|worked|working|operate|operates|operated) (?:closely )?(?:together|hand[- ]in[- ](?:hand|glove))"),
    Pattern("allied-with", rf"{ALLIANCE_NOUNS} (?:between|of) {{A}} and {{B}}"),
    Pattern("part-of", rf"{{A}},? (?:{BE} )?(?:an?|the|one) {_ADJ}{UNIT_NOUNS} of {{B}}"),
    Pattern("part-of", rf"{{A}} {BE} {_ADJ}part of {{B}}"),
    Pattern("part-of", rf"{{A}} {BE} (?:an?|the) {_ADJ}{{B}} {UNIT_NOUNS}\b"),
    Pattern("part-of", rf"{{B}}[^{SLOT};.]{{0,60}}?\(?,?\s*of which {{A}} (?:is|was|remains) (?:a |an )?(?:\w+ )?part"),
    Pattern("part-of", rf"{{A}} {BE} one of (?:the |its )?(?:\w+ )?{UNIT_PLURALS} (?:of|that|which) {{B}}"),
    Pattern("part-of", rf"{{B}}['’]s? {_ADJ}{UNIT_NOUNS}(?: in [A-Z][\w ]{{0,30}}?)?,? {{A}}"),
    Pattern("leads", rf"{{B}} {LEADER_NOUNS},? {{A}}"),
    Pattern("leads", rf"{{B}}['’]s? {_ADJ}{LEADER_NOUNS},? {{A}}"),
    Pattern("leads", rf"{{A}},? (?:who (?:is|was) )?(?:an?|the) {_ADJ}{LEADER_NOUNS} of {{B}}"),
    Pattern("leads", rf"{{A}},? (?:who )?(?:leads|led|heads|headed|commands|commanded) {{B}}"),
    Pattern("leads", rf"{{B}} (?:{BE} )?(?:led|headed|commanded) by {{A}}"),
    Pattern("leads", rf"under the leadership of (?:an? |the |its |their )?{_ADJ}(?:{LEADER_NOUNS},? )?{{A}},? {{B}}"),
    Pattern("attacked", rf"{{A}} (?:(?:has|have|had) )?{ATTACK_VERBS} {{B}}"),
    Pattern("attacked", rf"{{B}} (?:was|were|has been|have been|had been) (?:attacked|targeted|struck|bombed|ambushed|raided|stormed) by {{A}}"),
    Pattern("attacked", rf"{ATTACK_NOUNS} (?:by|from) {{A}} (?:on|against) {{B}}"),
    Pattern("attacked", rf"{{A}}['’]s? {_ADJ}{ATTACK_NOUNS} (?:on|against) {{B}}"),
    Pattern("blamed", rf"{{A}} (?:(?:has|have|had) )?(?:blamed|blames|blame|accused|accuses|accuse) {{B}}"),
    Pattern("blamed", rf"{{A}} (?:(?:has|have|had) )?(?:blamed|blames|blame|pinned|pins) (?:the |this |that |it )?(?:\w+ )?(?:on|upon) {{B}}"),
    Pattern("blamed", rf"{{A}} (?:(?:has|have|had) )?(?:held|holds|hold) {{B}} responsible"),
    Pattern("blamed", rf"{{B}} (?:was|were|has been|have been|had been) (?:blamed|accused) by {{A}}"),
    Pattern("member-of", rf"{{A}},? (?:{BE} )?(?:an?|the) {_ADJ}member of {{B}}"),
    Pattern("defected-from", rf"{{A}},? (?:(?:has|have|had) )?(?:defected|broke away|split) from {{B}}"),
    Pattern("defected-from", rf"{{A}}[^{SLOT};.]{{0,60}}? former {_ADJ}{{B}} (?:commander|member|fighter|official|leader|militant)s? (?:before|until|and then|then|but) defect\w*"),
]
_COMPILED = [(pattern, pattern.regex) for pattern in PATTERNS]


# ------------------------------------------------------------------ templates


@dataclass
class Slot:
    entity: Entity
    start: int
    end: int


@dataclass
class Template:
    """A sentence with each linked mention replaced by a numbered slot.

    `origin[i]` is the article offset of template character i (one past the
    last character for the template's end), so a match maps back to evidence.
    """

    text: str = ""
    origin: list[int] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)

    def add_text(self, text: str, start: int) -> None:
        self.text += text.replace(SLOT, " ").replace(SLOT_END, " ")
        self.origin.extend(range(start, start + len(text)))

    def add_slot(self, slot: Slot) -> None:
        marker = f"{SLOT}{len(self.slots)}{SLOT_END}"
        self.slots.append(slot)
        self.text += marker
        self.origin.extend([slot.start] * (len(marker) - 1) + [slot.end - 1])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets of template characters start..end (end exclusive)."""
        return self.origin[start], self.origin[end - 1] + 1

    def slot(self, marker: str) -> Slot:
        return self.slots[int(marker.strip(SLOT + SLOT_END))]


def _build_template(text: str, sentence_start: int, sentence_end: int, slots: list[Slot]) -> Template:
    template = Template()
    position = sentence_start
    for slot in sorted(slots, key=lambda s: s.start):
        if slot.start < position:
            continue
        article_det = re.search(r"\b[Tt]he\s+$", text[position:slot.start])
        cut = position + article_det.start() if article_det else slot.start
        template.add_text(text[position:cut], position)
        template.add_slot(Slot(slot.entity, cut, slot.end))
        position = slot.end
    template.add_text(text[position:sentence_end], position)
    return template


# ------------------------------------------------------------------ extraction


@dataclass
class _Found:
    subject: Entity
    predicate: str
    object: Entity
    evidence: Evidence


def extract_relations(story: Story, entities: list[Entity]) -> list[Relation]:
    """Relations between `entities` stated in `story`, merged across articles.

    Returns :class:`Relation` records (subject and object are entity names),
    most evidenced first; each evidence span is the matched clause.
    """
    index = EntityIndex(entities)
    found: list[_Found] = []
    for article in story.articles:
        annotations = story.annotations.get(article.id)
        if annotations is not None:
            found.extend(_article_relations(story, article.id, annotations, index))
    return _merge(_prefer_narrower_leadership(found))


def _article_relations(story: Story, article_id: str, annotations, index: EntityIndex) -> list[_Found]:
    text = story.by_id[article_id].text
    linked = [(mention, index.find(mention.text, mention.label)) for mention in annotations.entities]
    linked = [(mention, entity) for mention, entity in linked if entity is not None]
    found = []
    for number, sentence in enumerate(annotations.sentences):
        slots = [Slot(entity, m.start, m.end) for m, entity in linked
                 if sentence.start <= m.start and m.end <= sentence.end]
        slots += _back_references(text, annotations.sentences, number, linked, slots)
        if len(slots) < 2 or sentence.text.rstrip().endswith("?"):
            continue
        template = _build_template(text, sentence.start, sentence.end, slots)
        found.extend(_match(story, article_id, template))
    return found


def _back_references(text, sentences, number, linked, slots) -> list[Slot]:
    """Slots for "the group"/"the branch" in sentence `number` when it can only mean one organisation.

    The organisation is the single ORG entity named in the nearest earlier
    sentence (within BACK_REFERENCE_SENTENCES) that names any; a phrase after
    an ORG already named in its own sentence is left alone (ambiguous).
    """
    sentence = sentences[number]
    references = []
    for match in BACK_REFERENCE_RE.finditer(text, sentence.start, sentence.end):
        start = match.start()
        if any(slot.entity.type == "ORG" and slot.start < start for slot in slots):
            continue
        antecedent = _only_organisation_before(sentences, number, linked)
        if antecedent is not None:
            references.append(Slot(antecedent, start, match.end()))
    return references


def _only_organisation_before(sentences, number, linked) -> Entity | None:
    for earlier in range(number - 1, max(-1, number - 1 - BACK_REFERENCE_SENTENCES), -1):
        span = sentences[earlier]
        organisations = {entity.id: entity for mention, entity in linked
                         if entity.type == "ORG" and span.start <= mention.start < span.end}
        if organisations:
            return next(iter(organisations.values())) if len(organisations) == 1 else None
    return None


def _match(story: Story, article_id: str, template: Template) -> list[_Found]:
    found = []
    for pattern, regex in _COMPILED:
        for match in regex.finditer(template.text):
            if not pattern.negative and NEGATION_RE.search(match.group(0)):
                continue
            start, end = template.span(match.start(), match.end())
            evidence = story.evidence(article_id, start, end)
            for subject, obj in _pairs(pattern, match, template):
                if _fits(pattern.predicate, subject, obj):
                    found.append(_Found(subject, pattern.predicate, obj, evidence))
    return found


def _pairs(pattern: Pattern, match: re.Match, template: Template) -> list[tuple[Entity, Entity]]:
    if "list" in match.groupdict() and match.group("list"):
        members = [template.slot(marker).entity for marker in re.findall(_E, match.group("list"))]
        return list(itertools.combinations(members, 2))
    return [(template.slot(match.group("a")).entity, template.slot(match.group("b")).entity)]


def _fits(predicate: str, subject: Entity, obj: Entity) -> bool:
    subject_types, object_types = ROLE_TYPES[predicate]
    return subject.id != obj.id and subject.type in subject_types and obj.type in object_types


# ------------------------------------------------------------------ merging


def _prefer_narrower_leadership(found: list[_Found]) -> list[_Found]:
    """Drop "P leads Y" when P is also said to lead X and X is part of Y."""
    parts = {(f.subject.id, f.object.id) for f in found if f.predicate == "part-of"}
    led = defaultdict(set)
    for f in found:
        if f.predicate == "leads":
            led[f.subject.id].add(f.object.id)
    return [f for f in found
            if not (f.predicate == "leads"
                    and any((narrower, f.object.id) in parts for narrower in led[f.subject.id]))]


def _merge(found: list[_Found]) -> list[Relation]:
    merged: dict[tuple[str, str, str], list] = {}
    for f in found:
        subject, obj = f.subject, f.object
        if f.predicate in SYMMETRIC and _order(obj) < _order(subject):
            subject, obj = obj, subject
        key = (subject.id, f.predicate, obj.id)
        entry = merged.setdefault(key, [subject, obj, []])
        if f.evidence not in entry[2]:
            entry[2].append(f.evidence)
    relations = [Relation(subject=subject.name, predicate=predicate, object=obj.name,
                          evidence=sorted(evidence, key=lambda e: (e.article, e.start)))
                 for (_, predicate, _), (subject, obj, evidence) in merged.items()]
    relations.sort(key=lambda r: (-len({e.article for e in r.evidence}), -len(r.evidence),
                                  r.predicate, r.subject, r.object))
    return relations


def _order(entity: Entity) -> tuple[int, str]:
    """Entities by id number: the more mentioned one comes first in a symmetric pair."""
    return (int(entity.id[1:]) if entity.id[1:].isdigit() else 0, entity.id)
