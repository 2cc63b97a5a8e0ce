"""What a figure counts, read from the dependency tree: "169 *Afghans* *killed*", "*speeds* of 100 mph".

* the counted noun phrase: the noun the number modifies ("169 *Afghans*",
  climbing compounds: "three board *seats*"), or the complement of
  "of"/"from" ("half of *its peak levels*"; for money and vague amounts also
  "in": "$18 billion in *new money*"), or the noun the figure sizes ("*speeds*
  of 100 mph", "*damage* at $1.5 million", "the *house* is worth $50,000"),
  or, for a bare figure ("the toll rose to 170", "revenues rose 26 percent"),
  the subject of the verb it completes;
* the governing verb when it says what happened to the things counted: the
  noun is its object or passive subject ("killed 169 Afghans"), a participle
  modifies the noun ("30 people killed"; not one governing an infinitive:
  "two vehicles attempted to drive"), or the noun is the subject of a verb of
  outcome ("12 died", "5 are missing").

Modifiers that hold a number are measures, not part of what is counted
("a five-year contract" counts a contract).
"""

from __future__ import annotations

from newsfuse.annotate.values import VAGUE_PLURALS
from newsfuse.text import OUTCOME_FORMS, number_unit

FRACTION_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters"}
# Subjects of these verbs are what happened to them ("12 died", "30 fled").
UNACCUSATIVE_LEMMAS = {"die", "perish", "drown", "flee", "disappear", "vanish", "survive", "escape"}
PATIENT_DEPS = {"dobj", "obj", "nsubjpass"}
# Verbs too light to say what happened ("the fund *has* 2.5bn euros").
LIGHT_VERB_LEMMAS = {"be", "have", "include", "contain", "get", "make", "take", "give", "see", "say",
                     "tell", "report", "show", "use", "need", "want", "put", "estimate", "count"}
# A figure's unit named after its unit noun ("20 degrees *Celsius*"): the search goes on from it.
SCALE_NAMES = {"celsius", "fahrenheit", "centigrade", "kelvin"}
# Verbs whose object is the size a subject reached ("revenues *rose* 26 percent", "the toll *reached* 170").
CHANGE_LEMMAS = {"rise", "fall", "climb", "grow", "drop", "increase", "decrease", "jump", "gain", "lose",
                 "decline", "reach", "hit", "top", "total", "exceed", "surpass", "soar", "plunge", "slip",
                 "shrink", "dip", "tumble", "slide", "surge", "stand", "number"}
# Prepositions sizing a verb's object: "put the cost *at*", "raised the toll *to*", "cut jobs *by*".
SIZING_PREPS = {"at", "to", "by", "above", "below"}
LENGTH_UNITS = {"km", "mile", "m", "ft", "in", "cm", "mm", "yd"}
# words after a length that make it a distance between places: "13 miles *away*", "50 miles *east* of"
DISTANCE_WORDS = {"away", "from", "north", "south", "east", "west", "northeast", "northwest", "southeast",
                  "southwest", "off", "outside", "inland", "offshore", "apart", "upstream", "downstream"}
TALLY_NOUNS = {"number", "total", "tally", "count"}  # nouns that only count another: "the number of deaths"
DETERMINERS = {"DET", "PRON"}
CURRENCY_ABBREVIATIONS = {"dlrs", "dlr"}  # wire style "a dlrs 4 billion program": no part of what is counted  # also drops possessive pronouns ("its peak levels")
MAX_PHRASE_TOKENS = 6


def is_number_word(token) -> bool:
    lower = token.lower_
    return bool(token.like_num or lower in VAGUE_PLURALS or lower in FRACTION_WORDS or lower == "dozen")


def counted_noun(core):
    """The noun whose members the number counts, or None for a bare figure or a size (see sized_noun).

    A unit noun ("80 *km*", "2.5bn *euros*", "15 *percent*") is not what is
    counted: the search goes on from it ("15 percent of *voters*").
    """
    anchor = _modified_noun(core)
    if not is_number_word(anchor) and anchor.pos_ in {"NOUN", "PROPN"} and any(char.isalpha() for char in anchor.text) \
            and number_unit(anchor.text) == "count" and anchor.lower_ not in SCALE_NAMES:
        while anchor.dep_ == "compound" and anchor.head.pos_ in {"NOUN", "PROPN"} and anchor.head.i > anchor.i:
            anchor = anchor.head  # "three *board* seats" counts seats
        return anchor
    money = number_unit(core.text).startswith("money:")
    if LENGTH_UNITS & {number_unit(core.text), number_unit(anchor.text)}:  # "12 miles *from shore*": a distance
        measured = of_complement(anchor, preps={"of"})
        return measured if measured is not None and measured.pos_ == "NOUN" else None  # "16 inches of *snow*"
    return of_complement(anchor, amount=money or core.text.strip().lower() in VAGUE_PLURALS)


def sized_noun(core):
    """For a figure that counts no noun, the noun it gives the size of ("*speeds* of 100 mph", "the
    *toll* rose to 170"), or None. What happens to that noun is not what happened to the figure:
    "the *building*, 15 miles north of Detroit, was evacuated" evacuated no miles."""
    anchor = _modified_noun(core)
    sized = measured_noun(anchor, money=number_unit(core.text).startswith("money:")) or completed_subject(anchor)
    return counted_through(sized) if sized is not None else None


def is_tallied(noun) -> bool:
    """Whether `noun` is what a tally noun counts: "the number of *people* killed"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in TALLY_NOUNS


def counted_through(noun):
    """What a tally noun counts: "the *number* of cold-related deaths" -> deaths; any other noun itself."""
    if noun.lemma_.lower() in TALLY_NOUNS:
        return of_complement(noun) or noun
    return noun


def _modified_noun(core):
    """The noun after the figure that the figure modifies ("169 *Afghans*"), else the figure's anchor."""
    anchor = number_anchor(core)
    if anchor.dep_ in {"nummod", "quantmod", "compound"} and anchor.head.pos_ in {"NOUN", "PROPN"} \
            and anchor.head.i >= core.end:
        return anchor.head
    return anchor


def number_anchor(core):
    """The token standing for the figure in the parse: the span's root, or its last
    number when the root is a connector ("30 *to* 45") or when a figure broken by spacing
    was parsed as several ("2, 500, *000* people")."""
    root = core.root
    numbers = [token for token in core if is_number_word(token)]
    attached = [token for token in numbers if token.dep_ == "nummod" and not core.start <= token.head.i < core.end]
    if len(numbers) > 1 and attached:
        return attached[-1]
    if is_number_word(root) or root.pos_ in {"NOUN", "PROPN", "SYM"}:
        return root
    return numbers[-1] if numbers else root


def of_complement(token, amount: bool = False, preps: set[str] | None = None):
    """The object of "of"/"from" after a number: "30 *of the victims*", "half *from its peak*";
    with `amount` (money, "billions") also of "in": "$18 billion *in new money*"; or of `preps`."""
    preps = preps or ({"of", "from", "in"} if amount else {"of", "from"})
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in {"NOUN", "PROPN"}:
                    return grandchild
    return None


def measured_noun(token, money: bool = False):
    """The noun a figure gives the size of: "speeds *of* 100 mph" -> speeds, "damage *at* $1.5
    million" -> damage, a verb's object sized by a preposition ("put the cost at", "lift her ratings
    above 50 percent", "settled the lawsuit for $5.5 million"), "*worth* $50,000" -> the verb's subject
    or the noun it qualifies ("a deal worth $80 million"), the noun an adjective or adverb sized by
    the figure qualifies ("snowdrifts as high as 1.5 meters"), a money figure's noun "for" ("a request
    for $14 billion")."""
    head = token.head
    noun_preps = {"of", "at", "for"} if money else {"of", "at"}
    if token.dep_ == "pobj" and head.lower_ in noun_preps and head.head.pos_ == "NOUN" and head.head.i < token.i:
        return head.head
    if token.dep_ == "pobj" and head.lower_ in SIZING_PREPS | ({"for"} if money else set()) and head.head.pos_ == "VERB":
        verb = head.head
        objects = [child for child in verb.children if child.dep_ in {"dobj", "obj"} and child.pos_ == "NOUN"]
        if not objects and head.lower_ == "at" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return verb.head  # "damage estimated at $5 billion"
        return objects[0] if objects else None
    if head.lower_ == "worth" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        return head.head
    if head.lower_ == "worth" and head.head.pos_ in {"VERB", "AUX"}:
        subjects = [child for child in head.head.children if child.dep_ == "nsubj" and child.pos_ == "NOUN"]
        return subjects[0] if subjects else None
    sized = head.head if token.dep_ == "pobj" and head.lower_ == "as" else head
    if (token.dep_ == "npadvmod" or sized is not head) and sized.pos_ in {"ADJ", "ADV"} \
            and sized.dep_ in {"amod", "advmod"} and sized.head.pos_ == "NOUN":
        return sized.head
    return None


def completed_subject(token):
    """For "the death toll rose to 170" / "reached 170" / "the market (was) down 40 percent": the
    subject of that verb or predicate; for "Of the 34 seats, 10 are ...": the noun of the fronted "of"."""
    verb = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return fronted_partitive(token)
    if token.dep_ == "pobj" and verb.lower_ in {"to", "by", "from"}:
        verb = verb.head
    elif token.dep_ not in {"dobj", "attr", "npadvmod"} or (token.dep_ == "dobj" and verb.lemma_ not in CHANGE_LEMMAS):
        return None  # "revenues rose 26 percent", not "the blast killed two"
    if verb.pos_ not in {"VERB", "AUX"} and not (token.dep_ == "npadvmod" and verb.pos_ in {"ADP", "ADV", "ADJ"}):
        return None
    subjects = [child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects and subjects[0].pos_ == "NOUN" else None


def fronted_partitive(token):
    """ "*Of the 34 Senate seats* up this year, 10 are considered safe": the noun of an "of" phrase
    opening the clause of which the figure is the subject, or None."""
    verb = token.head
    clauses = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "..., and 35 percent are literate"
    for child in (child for clause in clauses for child in clause.children):
        if child.dep_ == "prep" and child.lower_ == "of" and child.i < token.i:
            objects = [grandchild for grandchild in child.children
                       if grandchild.dep_ == "pobj" and grandchild.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[0]
    return None


def noun_phrase(noun, core) -> str:
    """The counted noun with its compound/adjective modifiers, no numbers or determiners."""
    left = [child for child in noun.lefts
            if child.dep_ in {"compound", "amod", "nmod", "poss"} and child.pos_ not in DETERMINERS
            and not (core.start <= child.i < core.end) and not child.like_num
            and not any(token.like_num for token in child.subtree)]  # "five-year", "5-meter": a measure
    tokens = []
    for child in left:
        tokens.extend(token for token in child.subtree
                      if token.pos_ not in DETERMINERS and not token.like_num)
    tokens.append(noun)
    tokens = [token for token in tokens if token.lower_ not in CURRENCY_ABBREVIATIONS]
    tokens.sort(key=lambda token: token.i)
    return join_tokens(tokens[-MAX_PHRASE_TOKENS:])


def join_tokens(tokens) -> str:
    """Tokens as written: their own spacing where adjacent, one space across gaps."""
    parts = []
    for token, following in zip(tokens, tokens[1:] + [None]):
        adjacent = following is not None and following.i == token.i + 1
        parts.append(token.text_with_ws if adjacent else token.text + " ")
    return "".join(parts).strip()


def outcome_verb(token, patient_noun: bool = True):
    """The verb telling what happened to `token`'s referents, or None. With `patient_noun` False
    `token` is the figure itself ("earn $120 million"): any verb but a light one tells what it is."""
    if not patient_noun and token.dep_ == "nummod" and token.head.lower_ in OUTCOME_FORMS:
        return token.head  # "left over 10,000 dead"
    while token.dep_ == "conj":  # "169 Afghans and 13 service men" share "killed"
        token = token.head
    participle = _outcome_participle(token)
    if participle is not None:
        return participle
    if is_tallied(token):
        token = token.head.head  # "a total of 248 people ... were killed": what happened to the total
    head = token.head
    state = [child for child in head.children if child.dep_ in {"oprd", "acomp"} and child.lower_ in OUTCOME_FORMS]
    if token.dep_ in {"dobj", "obj"} and head.lemma_ == "leave" and state:
        return state[0]  # "left 11 people dead": dead, not left
    if token.dep_ in PATIENT_DEPS and head.pos_ == "VERB" and head.lemma_ not in LIGHT_VERB_LEMMAS \
            and (not patient_noun or head.tag_ in {"VBN", "VBD"} or head.lower_ in OUTCOME_FORMS):
        return head  # written after the noun, so as a participle: "Afghans killed", not "nations represents"
    if token.dep_ == "nsubj":
        if head.pos_ == "VERB" and head.lemma_ in UNACCUSATIVE_LEMMAS:
            return head
        if head.tag_ in {"VBN", "VBG", "JJ"} and head.lower_ in OUTCOME_FORMS:
            return head  # "30 people missing"
        for child in head.children:
            if child.dep_ in {"acomp", "attr"} and child.lower_ in OUTCOME_FORMS:
                return child  # "five are missing"
    return None


def _outcome_participle(token):
    """A participle after the noun telling what happened to it: "30 people *killed* in the attack", not
    "two vehicles attempted to drive" nor "two explosions, followed by pops" (a participle with its
    agent relates the noun to another)."""
    for child in token.rights:
        if child.dep_ in {"acl", "amod"} and child.tag_ == "VBN" \
                and not any(grandchild.dep_ == "xcomp" for grandchild in child.children) \
                and (child.lower_ in OUTCOME_FORMS
                     or not any(grandchild.dep_ == "agent" for grandchild in child.children)):
            return child
    return None


def verb_text(verb) -> str:
    """The verb as written plus its particle ("laid off"), lower case; "" for None."""
    if verb is None:
        return ""
    particles = [child.text for child in verb.children if child.dep_ == "prt"]
    return " ".join([verb.lower_] + [particle.lower() for particle in particles])
