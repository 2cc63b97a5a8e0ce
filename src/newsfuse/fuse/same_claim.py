"""Same claim: do two statements assert the same thing about the same event?

One learned decision, used by fact grouping (and open to any caller that needs
it, such as the summary's citations): a logistic regression over the cosine
of the two sentences' MiniLM vectors and agreement features read from the
text (shared content words, word pairs and triples, word order, named words
(capitalised), numbers, days and months, negation, attribution, length), and
how much of each side's wording the other keeps, as machine-translation
metrics measure it (clipped n-gram precision both ways for n = 1..4, the
longest common subsequence of content words, named words on one side only,
character 4-grams), with their pairwise products.
Its coefficients were learned on MRPC train (news sentence pairs from one
story) by ``benchmarks/train_same_claim.py`` and ship as
``same_claim_model.json``; the data never ships.

MRPC calls "1,200 pounds" and "1,100 pounds" equivalent; a fact must not, so
:func:`values_disagree` is a separate veto: two sentences that each name a
figure or a day the other lacks are a candidate conflict, never one fact.

Use::

    score = same_claim_score(sentence_a, sentence_b)            # 0..1
    same = score >= SAME_CLAIM_THRESHOLD and not values_disagree(sentence_a, sentence_b)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, cached_property
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.text import content_words, overlap

MODEL_FILE = Path(__file__).with_name("same_claim_model.json")
# Probability at which fact grouping calls two statements one claim: the
# high-precision operating point, the lowest threshold with precision >= 0.93
# in 10-fold cross-validation on MRPC train (benchmarks/train_same_claim.py
# prints it; benchmarks/mrpc.py reports the curve).
SAME_CLAIM_THRESHOLD = 0.84
# MRPC's "equivalent" point (cross-validated precision about 84, recall 80 on MRPC train): for
# callers to whom a same claim missed costs more than one wrongly seen (a one-source marker left
# off, a summary line that repeats another), never for grouping facts.
MRPC_EQUIVALENT = 0.6

_TOKEN = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
_PREFIX = 6  # characters kept from a word: a cheap stem ("killed" ~ "killing")
MAX_NGRAM = 4  # longest token n-gram whose clipped precision is a feature (as BLEU's)
# A figure: digits with thousands separators or a decimal part, spaces after the separator
# forgiven ("15, 000" and "6. 1" are how some feeds break "15,000" and "6.1").
_NUMBER = re.compile(r"(?<![\w.])\d+(?:(?:,\s?\d{3})+|(?:\.\s?\d+))?(?![\w])")
# A number between commas right after a capitalised word is an age ("Eric Allen Kirkpatrick, 61, opened fire").
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s?$")
_AGE_AFTER = re.compile(r"(?:[,;)]|\.(?!\d)|$)")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "hundred": 100,
                 "thousand": 1000, "million": 1e6, "billion": 1e9}
# Ordinals and counts in words are figures too ("the fifth coach fired" is not "the third"):
# each is read as a tagged value so that "fifth" never equals the cardinal 5.
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                  "hundredth": 100, "thousandth": 1000}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_MULTIPLE_WORDS = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "doubled": 2, "triple": 3, "tripled": 3,
                   "quadruple": 4, "quadrupled": 4, "half": 0.5, "dozens": "dozens", "scores": "scores",
                   "hundreds": "hundreds", "thousands": "thousands", "millions": "millions", "billions": "billions"}
_DAY_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n['’]t\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|according|stated|added|announced|reported)\b", re.IGNORECASE)


def figures(text: str) -> set[float]:
    """Numeric values written in `text`, separators and broken spacing normalised ("15, 000" -> 15000);
    an age set off after a name ("Benjamin David Banky, 40,") is no figure of the claim."""
    values = set()
    for match in _NUMBER.finditer(text):
        if _AGE_BEFORE.search(text, 0, match.start()) and _AGE_AFTER.match(text, match.end()):
            continue
        raw = re.sub(r"\s", "", match.group()).replace(",", "")
        values.add(float(raw))
    return values


@dataclass(frozen=True)
class Statement:
    """What the same-claim decision reads from one sentence (computed once per sentence)."""

    text: str

    @cached_property
    def tokens(self) -> list[str]:
        return [token.lower() for token in _TOKEN.findall(self.text)]

    @cached_property
    def words(self) -> set[str]:
        return content_words(self.text)

    @cached_property
    def bigrams(self) -> set[tuple[str, str]]:
        return set(zip(self.tokens, self.tokens[1:]))

    @cached_property
    def trigrams(self) -> set[tuple[str, str, str]]:
        return set(zip(self.tokens, self.tokens[1:], self.tokens[2:]))

    @cached_property
    def character_trigrams(self) -> set[str]:
        return _character_grams(self.tokens, 3)

    @cached_property
    def character_fourgrams(self) -> set[str]:
        return _character_grams(self.tokens, 4)

    @cached_property
    def ngram_counts(self) -> list[Counter]:
        """Counts of the token n-grams, n = 1..MAX_NGRAM (index n - 1)."""
        return [Counter(zip(*(self.tokens[start:] for start in range(n)))) for n in range(1, MAX_NGRAM + 1)]

    @cached_property
    def content_sequence(self) -> list[str]:
        """The content tokens in order, cut to a short prefix (the cheap stem of content_words)."""
        return [token[:_PREFIX] for token in self.tokens if token not in STOP_WORDS]

    @cached_property
    def names(self) -> set[str]:
        """Capitalised words that are no stop words ("Intel", "AMD", "Oler"): a cheap stand-in for named entities."""
        return {word.lower()[:_PREFIX] for word in _TOKEN.findall(self.text)
                if word[:1].isupper() and word.lower() not in STOP_WORDS}

    @cached_property
    def numbers(self) -> set[float]:
        spelled = {_NUMBER_WORDS[token] for token in self.tokens if token in _NUMBER_WORDS}
        return figures(self.text) | spelled

    @cached_property
    def ranks(self) -> set[tuple[str, object]]:
        """Ordinals ("fifth", "3rd") and counting words ("twice", "hundreds"), as tagged values."""
        ranks = set()
        for token in self.tokens:
            digits = _ORDINAL_DIGITS.match(token)
            if token in _ORDINAL_WORDS or digits:
                ranks.add(("ordinal", _ORDINAL_WORDS[token] if token in _ORDINAL_WORDS else int(digits.group(1))))
            elif token in _MULTIPLE_WORDS:
                ranks.add(("multiple", _MULTIPLE_WORDS[token]))
        return ranks

    @cached_property
    def days(self) -> set[str]:
        return {match.lower() for match in _DAY_WORDS.findall(self.text)}

    @cached_property
    def negated(self) -> bool:
        return _NEGATION.search(self.text) is not None

    @cached_property
    def attributed(self) -> bool:
        return _ATTRIBUTION.search(self.text) is not None


def _character_grams(tokens: list[str], size: int) -> set[str]:
    joined = " ".join(tokens)
    return {joined[index:index + size] for index in range(len(joined) - size + 1)}


def missing_both_ways(left: set, right: set) -> bool:
    """Each set holds an item the other lacks (neither restates a subset of the other)."""
    return bool(left - right) and bool(right - left)


def values_disagree(left: Statement | str, right: Statement | str) -> bool:
    """Whether the two give different figures, ranks or days ("12 dead" / "14 dead", "fifth" / "third",
    "on Tuesday" / "on Wednesday").

    Only when each names a value the other lacks: "killed 12 and hurt 30"
    restates "killed 12".
    """
    left, right = _statement(left), _statement(right)
    return (missing_both_ways(left.numbers, right.numbers) or missing_both_ways(left.ranks, right.ranks)
            or missing_both_ways(left.days, right.days))


def _statement(value: Statement | str) -> Statement:
    return value if isinstance(value, Statement) else Statement(value)


def _dice_missing(left: set, right: set) -> tuple[float, float]:
    """(Dice overlap, share of the union found on one side only); (1, 0) when both are empty."""
    if not left and not right:
        return 1.0, 0.0
    union = left | right
    return overlap(left, right), len(left ^ right) / len(union)


def pair_features(left: Statement, right: Statement) -> np.ndarray:
    """The hand-made agreement features of a pair (symmetric), float64, shape (N_TEXT_FEATURES,)."""
    words = overlap(left.words, right.words)
    shared = len(left.words & right.words)
    containment = sorted([shared / max(len(left.words), 1), shared / max(len(right.words), 1)])
    names = _dice_missing(left.names, right.names)
    numbers = _dice_missing(left.numbers, right.numbers)
    lengths = sorted([len(left.tokens), len(right.tokens)])
    tokens = set(left.tokens), set(right.tokens)
    shared_tokens = len(tokens[0] & tokens[1])
    token_precision = sorted([shared_tokens / max(len(tokens[0]), 1), shared_tokens / max(len(tokens[1]), 1)])
    unmatched = sorted([len(left.words - right.words), len(right.words - left.words)])
    return np.array([
        words, containment[0], containment[1],
        overlap(left.bigrams, right.bigrams),
        overlap(left.trigrams, right.trigrams),
        token_precision[0], token_precision[1],
        SequenceMatcher(None, left.tokens, right.tokens, autojunk=False).ratio(),
        overlap(left.character_trigrams, right.character_trigrams),
        np.log1p(unmatched[0]), np.log1p(unmatched[1]),
        names[0], names[1],
        numbers[0], numbers[1], float(missing_both_ways(left.numbers, right.numbers)),
        float(missing_both_ways(left.days, right.days)),
        float(left.negated != right.negated),
        float(left.attributed != right.attributed),
        lengths[0] / max(lengths[1], 1),
        np.log1p(abs(lengths[1] - lengths[0])),
        *_wording_features(left, right),
    ])


def _wording_features(left: Statement, right: Statement) -> list[float]:
    """How much of each side's wording the other keeps (MT-metric style, symmetric as (lower, higher) pairs):
    clipped token n-gram precision for n = 1..MAX_NGRAM, the longest common subsequence of content
    tokens over each side's length, named words found on one side only (log1p of each side's count)
    and the Dice overlap of character 4-grams."""
    values = []
    for left_counts, right_counts in zip(left.ngram_counts, right.ngram_counts):
        values += _lower_higher(_clipped_precision(left_counts, right_counts),
                                _clipped_precision(right_counts, left_counts))
    common = _common_subsequence(left.content_sequence, right.content_sequence)
    values += _lower_higher(common / max(len(left.content_sequence), 1), common / max(len(right.content_sequence), 1))
    values += _lower_higher(np.log1p(len(left.names - right.names)), np.log1p(len(right.names - left.names)))
    values.append(overlap(left.character_fourgrams, right.character_fourgrams))
    return values


def _lower_higher(first: float, second: float) -> list[float]:
    return [min(first, second), max(first, second)]


def _clipped_precision(counts: Counter, reference: Counter) -> float:
    """Share of the n-grams of `counts` found in `reference`, each counted at most as often as there (0 when none)."""
    total = sum(counts.values())
    return sum(min(count, reference[gram]) for gram, count in counts.items()) / total if total else 0.0


def _common_subsequence(left: list[str], right: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (dynamic programming, one row kept)."""
    previous = [0] * (len(right) + 1)
    for left_token in left:
        current = [0]
        for index, right_token in enumerate(right):
            current.append(previous[index] + 1 if left_token == right_token else max(previous[index + 1], current[index]))
        previous = current
    return previous[-1]


N_TEXT_FEATURES = 34


def features(left: Statement, right: Statement, left_vector: np.ndarray, right_vector: np.ndarray) -> np.ndarray:
    """The base features of one pair: pair_features, then the cosine of the two L2-normalised vectors."""
    return np.append(pair_features(left, right), float(left_vector @ right_vector))


def expanded(rows: np.ndarray) -> np.ndarray:
    """Rows of base features with every pairwise product appended (degree-2 terms, i <= j):
    the model is linear in these, so agreement features can temper each other
    ("high cosine but a name missing"). Shape (n, b + b(b+1)/2)."""
    left, right = np.triu_indices(rows.shape[1])
    return np.hstack([rows, rows[:, left] * rows[:, right]])


@cache
def _model() -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(mean, scale, coefficients, intercept) of the standardised logistic regression."""
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return (np.array(model["mean"]), np.array(model["scale"]), np.array(model["coef"]),
            float(model["intercept"]))


def probabilities(rows: np.ndarray) -> np.ndarray:
    """Same-claim probability of each row of base features (shape (n, N_TEXT_FEATURES + 1)), shape (n,)."""
    mean, scale, coef, intercept = _model()
    logits = ((expanded(rows) - mean) / scale) @ coef + intercept
    return 1.0 / (1.0 + np.exp(-logits))


def claim_probabilities(line: Statement, vector: np.ndarray, others: list[Statement],
                        vectors: list[np.ndarray]) -> list[float]:
    """Same-claim probability (0..1, see fuse/same_claim.py) of `line` against each of `others`."""
    if not others:
        return []
    line_vector = np.asarray(vector, dtype=np.float64)
    rows = np.stack([features(line, other, line_vector, np.asarray(other_vector, dtype=np.float64))
                     for other, other_vector in zip(others, vectors)])
    return [float(score) for score in probabilities(rows)]


def same_claim_score(sentence_a: str, sentence_b: str, vector_a: np.ndarray | None = None,
                     vector_b: np.ndarray | None = None) -> float:
    """Probability, 0..1, that the two sentences assert the same thing.

    `vector_a`/`vector_b` are their L2-normalised MiniLM vectors (as in
    Annotations.vectors); when absent they are encoded (loading the model once).
    Compare with SAME_CLAIM_THRESHOLD; a fact also needs `not values_disagree(...)`.
    """
    if vector_a is None or vector_b is None:
        from newsfuse.annotate.nlp import shared_models

        vector_a, vector_b = shared_models().embed([sentence_a, sentence_b])
    row = features(Statement(sentence_a), Statement(sentence_b), np.asarray(vector_a, dtype=np.float64),
                   np.asarray(vector_b, dtype=np.float64))
    return float(probabilities(row[None, :])[0])


def pair_probabilities(statements: list[Statement], vectors: np.ndarray) -> np.ndarray:
    """(n, n) same-claim probability of every pair, 0 where values_disagree; diagonal 1.

    Each distinct text is compared once: copies of one report repeat whole
    sentences, and identical texts are the same claim.
    """
    first_of: dict[str, int] = {}
    for index, statement in enumerate(statements):
        first_of.setdefault(statement.text, index)
    slot = {text: rank for rank, text in enumerate(first_of)}
    positions = np.array([slot[statement.text] for statement in statements])
    unique = [statements[index] for index in first_of.values()]
    unique_vectors = np.asarray(vectors, dtype=np.float64)[list(first_of.values())]
    scores = np.eye(len(unique))
    pairs = [(a, b) for a in range(len(unique)) for b in range(a + 1, len(unique))]
    if pairs:
        rows = np.stack([features(unique[a], unique[b], unique_vectors[a], unique_vectors[b]) for a, b in pairs])
        for (a, b), probability in zip(pairs, probabilities(rows)):
            if values_disagree(unique[a], unique[b]):
                probability = 0.0
            scores[a, b] = scores[b, a] = probability
    return scores[positions][:, positions]


def claim_groups(statements: list[Statement], vectors: np.ndarray, apart: np.ndarray | None = None,
                 threshold: float = SAME_CLAIM_THRESHOLD) -> list[list[int]]:
    """Indices of `statements` split so that every pair inside a group is the same claim.

    Complete-link clustering on the pair probabilities (see
    pair_probabilities): a group never holds two statements scoring below
    `threshold`. `apart` (n, n) bool marks pairs that must never share a group
    (two sentences of one article). Groups come in order of their first index.
    """
    if len(statements) < 2:
        return [list(range(len(statements)))]
    scores = pair_probabilities(statements, vectors)
    if apart is not None:
        scores = np.where(apart & ~np.eye(len(statements), dtype=bool), 0.0, scores)
    return score_groups(scores, threshold)


def score_groups(scores: np.ndarray, threshold: float = SAME_CLAIM_THRESHOLD) -> list[list[int]]:
    """Indices split by complete link on (n, n) same-claim `scores` (0..1): a group never
    holds two items scoring below `threshold`. Groups come in order of their first index."""
    if len(scores) < 2:
        return [list(range(len(scores)))]
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="complete", distance_threshold=1.0 - threshold,
    ).fit_predict(1.0 - scores)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())
