"""Who is speaking: resolution of a speaker's words (a name, a surname, "Mr
Jones", "he", "the analyst", "the company") to a person or organisation named
in the same article, with a confidence, abstaining when unsure. The words
around the name (span, role, affiliation) are read by :mod:`newsfuse.annotate.roles`.

No coreference model loads offline here, so resolution works over the
spaCy parse: a :class:`SpeakerResolver` walks the article in reading order,
remembers every named person (full name, role, affiliation) and every resolved
speaker, and answers each new subject from that memory. A "he"/"she" goes to
the earlier person outside quotation marks (or the main subject its phrase
leads up to: "In his speech, Smith said") whose gender, when the text or the
first name states it, agrees, as ranked by the small learned model of
:mod:`newsfuse.annotate.antecedents`; below its confidence threshold (two
people close in salience, one weak candidate) the speaker stays unknown.
Descriptions ("the mayor", "the company") resolve by rules. Everything works on
spaCy `Token`/`Span` objects of one `Doc`; names returned are plain strings
taken from the article text.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace

from newsfuse.annotate.antecedents import (MIN_PRONOUN_CONFIDENCE, PRONOUN_REACH, SOLE_PERSON_CONFIDENCE, Mention,
                                           candidate_features, cataphoric, in_own_report, longest_forms,
                                           most_common_form, names_a_modifier, rank,
                                           without_run_on_words)
from newsfuse.annotate.descriptions import (ORGANISATION_NOUNS, Descriptions, capitalised_description, definiteness,
                                             is_description_head, new_someone,
                                             owner_of, person_name, place_names, resolve_person_description)
from newsfuse.annotate.gender import GENDER_WORDS, first_name_gender, span_gender, word_gender
from newsfuse.annotate.roles import (NAME_LABELS, SUBJECT_DEPS, TITLES, clause_role, clean_name, entity_of,
                                     inside_spans, named_apposition, person_spans, phrase_without_determiner,
                                     role_and_affiliation, role_fits, sibling_description, speaker_tokens,
                                     stated_role, title_of)
from newsfuse.text import name_key

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "them", "us", "who", "which", "that"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Confidence (0-1) below which a description is left unresolved:
# "speaker not identified" beats the nearest name.
MIN_CONFIDENCE = 0.6
# Words before the end of a longer name that make it another body's name.
NAME_JOINERS = frozenset("of for and on the".split())


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


def drop_restated_description(speaker: Speaker) -> None:
    """Clear a role or affiliation the speaker's name already says: a speaker
    named by a description ("analysts", "the NYT report") is its own role."""
    said = set(name_key(speaker.name or ""))
    if speaker.role and set(name_key(speaker.role)) <= said:
        speaker.role = None
    if speaker.affiliation and set(name_key(speaker.affiliation)) <= said:
        speaker.affiliation = None


class SpeakerResolver:
    """Resolves speaker subjects of one document, in reading order.

    Call :meth:`resolve` with subject tokens in increasing position; every
    resolution is remembered and feeds later pronouns and descriptions.
    """

    def __init__(self, doc, quoted: list[tuple[int, int]] = (), known_people: list[tuple[int, int]] = ()):
        """`quoted` are the character spans inside quotation marks: people named
        there are not antecedents of the pronoun that attributes the quote.
        `known_people` are character spans of names known to be people that
        the tagger may have missed."""
        self.doc = doc
        self.quoted = sorted(quoted)
        self.people: list[Person] = [
            Person(name=person_name(ent), label="PERSON" if title_of(ent) is not None else ent.label_,
                   token_index=ent.start)
            for ent in doc.ents
            if ent.label_ in {"PERSON", "ORG"} and person_name(ent)
        ]
        self.speakers: list[Person] = []
        self.sentence_starts, self.sentence_numbers = self.number_sentences()
        self.genders: dict[tuple[str, ...], set[str]] = {}
        self.descriptions: dict[tuple[str, ...], tuple[str | None, str | None]] = {}
        self.mentions: list[Mention] = []
        self.name_at: dict[int, str] = {}  # token index -> full name of the person its name words name
        places = place_names(doc)
        spans = [span for span in without_run_on_words(person_spans(doc, known_people))
                 if name_key(person_name(span)) not in places]
        for span in spans:
            name = person_name(span)
            if name:
                full = self.full_name(name, "PERSON", span.start)
                self.name_at.update(dict.fromkeys(range(span.start, span.end), full))
            if name and not inside_spans(span.start_char, self.quoted):
                self.add_mention(full, "PERSON", span.root, span_gender(span))
                role = stated_role(span, span.root)
                if role[0] is not None:
                    self.descriptions.setdefault(name_key(full), role)
        self.described = Descriptions.read(doc, self.name_at, spans)

    def number_sentences(self) -> tuple[list[int], list[int]]:
        """Start token of every sentence and its number counted over sentences
        with words outside quotation marks (a quote-only sentence adds no distance)."""
        starts, numbers, count = [], [], -1
        for sentence in self.doc.sents:
            if any(token.is_alpha and not inside_spans(token.idx, self.quoted) for token in sentence):
                count += 1
            starts.append(sentence.start)
            numbers.append(max(count, 0))
        return starts, numbers

    def sentence_number(self, token) -> int:
        return self.sentence_numbers[bisect.bisect_right(self.sentence_starts, token.i) - 1]

    def add_mention(self, name: str, label: str, token, gender: str | None) -> None:
        """Remember a mention of a person at `token`, and the gender the text states."""
        self.mentions.append(Mention(name, label, token.i, self.sentence_number(token), clause_role(token)))
        if gender is not None:
            self.genders.setdefault(name_key(name), set()).add(gender)

    def gender_of(self, name: str) -> str | None:
        """The gender of `name`: as the text states it (a title, a gendered
        noun beside the name, a pronoun resolved to it) when it states one,
        else as its first name tells; None when unknown or contradictory."""
        stated = self.genders.get(name_key(name), set())
        if stated:
            return next(iter(stated)) if len(stated) == 1 else None
        return first_name_gender(name)

    def gender_fits(self, name: str, gender: str | None) -> bool:
        """False only when `name` is known to be of another gender than `gender`."""
        known = self.gender_of(name)
        return gender is None or known is None or gender == known

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
            and name_key(person.name)[-len(key) - 1] not in NAME_JOINERS  # "Congress" is not "Library of Congress"
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
        """Keep a resolved speaker for later pronouns and descriptions; a
        speaker and its earlier mentions share what they state of role and
        affiliation ("Paul Ventris, the chief executive of ..." then "Mr Ventris said")."""
        if speaker.name is None:
            return
        if speaker.role is None and speaker.label == "PERSON":
            speaker.role, speaker.affiliation = self.descriptions.get(name_key(speaker.name), (None, None))
        person = self.known(speaker.name)
        if person is None:
            self.speakers.append(Person(speaker.name, speaker.label, token_index, speaker.role, speaker.affiliation))
            return
        person.token_index = token_index
        # role and affiliation go together: "Gov." of one mention and
        # "Clinton" of "a Clinton surrogate" make no "Gov., Clinton"
        if person.role is None and person.affiliation is None:
            person.role, person.affiliation = speaker.role, speaker.affiliation
        if speaker.role is None and speaker.affiliation is None:
            speaker.role, speaker.affiliation = person.role, person.affiliation

    # ------------------------------------------------------------ resolution

    def pronoun_candidates(self, token) -> list[tuple[Mention, list[float]]]:
        """The people "he"/"she" at `token` may refer to, each as a mention
        under their fullest name and its
        :func:`~newsfuse.annotate.antecedents.candidate_features`: people named
        outside quotation marks before the pronoun within PRONOUN_REACH
        sentences, or later in its sentence as the main subject the pronoun's
        phrase leads up to ("In his speech, Smith said"), whose gender does not
        contradict it, never one named in the words the pronoun reports
        ("Jackson was on probation, he said"). Mentions of one name ("Polly", "Simmons", "Polly Simmons")
        count as one person."""
        gender = GENDER_WORDS.get(token.lower_)
        here = self.sentence_number(token)
        earlier = sorted((mention for mention in self.mentions
                          if mention.token_index < token.i and not in_own_report(token, mention)),
                         key=lambda mention: mention.token_index)
        later = [mention for mention in self.mentions if cataphoric(token, mention, here)]
        fullest = longest_forms([name_key(mention.name) for mention in earlier + later])
        people: dict[tuple[str, ...], list[Mention]] = {}
        for mention in earlier + later:
            if here - mention.sentence <= PRONOUN_REACH:
                people.setdefault(fullest[name_key(mention.name)], []).append(mention)
        people = {key: mentions for key, mentions in people.items()
                  if all(self.gender_fits(mention.name, gender) for mention in mentions)
                  and not all(names_a_modifier(self.doc[mention.token_index]) for mention in mentions)}
        counts = Counter(fullest[name_key(mention.name)] for mention in earlier)
        everywhere = Counter(fullest.get(name_key(mention.name), name_key(mention.name)) for mention in self.mentions)
        first = fullest[name_key(earlier[0].name)] if earlier else None
        ordered = sorted(people.items(), key=lambda item: abs(token.i - item[1][-1].token_index))
        return [(replace(mentions[-1], name=most_common_form([mention.name for mention in mentions])),
                 candidate_features(
                     token, mentions, here=here, rank=rank, mention_count=counts[key], first_named=key == first,
                     all_mentions=everywhere[key],
                     others_between=sum(1 for mention in earlier if mention.token_index > mentions[-1].token_index
                                        and fullest[name_key(mention.name)] != key),
                     gender_agrees=gender is not None and any(self.gender_of(m.name) == gender for m in mentions)))
                for rank, (key, mentions) in enumerate(ordered)]

    def antecedent_for_pronoun(self, token) -> tuple[Mention | None, float]:
        """The person "he"/"she" at `token` refers to, and the confidence: the
        model's choice (:func:`~newsfuse.annotate.antecedents.rank`), except
        that the subject pronoun of an attribution continues the speaker of
        the attribution just before (this sentence or the last) when that
        speaker is a candidate ("Dan Stein said de Kock ... . "...," he said").
        The model, fitted on text without speakers, cannot know this."""
        candidates = self.pronoun_candidates(token)
        antecedent, confidence = rank(candidates, self.doc)
        earlier = [person for person in self.speakers if person.token_index < token.i and person.label == "PERSON"]
        if token.dep_ not in SUBJECT_DEPS or not earlier:
            return antecedent, confidence
        last = max(earlier, key=lambda person: person.token_index)
        if self.sentence_number(token) - self.sentence_number(self.doc[last.token_index]) > 1:
            return antecedent, confidence
        for mention, _ in candidates:
            if name_key(mention.name) == name_key(last.name):
                return mention, max(confidence, SOLE_PERSON_CONFIDENCE)
        return antecedent, confidence

    def pronoun_name(self, token) -> str | None:
        """The name "he"/"she" at `token` confidently refers to, else None."""
        antecedent, confidence = self.antecedent_for_pronoun(token)
        return antecedent.name if antecedent is not None and confidence >= MIN_PRONOUN_CONFIDENCE else None

    def antecedent_for_description(self, head) -> tuple[str | None, str, float]:
        """(name, label, confidence) of the one the description headed by
        `head` refers to ("the analyst", "the actress", "the company"), or
        (None, "NOUN", 0.0).

        An earlier speaker or person named with a role ending with the noun
        ("Mayor Elena Brisk", "Paul Ventris, the chief executive") is sure.
        A noun like "company" is the one organisation named in the last
        PRONOUN_REACH sentences, if only one is. Any other description goes
        to :func:`~newsfuse.annotate.descriptions.resolve_person_description`
        (its own phrase, the article's descriptions of its people, the most
        named person).
        """
        lemma, owner = head.lemma_.lower(), owner_of(head)
        if owner is None and not new_someone(head, self.sentence_number(head), named_before=True):
            for person in sorted(self.speakers, key=lambda p: -p.token_index):
                if person.token_index < head.i and role_fits(head, person.role):
                    return person.name, person.label, 1.0
            for mention in sorted(self.mentions, key=lambda m: -m.token_index):
                if mention.token_index < head.i and role_fits(head, self.descriptions.get(name_key(mention.name), (None,))[0]):
                    return mention.name, mention.label, 1.0  # "Mayor Elena Brisk ... the mayor"
        if lemma in ORGANISATION_NOUNS:
            return self.organisation_for(head) if owner is None else (None, "NOUN", 0.0)
        name, confidence = resolve_person_description(
            head, name_at=self.name_at, descriptions=self.described, mentions=self.mentions,
            gender_of=self.gender_of, pronoun_name=self.pronoun_name, sentence=self.sentence_number(head))
        return (name, "PERSON", confidence) if name is not None else (None, "NOUN", 0.0)

    def organisation_for(self, head) -> tuple[str | None, str, float]:
        """The one organisation named in the last PRONOUN_REACH sentences
        before `head` ("Trump" tagged ORG is no organisation), sure; else (None, "NOUN", 0.0)."""
        people = {name_key(mention.name)[-1:] for mention in self.mentions if mention.label == "PERSON"}
        here = self.sentence_number(head)
        organisations = {name_key(person.name): person.name for person in self.people
                         if person.label == "ORG" and person.token_index < head.i
                         and here - self.sentence_number(self.doc[person.token_index]) <= PRONOUN_REACH
                         and name_key(person.name)[-1:] not in people}
        if len(organisations) != 1:
            return None, "NOUN", 0.0
        return next(iter(organisations.values())), "ORG", 1.0

    def resolve(self, head) -> Speaker:
        """Resolve the subject token `head` of a reporting verb to a :class:`Speaker`."""
        first, last = speaker_tokens(head)
        span = self.doc[first: last + 1]
        speaker = Speaker(start=span.start_char, end=span.end_char, name=None, label="NOUN")
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i < head.i:
            # "a staffer who told ...": the pronoun names the noun its clause modifies
            # the speaker span runs from the noun to the pronoun ("a staffer who")
            antecedent = self.resolve(head.head.head)
            antecedent.end = speaker.end
            return antecedent
        if head.pos_ == "PRON" or lower in PERSONAL_PRONOUNS | OTHER_PRONOUNS:
            antecedent, confidence = self.antecedent_for_pronoun(head) if lower in PERSONAL_PRONOUNS else (None, 0.0)
            if antecedent is not None and confidence >= MIN_PRONOUN_CONFIDENCE:
                speaker.name, speaker.label = antecedent.name, antecedent.label
            gender = None  # a resolved pronoun is no evidence of gender: it was chosen to agree
        else:
            self.name_speaker(speaker, head, span)
            drop_restated_description(speaker)
            gender = span_gender(span) or word_gender(head)  # a name's title, a description's noun ("the mom")
        if speaker.name is not None and (speaker.label == "PERSON" or gender is not None):
            self.add_mention(speaker.name, speaker.label, head, gender)
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

    def names_person(self, head) -> bool:
        """True for a capitalised word the tagger took for a common noun that
        ends the name of a person named in the article (a headline's "Sanders:")."""
        return head.text[:1].isupper() and self.full_name(head.text, "PERSON", head.i) != head.text

    def name_speaker(self, speaker: Speaker, head, span) -> None:
        """Fill name, label, role and affiliation of a non-pronoun subject."""
        name = named_apposition(head)
        if name is not None:
            speaker.name = self.full_name(clean_name(entity_of(name) or span), "PERSON", head.i)
            speaker.label = "PERSON"
            speaker.role, speaker.affiliation = role_and_affiliation(head)
            return
        entity = entity_of(head)
        if not capitalised_description(head) and (entity is not None and entity.label_ in NAME_LABELS
                                                  or head.pos_ == "PROPN" or self.names_person(head)):
            name = clean_name(entity if entity is not None else span)
            speaker.name, speaker.label = self.named(name, entity.label_ if entity is not None else "PERSON", span, head.i)
        else:
            name, label, confidence = self.antecedent_for_description(head) if is_description_head(head) \
                else (None, "NOUN", 0.0)
            if confidence >= MIN_CONFIDENCE:
                speaker.name, speaker.label = name, label
                person = self.known(name)
                if person is not None:
                    speaker.role, speaker.affiliation = person.role, person.affiliation
                return
            owner = owner_of(head)
            if head.tag_ == "NN" and (definiteness(head) == "definite" and owner is None or owner is not None
                                      and owner.pos_ == "PRON") and not any(child.pos_ == "PROPN" for child in head.lefts):
                return  # a definite description ("the mayor", "his lawyer") refers back: resolved, or not named
            speaker.name = phrase_without_determiner(list(span))
            speaker.role, speaker.affiliation = role_and_affiliation(head)
            return
        description = sibling_description(head)
        if description is not None:
            speaker.role, speaker.affiliation = role_and_affiliation(description)
        else:
            speaker.role, speaker.affiliation = stated_role(span, head)
