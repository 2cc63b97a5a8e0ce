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
RELATIVE_PRONOUNS = {"who", "which", "that"}
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


def name_key(name: str) -> tuple[str, ...]:
    """Lower-cased words of a name without dots: "Seth G. Jones" -> ("seth", "g", "jones")."""
    return tuple(word.strip(".").lower() for word in name.split() if word.strip("."))


def clean_name(span) -> str:
    """The text of a name span without honorifics or possessive."""
    tokens = list(span)
    while len(tokens) > 1 and tokens[0].lower_ in TITLES:
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in {"'s", "’s", "'", "’"}):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return span.doc[tokens[0].i: tokens[-1].i + 1].text


def entity_of(token):
    """The named-entity span holding `token`, or None."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    entities = doc[start:end].ents
    return entities[0] if entities else None


def subject_head(subjects: list):
    """Pick the subject when the parser gives several: the named one after a
    comma ("An analyst at CSIS, Seth Jones told"), else the first ("analysts
    interviewed by AFP said")."""
    subjects = sorted(subjects, key=lambda token: token.i)
    for token in subjects[1:]:
        named = token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN"
        if named and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ",":
            return token
    return subjects[0]


def named_apposition(head):
    """The name in "Afghanistan's former vice president Amrullah Saleh" when the
    parser made the title the head and the name its apposition."""
    if head.pos_ != "NOUN":
        return None
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and child.i == head.right_edge.i:
            return child
    return None


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
    # Never reach over a line break (a headline glued to the first sentence).
    while first < head.i and "\n" in head.doc[first: head.i].text:
        first += 1
    while last > head.i and "\n" in head.doc[head.i: last + 1].text:
        last -= 1
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
    affiliation = None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                affiliation = noun.doc[objects[0].left_edge.i: objects[0].right_edge.i + 1].text
                break
    role_tokens = [token for child in modifiers for token in child.subtree] + [noun]
    # A proper noun before the role names the employer ("Stein spokeswoman")
    # unless a preposition already does ("an Afghanistan specialist at CSIS").
    role_tokens = sorted({token.i: token for token in role_tokens
                          if token.pos_ != "PROPN" or affiliation is not None}.values(), key=lambda t: t.i)
    role = phrase_without_determiner(role_tokens) if role_tokens else None
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
    appositions = [child for child in head.children if child.dep_ == "appos" and child.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        appositions.append(head.head)
    if appositions:
        return role_and_affiliation(appositions[0])
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
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i < head.i:
            # "a staffer who told ...": the pronoun names the noun its clause modifies
            antecedent = self.resolve(head.head.head)
            antecedent.start, antecedent.end = speaker.start, speaker.end
            return antecedent
        if head.pos_ == "PRON" or lower in PERSONAL_PRONOUNS | OTHER_PRONOUNS:
            antecedent = self.antecedent_for_pronoun(head) if lower in PERSONAL_PRONOUNS else None
            if antecedent is not None:
                speaker.name, speaker.label = antecedent.name, antecedent.label
        else:
            self.name_speaker(speaker, head, span)
        self.remember(speaker, head.i)
        return speaker

    def named(self, name: str, label: str, span, position: int) -> tuple[str, str]:
        """(full name, label) of a proper name: a title ("Mr Clarke") makes it a
        person, and a surname the tagger mislabels ("Clarke" as ORG) still finds
        the person named in full earlier."""
        if any(token.lower_ in TITLES for token in span):
            label = "PERSON"
        elif label not in {"PERSON", "ORG"}:
            label = "ORG"  # nations and groups speak as organisations
        full = self.full_name(name, label, position)
        if full == name and label != "PERSON":
            person = self.full_name(name, "PERSON", position)
            if person != name:
                return person, "PERSON"
        return full, label

    def name_speaker(self, speaker: Speaker, head, span) -> None:
        """Fill name, label, role and affiliation of a non-pronoun subject."""
        name = named_apposition(head)
        if name is not None:
            speaker.name = self.full_name(clean_name(entity_of(name) or span), "PERSON", head.i)
            speaker.label = "PERSON"
            speaker.role, speaker.affiliation = role_and_affiliation(head)
            return
        entity = entity_of(head)
        if entity is not None and entity.label_ in NAME_LABELS or head.pos_ == "PROPN":
            name = clean_name(entity if entity is not None else span)
            speaker.name, speaker.label = self.named(name, entity.label_ if entity is not None else "PERSON", span, head.i)
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
