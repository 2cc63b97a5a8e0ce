"""Who is speaking: speaker spans, their role and affiliation, and resolution
of pronouns, surnames and descriptions ("Mr Jones", "he", "the analyst") to a
person or organisation named earlier in the same article.

No coreference model loads offline here, so resolution is rule-based over the
spaCy parse: a :class:`SpeakerResolver` walks the article in reading order,
remembers every named person (full name, role, affiliation) and every resolved
speaker, and answers each new subject from that memory. Everything works on
spaCy `Token`/`Span` objects of one `Doc`; names returned are plain strings
taken from the article text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.",
    "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.", "president", "senator",
    "sir", "dame", "lord", "lady", "judge", "justice", "minister",
}
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "them", "us", "who", "which", "that"}
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
AFFILIATION_PREPS = {"at", "for", "of", "with", "from", "in"}
# Clauses that describe a speaker rather than name it: left out of the speaker span.
DESCRIPTIVE_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "prep"}
# How far back (in sentences) a pronoun may reach for its antecedent.
PRONOUN_REACH = 3


@dataclass
class Speaker:
    """A resolved speaker: the span in the sentence and who it refers to.

    `start`/`end` are character offsets of the words naming the speaker in the
    quote's own sentence (possibly a pronoun); `name` is the resolved person or
    organisation (None when a pronoun has no safe antecedent); `label` is the
    spaCy entity label of the resolved name, or "NOUN" for descriptions.
    """

    start: int
    end: int
    name: str | None
    label: str
    role: str | None = None
    affiliation: str | None = None


@dataclass
class Person:
    """A named person or organisation seen in the article."""

    name: str
    label: str
    token_index: int
    role: str | None = None
    affiliation: str | None = None


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading honorifics ("Mr", "Dr.") and a trailing possessive from a name."""
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    if words and words[-1] in {"'s", "’s", "'", "’"}:
        words = words[:-1]
    return words


def name_key(name: str) -> tuple[str, ...]:
    """Lower-cased words of a name without dots: "Seth G. Jones" -> ("seth", "g", "jones")."""
    return tuple(word.strip(".").lower() for word in name.split() if word.strip("."))


def clean_name(span) -> str:
    """The text of a name span without honorifics or possessive."""
    words = strip_titles([token.text for token in span])
    return " ".join(words)


def entity_of(token):
    """The named-entity span holding `token`, or None."""
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def subject_head(subjects: list):
    """Pick the naming subject when the parser gives several ("An analyst, Seth Jones told")."""
    named = [token for token in subjects if token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN"]
    return (named or subjects)[-1]


def speaker_tokens(head) -> tuple[int, int]:
    """Token range [first, last] naming the speaker: the head with its left
    modifiers and compounds, plus a "for/of/at" phrase of a common-noun head
    ("a spokesman for the ministry"); appositions and relative clauses stay out.
    """
    first = head.i
    for child in head.lefts:
        if child.dep_ not in DESCRIPTIVE_DEPS:
            first = min(first, child.left_edge.i)
    last = head.i
    entity = entity_of(head)
    if entity is not None:
        first, last = min(first, entity.start), max(last, entity.end - 1)
    if head.pos_ == "NOUN":
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS and child.i == last + 1:
                last = child.right_edge.i
    return first, last


def phrase_without_determiner(tokens) -> str | None:
    """Text of `tokens` without a leading article; None when nothing is left."""
    words = [token for token in tokens if not (token.dep_ == "det" and token.lower_ in {"a", "an", "the"})]
    if not words:
        return None
    return words[0].doc[words[0].i: words[-1].i + 1].text


def role_and_affiliation(noun) -> tuple[str | None, str | None]:
    """Role and affiliation stated by a descriptive noun phrase headed by `noun`:
    "a counterterrorism analyst at the Soufan Group" -> ("counterterrorism analyst",
    "the Soufan Group"); "Afghanistan's former vice president" -> ("former vice
    president", "Afghanistan").
    """
    modifiers = [child for child in noun.lefts if child.dep_ in {"compound", "amod", "nmod"}]
    role_tokens = [token for child in modifiers for token in child.subtree] + [noun]
    role_tokens = sorted({token.i: token for token in role_tokens if token.pos_ != "PROPN"}.values(), key=lambda t: t.i)
    role = phrase_without_determiner(role_tokens) if role_tokens else None
    affiliation = None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                affiliation = noun.doc[objects[0].left_edge.i: objects[0].right_edge.i + 1].text
                break
    if affiliation is None:
        owners = [child for child in noun.lefts if child.dep_ == "poss"]
        propn = [child for child in modifiers if child.pos_ == "PROPN"]
        source = owners or propn
        if source:
            token = source[0]
            affiliation = clean_name(noun.doc[token.left_edge.i: token.i + 1])
    return role, affiliation


def describe(head) -> tuple[str | None, str | None]:
    """Role/affiliation of the speaker headed by `head` from an apposition or a
    pre-name description ("Stein spokeswoman Melezia Figueroa")."""
    appositions = [child for child in head.children if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"}]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        appositions.append(head.head)
    for noun in appositions:
        if noun.pos_ == "NOUN":
            return role_and_affiliation(noun)
    title_nouns = [child for child in head.lefts if child.dep_ == "compound" and child.pos_ == "NOUN"]
    if title_nouns:
        return role_and_affiliation(title_nouns[-1])
    return None, None


def sibling_description(head):
    """A descriptive common-noun subject beside a named one ("An Afghanistan
    specialist at CSIS, Seth G Jones told ..."), which parsers attach as a
    second subject of the verb."""
    for sibling in head.head.children:
        if sibling.i != head.i and sibling.dep_ == head.dep_ and sibling.pos_ == "NOUN" and sibling.i < head.i:
            return sibling
    return None


class SpeakerResolver:
    """Resolves speaker subjects of one document, in reading order.

    Call :meth:`resolve` with subject tokens in increasing position; every
    resolution is remembered and feeds later pronouns and descriptions.
    """

    def __init__(self, doc):
        self.doc = doc
        self.people: list[Person] = [
            Person(name=clean_name(ent), label=ent.label_, token_index=ent.start)
            for ent in doc.ents
            if ent.label_ in {"PERSON", "ORG"} and clean_name(ent)
        ]
        self.speakers: list[Person] = []

    # ----------------------------------------------------------- name lookup

    def full_name(self, name: str, label: str, before: int) -> str:
        """The fullest form of `name` in the article: "Jones" / "Mr Jones" -> "Seth G. Jones".

        Candidates are same-label mentions whose words end with `name`'s words
        and are longer than it; the most frequent form wins ("Hillary Clinton"
        over a one-off "Crooked Hillary Clinton"), then the longest, then the
        mention nearest before the speaker.
        """
        key = name_key(name)
        candidates = [
            person for person in self.people
            if person.label == label and len(name_key(person.name)) > len(key)
            and name_key(person.name)[-len(key):] == key
        ]
        if not candidates:
            return name
        counts = Counter(name_key(person.name) for person in candidates)
        best = max(counts, key=lambda form: (counts[form], len(form)))
        chosen = [person for person in candidates if name_key(person.name) == best]
        earlier = [person for person in chosen if person.token_index <= before] or chosen
        return min(earlier, key=lambda person: abs(person.token_index - before)).name

    def known(self, name: str) -> Person | None:
        """The remembered speaker with this name, if any."""
        for person in reversed(self.speakers):
            if name_key(person.name) == name_key(name):
                return person
        return None

    def remember(self, speaker: Speaker, token_index: int) -> None:
        if speaker.name is None:
            return
        person = self.known(speaker.name)
        if person is None:
            self.speakers.append(Person(speaker.name, speaker.label, token_index, speaker.role, speaker.affiliation))
            return
        person.token_index = token_index
        person.role = person.role or speaker.role
        person.affiliation = person.affiliation or speaker.affiliation
        speaker.role = speaker.role or person.role
        speaker.affiliation = speaker.affiliation or person.affiliation

    # ------------------------------------------------------------ resolution

    def antecedent_for_pronoun(self, token) -> Person | None:
        """The nearest earlier person for "he"/"she": the latest speaker or PERSON
        entity within PRONOUN_REACH sentences."""
        sentence_starts = [sent.start for sent in self.doc.sents if sent.start <= token.i]
        horizon = sentence_starts[-PRONOUN_REACH] if len(sentence_starts) >= PRONOUN_REACH else 0
        pool = [person for person in self.speakers + self.people
                if person.label == "PERSON" and horizon <= person.token_index < token.i]
        if not pool:
            return None
        return max(pool, key=lambda person: person.token_index)

    def antecedent_for_description(self, head) -> Person | None:
        """An earlier person whose stated role ends with this noun ("the analyst")."""
        for person in sorted(self.speakers, key=lambda p: -p.token_index):
            if person.token_index < head.i and person.role and person.role.lower().split()[-1] in {head.lower_, head.lemma_}:
                return person
        return None

    def resolve(self, head) -> Speaker:
        """Resolve the subject token `head` of a reporting verb to a :class:`Speaker`."""
        first, last = speaker_tokens(head)
        span = self.doc[first: last + 1]
        speaker = Speaker(start=span.start_char, end=span.end_char, name=None, label="NOUN")
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSONAL_PRONOUNS | OTHER_PRONOUNS:
            antecedent = self.antecedent_for_pronoun(head) if lower in PERSONAL_PRONOUNS else None
            if antecedent is not None:
                speaker.name, speaker.label = antecedent.name, antecedent.label
        else:
            self.name_speaker(speaker, head, span)
        self.remember(speaker, head.i)
        return speaker

    def name_speaker(self, speaker: Speaker, head, span) -> None:
        """Fill name, label, role and affiliation of a non-pronoun subject."""
        entity = entity_of(head)
        if entity is not None and entity.label_ in NAME_LABELS:
            label = entity.label_ if entity.label_ in {"PERSON", "ORG"} else "ORG"
            speaker.name = self.full_name(clean_name(entity), label, head.i)
            speaker.label = label
        elif head.pos_ == "PROPN":
            speaker.name = self.full_name(clean_name(span), "PERSON", head.i)
            speaker.label = "PERSON"
        else:
            determiners = {child.lower_ for child in head.lefts if child.dep_ == "det"}
            antecedent = self.antecedent_for_description(head) if "the" in determiners else None
            if antecedent is not None:
                speaker.name, speaker.label = antecedent.name, antecedent.label
                speaker.role, speaker.affiliation = antecedent.role, antecedent.affiliation
                return
            speaker.name = phrase_without_determiner(list(span))
            speaker.role, speaker.affiliation = role_and_affiliation(head)
            return
        description = sibling_description(head)
        if description is not None:
            speaker.role, speaker.affiliation = role_and_affiliation(description)
        else:
            speaker.role, speaker.affiliation = describe(head)
