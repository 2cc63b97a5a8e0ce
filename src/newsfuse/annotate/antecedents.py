"""Which earlier person a "he"/"she" refers to: a small logistic model over
interpretable features of each candidate person.

The speaker resolver (:mod:`newsfuse.annotate.speakers`) gathers, for one
pronoun, the people named earlier within reach whose gender does not
contradict it, each with their mentions; :func:`candidate_features` describes
each person as numbers (distance, grammatical role and parallelism with the
pronoun, the pronoun's own clause, mentions, stated gender); :func:`rank`
scores them, and every product of two of them, with the coefficients in ``antecedent_model.json``, fitted by
``benchmarks/train_antecedents.py`` on GAP development (never on the
validation half the benchmark reports). The confidence of the best person is
its share against the others and against "none of them" (the model's
intercept): a softmax with a null option, so two close people or one weak one
both leave the pronoun unresolved.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsfuse.annotate.roles import SUBJECT_DEPS, clean_name
from newsfuse.text import could_be_same_person, name_key

MODEL_FILE = Path(__file__).with_name("antecedent_model.json")
# Sentences (outside quotation marks) a pronoun may reach back for its antecedent.
PRONOUN_REACH = 3
# Confidence (0-1) below which a pronoun is left unresolved ("speaker not
# identified" beats the nearest name): on GAP validation 0.3 keeps precision
# near 76%, on ECB+ news pronouns 93% (benchmarks/results/gap.md has the curve).
MIN_PRONOUN_CONFIDENCE = 0.3
# Confidence of the one candidate within reach whose gender the text or the
# first name says is the pronoun's ("Mr Dale Fenn and Ms Ruth Amari ... he said").
SOLE_PERSON_CONFIDENCE = 0.8
# Token distance at which the distance feature saturates at 1.
FAR_TOKENS = 200
POSSESSIVE_PRONOUNS = {"his", "her", "hers"}
REFLEXIVE_PRONOUNS = {"himself", "herself"}
FEATURES = (
    "same_sentence", "sentences_back", "tokens_back", "nearest", "others_between",
    "main_subject", "other_subject", "nearest_main_subject", "possessor", "prep_object",
    "parallel_role", "clause_subject_of_possessive", "clause_subject_of_object", "clause_subject_of_subject",
    "dominates", "mentions", "first_named", "gender_agrees", "cataphoric",
    "depth", "pronoun_depth", "modifier", "coordinated",
    "pronoun_subject", "pronoun_possessive", "all_mentions", "co_argument",
)
# Parse-tree depth at which the depth features saturate at 1.
DEEP = 6


@dataclass
class Mention:
    """A mention of a person outside quotation marks that a later "he"/"she" may
    refer to: `sentence` counts sentences outside quotation marks, `role` is
    0 for the subject of a main clause, 1 for another subject, 2 otherwise."""

    name: str
    label: str
    token_index: int
    sentence: int
    role: int


def _phrase_head(token):
    """The head of the noun phrase a name word belongs to ("Smith" in "John
    Smith"; "Hale" in "Tom Hale and Peter Marsh")."""
    while token.dep_ in {"compound", "flat", "appos", "conj"} and token.head.i != token.i:
        token = token.head
    return token


def names_a_modifier(name_word) -> bool:
    """Whether the name at `name_word` only modifies another noun ("a Clinton
    administration official", "the Bush White House"): a pronoun after it
    points to what the phrase names, not to that person."""
    return name_word.dep_ in {"compound", "amod", "nmod"} and name_word.head.ent_type_ != "PERSON" \
        and name_word.head.pos_ in {"NOUN", "PROPN"}


def _coordinated(first, second) -> bool:
    """True when two name words are conjuncts of one phrase ("Tom Hale and
    Peter Marsh"), not words of one name ("Highway Patrol Officer Brad Baehr")."""
    if _phrase_head(first) != _phrase_head(second):
        return False
    return any(token.dep_ == "conj" for word in (first, second)
               for token in (word, *word.ancestors) if not token.is_ancestor(_phrase_head(first)))


def _grammatical_role(token) -> str:
    """"subject", "possessor" (also a reflexive) or "object" for a noun phrase head or pronoun."""
    if token.dep_ in SUBJECT_DEPS:
        return "subject"
    if token.dep_ == "poss" or token.lower_ in POSSESSIVE_PRONOUNS and token.dep_ != "dobj" \
            or token.lower_ in REFLEXIVE_PRONOUNS:
        return "possessor"  # bound, like a reflexive, to its own clause's subject
    return "object"


def _clause_verb(token):
    """The verb of the clause holding `token` (itself for a verb)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def longest_forms(keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name key -> the one longer name among `keys` whose first word a
    one-word name is ("polly" -> "polly simmons"), else itself (also when two
    names would fit: "george" beside "george deke" and "george maynard").
    Longer names are never extended ("lindsay lohan" is not a headline's
    "lindsay lohan checks"); surnames are matched by the resolver's full_name."""
    distinct = set(keys)
    forms = {}
    for key in distinct:
        longer = {other for other in distinct if len(key) == 1 and len(other) > 1 and other[0] == key[0]}
        forms[key] = longer.pop() if len(longer) == 1 else key
    return forms


def without_run_on_words(spans: list) -> list:
    """Name spans (spaCy spans, in text order) with the words a headline runs
    on past a name cut off, when the article names that person elsewhere
    ("Esther Williams Dead" beside "Esther Williams" -> "Esther Williams");
    the shortest such name of two words or more wins."""
    keys = {name_key(clean_name(span)) for span in spans}
    trimmed = []
    for span in spans:
        key = name_key(clean_name(span))
        shorter = min((other for other in keys if 1 < len(other) < len(key) and key[:len(other)] == other),
                      key=len, default=None)
        end = span.end
        if shorter is not None:
            end = next((stop for stop in range(span.start + 1, span.end)
                        if name_key(clean_name(span.doc[span.start: stop])) == shorter), span.end)
        trimmed.append(span if end == span.end else span.doc[span.start: end])
    return trimmed


def may_name(answer: str | None, name: str) -> bool:
    """True when the resolver's `answer` may be the person a text calls
    `name`: one ends with the other's words ("Jones" / "Seth Jones"), or
    `name` is a lone first name the answer starts, as :func:`longest_forms`
    extends it ("Eleanor" / "Eleanor Beaufort")."""
    key, said = name_key(answer or ""), name_key(name)
    return could_be_same_person(answer, name) or len(said) == 1 and len(key) > 1 and key[0] == said[0]


def most_common_form(names: list[str]) -> str:
    """The form of a person's name written most often, the longer on a tie."""
    counts = Counter(names)
    return max(counts, key=lambda name: (counts[name], len(name)))


def in_own_report(pronoun, mention: Mention) -> bool:
    """True when `mention` lies in the clause whose words the pronoun, as
    subject, reports: "he said Jackson was on probation" or "Jackson was on
    probation, he said" (its verb hung on that clause after a comma). By
    binding, "he" there is never Jackson."""
    if pronoun.dep_ not in SUBJECT_DEPS or mention.token_index == pronoun.i:
        return False
    doc, verb = pronoun.doc, pronoun.head
    name = doc[mention.token_index]
    if verb.is_ancestor(name):
        return True
    before = doc[pronoun.i - 1] if pronoun.i > 0 else None
    return verb.dep_ == "ccomp" and name.i < pronoun.i and (verb.head == name or verb.head.is_ancestor(name)) \
        and before is not None and before.text in {",", '"', "\u201d", "''"}


def cataphoric(pronoun, mention: Mention, here: int) -> bool:
    """True when `mention` is the main-clause subject of the pronoun's own
    sentence, later than the pronoun, which sits in a phrase before that
    subject's verb ("In his speech, Smith said"; not "He told Smith")."""
    if mention.token_index <= pronoun.i or mention.sentence != here or mention.role != 0:
        return False
    verb = _clause_verb(pronoun.doc[mention.token_index])
    return pronoun.dep_ not in SUBJECT_DEPS and pronoun.i < verb.i and verb in pronoun.ancestors \
        and not any(token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ccomp", "conj"} and token.i < mention.token_index
                    for token in pronoun.ancestors if token.i != verb.i)


def candidate_features(pronoun, mentions: list[Mention], *, here: int, rank: int, others_between: int,
                       mention_count: int, all_mentions: int, first_named: bool, gender_agrees: bool) -> list[float]:
    """The FEATURES of one candidate person for `pronoun` (a spaCy token), in
    order, each in [0, 1]. `mentions` are the person's mentions within reach
    before the pronoun, oldest first; `here` is the pronoun's sentence number,
    `rank` the person's recency rank among the candidates (0 = named last),
    `others_between` the other candidates named after this one's last mention,
    `mention_count` all their earlier mentions, `all_mentions` their mentions
    in the whole text (before and after), `first_named` whether they are
    the first person the text names, `gender_agrees` whether their known gender
    is the pronoun's."""
    doc = pronoun.doc
    last = mentions[-1]
    name_word = doc[last.token_index]
    head = _phrase_head(name_word)
    pronoun_role, candidate_role = _grammatical_role(pronoun), _grammatical_role(head)
    after = last.token_index > pronoun.i
    same = last.sentence == here
    verb = _clause_verb(pronoun)
    own_subject = same and head.dep_ in SUBJECT_DEPS and head.head.i == verb.i
    dominates = same and head.dep_ in SUBJECT_DEPS and head.head.i != verb.i and head.head in verb.ancestors
    roles = {mention.role for mention in mentions}
    return [
        float(same),
        min(here - last.sentence, PRONOUN_REACH) / PRONOUN_REACH,
        min(math.log1p(abs(pronoun.i - last.token_index)) / math.log1p(FAR_TOKENS), 1.0),
        float(rank == 0),
        min(others_between, 3) / 3,
        float(0 in roles),
        float(1 in roles),
        float(last.role == 0),
        float(candidate_role == "possessor"),
        float(head.dep_ == "pobj"),
        float(pronoun_role == candidate_role),
        float(own_subject and pronoun_role == "possessor"),
        float(own_subject and pronoun_role == "object"),
        float(own_subject and pronoun_role == "subject"),
        float(dominates),
        min(mention_count, 4) / 4,
        float(first_named),
        float(gender_agrees),
        float(after),
        min(len(list(head.ancestors)), DEEP) / DEEP,
        min(len(list(pronoun.ancestors)), DEEP) / DEEP,
        float(name_word.dep_ in {"compound", "amod", "nmod"} and name_word.head.ent_type_ != "PERSON"),
        float(any(token.dep_ == "conj" for token in (name_word, *name_word.children))
              or any(child.dep_ == "conj" for child in head.children)),
        float(pronoun_role == "subject"),
        float(pronoun_role == "possessor"),
        min(all_mentions, 6) / 6,
        float(same and pronoun_role != "possessor" and _clause_verb(head).i == verb.i and head.i != pronoun.i),
    ]


def expanded(features: list[float]) -> list[float]:
    """`features` followed by the product of every pair of them, in order
    ((0, 1), (0, 2), ..., (1, 2), ...): the terms the model weighs, so that
    one cue can count for more or less beside another (being the subject
    matters more in the sentence just before than three sentences back)."""
    return list(features) + [features[i] * features[j]
                             for i in range(len(features)) for j in range(i + 1, len(features))]


@lru_cache(maxsize=1)
def _model() -> tuple[list[float], float]:
    """(coefficients of the expanded FEATURES, intercept) from MODEL_FILE."""
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES or len(model["coefficients"]) != len(expanded([0.0] * len(FEATURES))):
        raise ValueError(f"{MODEL_FILE.name} was fitted on other features: rerun benchmarks/train_antecedents.py")
    return [float(value) for value in model["coefficients"]], float(model["intercept"])


def logit(features: list[float]) -> float:
    """The model's log-odds that a candidate with these features is the antecedent."""
    coefficients, intercept = _model()
    return intercept + sum(weight * value for weight, value in zip(coefficients, expanded(features)))


def rank(candidates: list[tuple[Mention, list[float]]], doc) -> tuple[Mention | None, float]:
    """The best candidate's mention and its confidence (0-1): its softmax
    share among all candidates and a null option of log-odds 0; (None, 0.0)
    without candidates; at least SOLE_PERSON_CONFIDENCE for the one person
    within reach whose gender is known to be the pronoun's (GAP, where the
    model learns, always names two people of one gender); 0.0 when the best
    is named in one coordinated
    phrase with another candidate ("Tom Hale and Peter Marsh met ... He"):
    the two are equally salient whatever the word order. `doc` is the
    spaCy document the mentions index."""
    if not candidates:
        return None, 0.0
    scored = [(logit(features), mention) for mention, features in candidates]
    top = max(score for score, _ in scored)
    total = math.exp(-top) + sum(math.exp(score - top) for score, _ in scored)
    best = max(scored, key=lambda item: (item[0], item[1].token_index))[1]
    if any(mention is not best and _coordinated(doc[best.token_index], doc[mention.token_index])
           for _, mention in scored):
        return best, 0.0
    if len(candidates) == 1 and candidates[0][1][FEATURES.index("gender_agrees")]:
        return best, max(1.0 / total, SOLE_PERSON_CONFIDENCE)
    return best, 1.0 / total
