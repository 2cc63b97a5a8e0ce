"""Which named person or organisation a description refers to: "the actress",
"the 45-year-old", "the Oscar winner", "the company", "the analyst".

The speaker resolver (:mod:`newsfuse.annotate.speakers`) hands each common
noun it meets as a speaker to :func:`resolve_description`, with what it knows
of the article (people named, their mentions and genders). A description
resolves, in this order of certainty:

1. to the person its own phrase or clause names: an apposition either way
   round ("Esther Williams, the swimming champion", "the actress, Tara
   Reid"), a title before the name ("actress Esther Williams"), a predicate
   nominal ("Hansbrough became UNC's all-time leading scorer", "Felt, who was
   the No. 2 official") or a conjunct of one;
2. to the one person the article describes with the same noun (or a noun of
   the same role: "lawyer" and "attorney") or the same age ("Tara Reid, 33"
   and "the 33-year-old"): :class:`Descriptions` reads those links once per article;
3. for a noun that names a person (:data:`STORY_PERSON_NOUNS`, a gendered noun, or
   a noun the article uses for one of its people), definite ("the actress")
   or bare as in a headline ("Teen killed by police"), to the person the
   article names most often, when gender agrees and that person has most
   of the mentions: the confidence is their share of the two most named.
   An indefinite description ("a man") introduces someone new, so it takes
   this route only before the article has named anyone (a lead sentence: "A
   Texas inmate escaped ... Comeaux").

A plural ("the workers"), a kinship noun ("the mother"), or a noun owned by
someone ("Lohan's attorney", "his lawyer") is someone other than the most
named person: only rules 1 and 2 may name them. "His body" is the owner.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsfuse.annotate.antecedents import longest_forms
from newsfuse.annotate.gender import GENDER_WORDS, GENDERED_NOUNS, word_gender
from newsfuse.annotate.person_nouns import (CORPSE_NOUNS, PLACE_WORDS, RELATION_NOUNS, STORY_PERSON_NOUNS, TITLE_NOUNS,
                                            VOICE_NOUNS, same_role)
from newsfuse.annotate.quotes.lexicon import REPORTING_VERBS
from newsfuse.annotate.roles import SUBJECT_DEPS, TITLES, clean_name
from newsfuse.text import name_key

# Nouns that stand for an organisation ("the company said").
ORGANISATION_NOUNS = frozenset("""company firm agency ministry department government bank club
    organisation organization union council committee board office administration authority institute
    university school hospital""".split())
# Sentences (outside quotation marks) of an article's lead, where an indefinite
# description introduces the person the article then names ("A Texas inmate escaped ...").
LEAD_SENTENCES = 2
# Verbs whose object restates their subject ("X became the scoring leader").
LINKING_VERBS = frozenset({"be", "become", "remain", "turn"})
# Dependencies through which a noun restates the noun above it.
RESTATING_DEPS = frozenset({"conj", "appos", "compound", "npadvmod"})
AGE = re.compile(r"^(\d{1,3})$")
MAX_AGE = 120
# Confidence of a description of one role or age shared by several people: the
# nearest before it.
SHARED_ROLE_CONFIDENCE = 0.7


def person_name(span) -> str:
    """The name of a person's name span without honorifics, possessive or a
    title of role before it ("Deputy Ortiz" -> "Ortiz", "Coroner Gary Hargrove" -> "Gary Hargrove")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in TITLE_NOUNS | TITLES and span.doc[start].text[:1].isupper():
        start += 1
    return clean_name(span.doc[start: span.end])


def place_names(doc) -> set[tuple[str, ...]]:
    """Keys of the names of two words or more that `doc` also writes before a
    place word ("Betty Ford" of "the Betty Ford Center"): alone ("left Betty
    Ford") such a name is the place, not a person."""
    keys = set()
    for token in doc:
        if token.lower_ not in PLACE_WORDS or not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if token.i - start >= 2:
            keys.add(name_key(doc[start: token.i].text))
    return keys


def described_age(head) -> int | None:
    """The age a description states ("the 26-year-old actress", "the
    37-year-old"), in years, or None."""
    words = [token for token in head.subtree if token.i <= head.i] if head.lower_ != "old" else \
        [token for token in head.subtree]
    texts = [token.lower_ for token in words]
    for index, token in enumerate(words[:-1]):
        match = AGE.match(token.text)
        rest = [text for text in texts[index + 1: index + 5] if text != "-"]
        if match and rest[:2] == ["year", "old"] and 0 < int(match.group(1)) < MAX_AGE:
            return int(match.group(1))
    return None


def linked_person(head, name_at: dict[int, str], pronoun_name) -> str | None:
    """The person named in the phrase or clause that `head` describes, or None:
    a name the noun is an apposition or title of ("Esther Williams, the
    swimming champion", "actress Esther Williams"), or the subject of the
    linking verb the noun completes ("Felt, who was the No. 2 official").
    `name_at` maps a token index to the full name of the person its name
    words name; `pronoun_name(token)` is the name a "he"/"she" resolves to, or None."""
    token, steps = head, 0
    while steps < 8:
        steps += 1
        if token.i in name_at:
            return name_at[token.i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in name_at:
                return name_at[child.i]
        if token.dep_ in RESTATING_DEPS and token.head.i != token.i:
            token = token.head
        elif token.dep_ in {"dobj", "oprd", "attr"} and token.head.lemma_ == "turn" and token.head.dep_ in {"amod", "acl"}:
            token = token.head.head  # "the swimming champion turned actress"
        elif token.dep_ == "amod" and token.lemma_ == "turn":
            token = token.head
        elif token.dep_ in {"attr", "oprd"} and token.head.lemma_ in LINKING_VERBS:
            subjects = [child for child in token.head.children if child.dep_ in SUBJECT_DEPS]
            if not subjects:
                return None
            subject = subjects[0]
            if subject.lower_ in {"who", "that"} and subject.head.dep_ == "relcl":
                subject = subject.head.head
            elif subject.lower_ in {"he", "she"}:
                return pronoun_name(subject)
            token = subject
        else:
            return None
    return None


@dataclass
class Descriptions:
    """What an article says each of its people is: the nouns linked to their
    names (lemmas, with nouns of the same role) and their stated ages."""

    roles: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    modifiers: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    ages: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    names: dict[tuple[str, ...], str] = field(default_factory=dict)

    @classmethod
    def read(cls, doc, name_at: dict[int, str], spans) -> "Descriptions":
        """The descriptions of the people named by `spans` (name spans of
        `doc`), through the name of each token in `name_at`."""
        found = cls()
        for token in doc:
            if token.pos_ != "NOUN" and token.lower_ != "old" or token.i in name_at:
                continue
            name = linked_person(token, name_at, lambda _: None)
            if name is None:
                continue
            key = name_key(name)
            found.names[key] = name
            found.roles.setdefault(key, set()).update(same_role(token.lemma_.lower()))
            found.modifiers.setdefault(key, set()).update(word.lower_ for word in token.lefts)
            age = described_age(token)
            if age is not None:
                found.ages.setdefault(key, set()).add(age)
        for span in spans:
            found._read_title(span, name_at)
            after = doc[span.end: span.end + 3]
            if len(after) == 3 and after[0].text == "," and AGE.match(after[1].text) and after[2].text in {",", "."}:
                age = int(after[1].text)
                if 0 < age < MAX_AGE and span.start in name_at:
                    key = name_key(name_at[span.start])
                    found.names[key] = name_at[span.start]
                    found.ages.setdefault(key, set()).add(age)
        return found

    def _read_title(self, span, name_at: dict[int, str]) -> None:
        """The role a title of a story or voice noun states before a name
        ("Deputy Jerry Ortiz", "Attorney Mark Jay Heller", "actress Tara
        Reid" tagged as one name), with the capitalised words before it as
        its modifiers ("Sheriff's Deputy"). Only a name tagged as a person takes
        one: a headline's "Prime Minister Calls Bank Workers" (tagged ORG) names no minister."""
        doc, name = span.doc, name_at.get(span.start)
        inside = [token for token in span[:-1] if token.lower_ in TITLE_NOUNS]
        title = inside[0] if inside else doc[span.start - 1] if span.start > 0 else None
        if name is None or title is None or title.lower_ not in TITLE_NOUNS or span[-1].ent_type_ != "PERSON":
            return
        key = name_key(name)
        self.names[key] = name
        self.roles.setdefault(key, set()).update(same_role(title.lower_))
        modifiers, before = self.modifiers.setdefault(key, set()), title.i - 1
        while before >= 0 and (doc[before].is_alpha and doc[before].text[:1].isupper() or doc[before].tag_ == "POS"):
            modifiers.add(doc[before].lower_)
            before -= 1

    def voices(self, noun: str) -> set[tuple[str, ...]]:
        """Keys of the people the article describes as voices only ("assistant
        district attorney Gail Fairman", "Judge James Bodiford"), when `noun`
        is no voice's: they speak about the story, so a story noun ("the
        woman", "the 37-year-old") is not them."""
        if noun in VOICE_NOUNS:
            return set()
        return {key for key, roles in self.roles.items() if roles & VOICE_NOUNS and not roles & STORY_PERSON_NOUNS}

    def matching(self, head) -> list[str]:
        """Names of the people described with `head`'s noun (or one of its
        role) and its proper modifiers ("the Ukrainian champion" is not the
        American one), or with the age it states."""
        lemma, age = noun_lemma(head), described_age(head)
        return [self.names[key] for key in self.names
                if lemma in self.roles.get(key, set()) and lemma not in {"man", "woman", "person"}
                and proper_modifiers(head) <= self.modifiers.get(key, set())
                or age is not None and age in self.ages.get(key, set())]


def noun_lemma(head) -> str:
    """The lower-case lemma of a noun, of a capitalised one too ("Teen" of a headline)."""
    return head.lower_ if head.pos_ == "PROPN" else head.lemma_.lower()


def capitalised_description(head) -> bool:
    """True for a description noun written with a capital, as headlines do
    ("Brooklyn Teen Killed By Police", "Judge sentences Orozco"), which
    taggers take for a name."""
    return head.tag_ == "NNP" and head.ent_type_ != "PERSON" \
        and head.lower_ in STORY_PERSON_NOUNS | VOICE_NOUNS | RELATION_NOUNS | GENDERED_NOUNS.keys()


def is_description_head(head) -> bool:
    """True for the head of a singular common-noun description: a singular
    noun, a capitalised description noun, or the "old" of an age used as a
    noun ("the 37-year-old")."""
    return head.tag_ == "NN" or capitalised_description(head) or head.lower_ == "old" and described_age(head) is not None


def proper_modifiers(head) -> set[str]:
    """Lower-case words of the capitalised modifiers of a lower-case noun
    ("ukrainian" of "the Ukrainian champion", "democratic" of "the Democratic
    nominee"); none for a capitalised noun (a headline capitalises every word)."""
    if head.text[:1].isupper():
        return set()
    return {child.lower_ for child in head.lefts if child.dep_ in {"amod", "compound"} and child.text[:1].isupper()}


def describes_a_person(head, descriptions: Descriptions) -> bool:
    """True when `head` names a person: a word of STORY_PERSON_NOUNS, a gendered
    noun, an age ("the 37-year-old") or a noun the article uses for one of its people."""
    lemma = noun_lemma(head)
    return lemma in STORY_PERSON_NOUNS or lemma in GENDER_WORDS or described_age(head) is not None \
        or any(lemma in roles for roles in descriptions.roles.values())


def definiteness(head) -> str:
    """"definite" ("the actress", "Creighton's scoring leader"), "indefinite"
    ("a man") or "bare" (a headline's "Teen killed by police")."""
    determiners = {child.lower_ for child in head.lefts if child.dep_ in {"det", "predet"}}
    if determiners & {"a", "an", "another", "one", "some", "any"}:
        return "indefinite"
    if determiners or any(child.dep_ == "poss" for child in head.lefts):
        return "definite"
    return "bare"


def owner_of(head):
    """The possessor token of `head` ("his" of "his body", "Lohan" of "Lohan's attorney"), or None."""
    return next((child for child in head.children if child.dep_ == "poss"), None)


def person_keys(keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name key -> the key of the person it names: a name that runs on
    past another name of two words or more is that name (a headline's
    "Lindsay Lohan Checks Into Rehab" is "Lindsay Lohan"), then a first name
    alone is the one longer name it starts (:func:`~newsfuse.annotate.antecedents.longest_forms`)."""
    distinct = set(keys)
    trimmed = {key: min((other for other in distinct if 1 < len(other) < len(key) and key[:len(other)] == other),
                        key=len, default=key) for key in distinct}
    fullest = longest_forms(list(set(trimmed.values())))
    return {key: fullest[trimmed[key]] for key in distinct}


def most_named(mentions, head, *, gender: str | None, gender_of, excluded: set) -> tuple[str | None, float]:
    """The person named most often in the article (all its `mentions` of
    people; "Lindsay" counts for "Lindsay Lohan") whose gender agrees with
    `gender`, and their share of the two most named; (None, 0.0) when nobody
    fits. `excluded` are name keys that cannot be meant; a name ending with a
    word of a place ("Betty Ford Center") names no person."""
    people = [mention for mention in mentions if mention.label == "PERSON" and mention.token_index != head.i
              and name_key(mention.name) and name_key(mention.name)[-1] not in PLACE_WORDS]
    fullest = person_keys([name_key(mention.name) for mention in people])
    names, counts = {}, Counter()
    for mention in people:
        key = fullest[name_key(mention.name)]
        if key in excluded or gender is not None and gender_of(mention.name) not in {None, gender}:
            continue
        counts[key] += 1
        if len(name_key(mention.name)) == len(key):
            names[key] = mention.name
    ranked = counts.most_common(2)
    if not ranked:
        return None, 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0
    return names.get(ranked[0][0]), ranked[0][1] / (ranked[0][1] + second)


def co_arguments(head, name_at: dict[int, str]) -> set[tuple[str, ...]]:
    """Keys of people named as another argument of the verb `head` depends on
    ("Heller agreed to send the actress": Heller is not the actress)."""
    verb = head.head
    keys = set()
    while verb is not None:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS | {"dobj"} and child.i != head.i:
                name = name_at.get(child.i)
                if name is not None:
                    keys.add(name_key(name))
        verb = verb.head if verb.dep_ in {"xcomp", "conj"} and verb.head.i != verb.i else None
    return keys


def nearest_before(names: list[str], mentions, position: int) -> str | None:
    """Of `names`, the one mentioned last before token `position`, else the first mentioned after it."""
    keys = {name_key(name): name for name in names}
    before = [mention for mention in mentions if name_key(mention.name) in keys and mention.token_index < position]
    if before:
        return keys[name_key(max(before, key=lambda mention: mention.token_index).name)]
    after = [mention for mention in mentions if name_key(mention.name) in keys]
    return keys[name_key(min(after, key=lambda mention: mention.token_index).name)] if after else None


def _introduced_unnamed(head, name_at: dict[int, str], pronoun_name) -> bool:
    """Whether a definite `head` ("the spokesman") points back to an indefinite
    phrase with the same noun ("a navy spokesman") that no name was given to."""
    if definiteness(head) == "indefinite":
        return False
    doc = head.doc
    return any(index < head.i and linked_person(doc[index], name_at, pronoun_name) is None
               for index in _indefinite_nouns(doc).get(noun_lemma(head), ()))


def _indefinite_nouns(doc) -> dict[str, list[int]]:
    """Lemma -> token indices of the nouns `doc` opens with an indefinite determiner, read once per doc."""
    found = doc.user_data.get("newsfuse.indefinite_nouns")
    if found is None:
        found = {}
        for token in doc:
            if token.pos_ in {"NOUN", "PROPN"} and definiteness(token) == "indefinite":
                found.setdefault(token.lemma_.lower(), []).append(token.i)
        doc.user_data["newsfuse.indefinite_nouns"] = found
    return found


def new_someone(head, sentence: int, *, named_before: bool) -> bool:
    """Whether the indefinite description headed by `head` is someone new: a reporting verb's subject
    ("said a State Department official"), or past the lead (`sentence`, 0 first) once someone is named."""
    return definiteness(head) == "indefinite" and (
        head.dep_ in SUBJECT_DEPS and head.head.lemma_ in REPORTING_VERBS
        or sentence >= LEAD_SENTENCES and named_before)


def resolve_person_description(head, *, name_at: dict[int, str], descriptions: Descriptions, mentions, gender_of,
                               pronoun_name, sentence: int) -> tuple[str | None, float]:
    """(name, confidence 0-1) of the person a common-noun phrase headed by
    `head` describes, by the rules of this module (1: its own phrase, 2: the
    article's descriptions of its people, 3: the most named person);
    (None, 0.0) when none applies. `mentions` are the article's person
    mentions (:class:`~newsfuse.annotate.antecedents.Mention`), `gender_of(name)`
    their gender, `pronoun_name(token)` the name a pronoun resolves to,
    `sentence` the number of `head`'s sentence (0 for the first)."""
    lemma = noun_lemma(head)
    if head.tag_ in {"NNS", "NNPS"}:
        return None, 0.0
    linked = linked_person(head, name_at, pronoun_name)
    if linked is not None:
        return linked, 1.0
    if _introduced_unnamed(head, name_at, pronoun_name):
        return None, 0.0  # "a German military spokesman said ... said the spokesman": that unnamed one
    owner = owner_of(head)
    if lemma in CORPSE_NOUNS:
        if owner is None:
            return None, 0.0
        name = name_at.get(owner.i) or (pronoun_name(owner) if owner.lower_ in {"his", "her"} else None)
        return name, 1.0 if name else 0.0
    kind = definiteness(head)
    named_before = any(index < head.i for index in name_at)
    if new_someone(head, sentence, named_before=named_before):
        return None, 0.0  # "said a State Department official", "a man ...": someone new, unless in the lead or before anyone is named
    owner_keys = {name_key(name_at[owner.i])} if owner is not None and owner.i in name_at else set()
    matches = [name for name in descriptions.matching(head) if name_key(name) not in owner_keys]
    if len({name_key(name) for name in matches}) == 1:
        return matches[0], 1.0
    if matches:
        return nearest_before(matches, mentions, head.i), SHARED_ROLE_CONFIDENCE
    # before any name, "an alleged mafia boss ... hanged himself" is the person the story then names
    introduces_subject = kind == "indefinite" and lemma in VOICE_NOUNS and not named_before
    if lemma in RELATION_NOUNS or owner is not None or not (describes_a_person(head, descriptions) or introduces_subject):
        return None, 0.0
    return most_named(mentions, head, gender=word_gender(head), gender_of=gender_of,
                      excluded=co_arguments(head, name_at) | descriptions.voices(lemma))
