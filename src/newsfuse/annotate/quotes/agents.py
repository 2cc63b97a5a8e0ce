"""Who can speak: the subject of a cue must be a person, a body of people or
something that communicates ("a spokesman", "the report", "Israel radio"),
never an object, an event, an agreement or a place ("two suitcases",
"Friday's bombing", "the Wye River agreement says").

Decided from the parse and the entity types, with word classes rather than
strings of one text: nouns of people (a list of the common ones and the
agent-noun endings "-er", "-ist", "-ian", "-man"...), of organisations and of
communication (media, documents that report, sources). A proper name the
tagger did not type is given the benefit of the doubt (it is mostly a name of
someone); a common noun of no class is not.
"""

from __future__ import annotations

import re

from newsfuse.annotate.gender import word_gender
from newsfuse.annotate.descriptions import ORGANISATION_NOUNS

# Entity types of names that never speak: dates, amounts, events, laws and
# languages. Other names are taken to name someone: the tagger types many a
# person as a place, a product or a work ("McAuliffe" as LOC).
NON_AGENT_ENTITIES = frozenset("DATE TIME MONEY QUANTITY ORDINAL EVENT LAW LANGUAGE".split())

# Nouns of people that carry no agent-noun ending ("the police", "critics", "a witness").
PERSON_NOUNS = frozenset("""
people person individual public police authority official source aide staff staffer crew crowd
family relative friend neighbour neighbor colleague couple child kid baby teen youth adult boy girl
guy fan citizen local native suspect accused plaintiff hostage inmate victim witness critic cleric
medic expert chief head boss king queen prince pope priest bishop imam rabbi monk nun nurse coach
star judge jury attorney counsel sheriff mayor minister secretary chancellor premier captain colonel
general sergeant lieutenant commander soldier marine pilot guard envoy diplomat ally rival deputy
host anchor pundit veteran activist elder chair ceo cfo president student resident mogul tycoon
magnate billionaire millionaire celebrity icon legend architect ex analyst lobbyist catalyst
candidate nominee incumbent delegate democrat republican conservative liberal progressive moderate
independent majority minority respondent everyone everybody someone somebody anyone nobody
acquaintance peer spouse sibling twin heir bride groom guest pilgrim thief cop chef clerk cook maid
nanny squad unit faculty personnel workforce populace community audience congregation clergy mob gang
cartel militia opposition leadership delegation mission household tribe folks folk kin elderly fellow
pal buddy umpire athlete champion rookie scout foe enemy casualty surgeon vet academic bureaucrat
monarch sultan sheikh emir reverend chaplain cardinal archbishop rebel guerrilla thug mom dad mum
grandma grandpa landlord pupil principal dean skeptic sceptic model playwright poet hopeful
""".split())

# Nouns of organisations beyond the resolver's own list ("the army said").
BODY_NOUNS = ORGANISATION_NOUNS | frozenset("""
police army military navy force forces troops government regime cabinet parliament congress senate
assembly court tribunal commission panel coalition alliance party campaign team group movement
embassy consulate federation league association network station channel service church
prosecution defence defense state city county province region country nation fund foundation
center centre institute bureau office program programme chorus
""".split())

# Nouns of communication: media and what a person or body says or writes
# through ("the report said", "a statement said", "the paper reported").
COMMUNICATING_NOUNS = frozenset("""
spokesman spokeswoman spokesperson spokespeople statement report study survey poll letter memo email
note message document paper newspaper magazine journal daily tabloid radio television tv broadcast
website site blog post tweet release announcement press media outlet agency wire newswire
indictment complaint filing lawsuit ruling verdict opinion affidavit testimony transcript record
data charge ad advertisement commercial clip video footage speech book article story analysis brief
submission slide account database statistics figure editorial column interview remark documentary
film show episode podcast
""".split())

# Vessels never speak (their crew, owner or navy does), though the tagger
# types many a ship as a person ("INS Mysore") and their nouns end like agent
# nouns ("tanker", "liner"): the prefixes written before a ship's name and
# the nouns of ships.
VESSEL_PREFIXES = frozenset("INS USS HMS HMAS HMCS HMNZS USNS MV M/V MS M/S SS RMS MT M/T FV RV".split())
VESSEL_NOUNS = frozenset("""
ship vessel boat warship liner tanker freighter trawler ferry yacht cruiser destroyer frigate
corvette submarine carrier steamer schooner tug tugboat dhow skiff barge catamaran
""".split())

# Endings of agent nouns ("analyst", "farmer", "historian", "chairman",
# "representative", "candidate"); an ending in "-ment" or "-ing" is of a thing
# or an act ("agreement", "bombing").
_AGENT_ENDING = re.compile(r"(?:er|or|ist|ian|ant|ent|man|men|person|eer|ee|ive|ate|ess|ary|ier|yer)$")
_THING_ENDING = re.compile(r"(?:ment|ing|ness)$")

# Quantifiers of a plural subject that count people in reported speech ("many whites say").
GROUP_QUANTIFIERS = frozenset("many some most few several other others numerous countless".split())

# Pronouns that stand for things or facts, not for someone ("this suggests").
THING_PRONOUNS = frozenset("this that what it".split())
RELATIVE_PRONOUNS = frozenset("who which that".split())


def is_person_noun(token) -> bool:
    """True for a common noun of a person or people ("analyst", "residents", "the police")."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lemma in VESSEL_NOUNS or lower in VESSEL_NOUNS:
        return False
    if lemma in PERSON_NOUNS or lower in PERSON_NOUNS or word_gender(token) is not None:
        return True
    return any(bool(_AGENT_ENDING.search(word)) and not _THING_ENDING.search(word) for word in (lemma, lower))


def _names_a_body_or_medium(token, communicating: bool) -> bool:
    words = {token.lemma_.lower(), token.lower_}
    return bool(words & BODY_NOUNS) or communicating and bool(words & COMMUNICATING_NOUNS)


def _of_whom(token):
    """The object of "of" after `token` ("two [of the victims]", "a chorus of [Republicans]"), or None."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _looks_like_name(token) -> bool:
    """True for a word typed as a name, a proper noun, or a capitalised word
    inside a sentence that the tagger took for a common noun ("Trump knows"),
    or anywhere for a verb (a verb is no subject: "Trump this week said")."""
    if token.ent_type_ or token.pos_ == "PROPN":
        return True
    return token.text[:1].isupper() and (token.pos_ == "VERB" or token.pos_ == "NOUN" and not token.is_sent_start)


def names_a_vessel(words: list[str]) -> bool:
    """True when the words naming someone name a ship: a ship's prefix, in
    capitals, before a name ("INS Mysore", "the MV Gibe"; not "Ms Hale") or a
    noun of ships right before the name or ending the words ("the German
    cruise liner MS Columbus", "the tanker")."""
    if any(word in VESSEL_PREFIXES and following[:1].isupper() for word, following in zip(words, words[1:])):
        return True
    common = [word for word in words if not word[:1].isupper()]
    return bool(common) and common[-1].lower() in VESSEL_NOUNS


def _is_vessel(subject) -> bool:
    """True for a subject that names a ship ("MV Gibe reported", "the liner said")."""
    first = subject.doc[subject.left_edge.i: subject.i + 1]
    return names_a_vessel([token.text for token in first]) \
        or subject.lower_ in VESSEL_NOUNS or subject.lemma_.lower() in VESSEL_NOUNS


def can_speak(subject, *, communicating: bool = True) -> bool:
    """True when the subject token `subject` of a cue may be someone who says
    something: a personal or counting pronoun ("he", "others"), a name that
    is not of a date, an amount, an event or a law, a noun of people or of a
    body, a number or noun of some of them ("two of the victims", "a chorus
    of Republicans"), or (when `communicating`) a noun of communication ("the
    report", "Israel radio"; "it" may be a company), or then a plural counted
    as a group of people ("many whites say"). A relative pronoun
    stands for the noun its clause modifies, when the parse tells which."""
    lower = subject.lower_
    if lower in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl" and subject.head.head.i < subject.i:
        return can_speak(subject.head.head, communicating=communicating)
    if subject.ent_type_ in NON_AGENT_ENTITIES or _is_vessel(subject):
        return False
    if _looks_like_name(subject):
        return True
    if subject.pos_ == "PRON" or lower in THING_PRONOUNS:
        return lower not in THING_PRONOUNS or communicating and lower == "it" or lower == "that" and subject.tag_ == "WDT"
    if is_person_noun(subject) or _names_a_body_or_medium(subject, communicating) or subject.pos_ in {"NUM", "DET", "ADJ"}:
        return True
    if communicating and subject.tag_ == "NNS" and any(child.lower_ in GROUP_QUANTIFIERS for child in subject.lefts):
        return True  # "many blacks accuse ...", "some locals say ..."
    whom = _of_whom(subject)
    return whom is not None and can_speak(whom, communicating=communicating)
