"""The story-level similarity that proposes facts: which sentences of different articles say the same.

Two sentences from different articles state the same fact when their MiniLM
vectors are close once the story's common topic is taken out of them (every
sentence of a story about one event is "about" that event, so raw cosines are
all high) and they share content words, numbers or distinctive named
entities. Sentences of one article, and sentences whose figures about the
same thing differ, never match.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy.sparse import csr_matrix

from newsfuse.fuse.sentence_units import Unit, figures_differ

# Combined similarity at which two sentences state the same fact: 0.6 x cosine
# of topic-removed vectors + 0.4 x content-word overlap + small bonuses for
# shared numbers/entities. Set by reading pairs on the Kabul story and NeuS
# val: rewrites of one report score 0.42-0.8, same-topic-but-different-claim
# pairs 0.25-0.4.
SAME_FACT = 0.42
COSINE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
SHARED_NUMBER_BONUS = 0.06
SHARED_ENTITY_BONUS = 0.04  # per shared distinctive entity, at most two count
# An entity named in more than this share of the story's sentences (at least
# three) is the story's topic ("Taliban" in a Taliban story), not a clue.
DISTINCTIVE_SHARE = 0.1
# The topic removed is the mean sentence vector shrunk by n / (n + TOPIC_PRIOR):
# a story of few sentences gives a poor estimate of its topic.
TOPIC_PRIOR = 10


def distinctive_entities(units: list[Unit]) -> set[str]:
    """Entity keys named in few sentences of the story (see DISTINCTIVE_SHARE)."""
    counts = Counter(entity for unit in units for entity in unit.entities)
    limit = max(3, DISTINCTIVE_SHARE * len(units))
    return {entity for entity, count in counts.items() if count <= limit}


def topic_removed(vectors: np.ndarray) -> np.ndarray:
    """Sentence vectors minus the story's (shrunk) mean vector, L2-normalised, same shape."""
    shrink = len(vectors) / (len(vectors) + TOPIC_PRIOR)
    residuals = vectors - shrink * vectors.mean(axis=0)
    norms = np.linalg.norm(residuals, axis=1, keepdims=True)
    return residuals / np.where(norms > 0, norms, 1.0)


def similarity_matrix(units: list[Unit], containment: bool = False) -> np.ndarray:
    """Pairwise combined same-statement scores, about 0..1, shape (n, n).

    The word part is the Dice overlap of the two sentences' content words, or
    with `containment` the share of column sentence j's words found in row
    sentence i (does i state j within more words? not symmetric), and then
    each shared number (up to two) adds its bonus.

    Sentences of the same article, and sentences whose figures about the same
    thing differ, score -1: they are never one fact.
    """
    residuals = topic_removed(np.stack([unit.vector for unit in units]))
    distinctive = distinctive_entities(units)
    scores = (
        COSINE_WEIGHT * (residuals @ residuals.T)
        + LEXICAL_WEIGHT * word_overlap_matrix([unit.words for unit in units], containment)
        + SHARED_NUMBER_BONUS * np.minimum(_shared_counts([unit.numbers for unit in units]),
                                           2 if containment else 1)
        + SHARED_ENTITY_BONUS * np.minimum(
            _shared_counts([unit.entities & distinctive for unit in units]), 2)
    )
    articles = np.array([unit.article for unit in units])
    scores[articles[:, None] == articles[None, :]] = -1.0
    with_figures = [index for index, unit in enumerate(units) if unit.figures]
    for position, left in enumerate(with_figures):
        for right in with_figures[position + 1:]:
            if figures_differ(units[left], units[right]):
                scores[left, right] = scores[right, left] = -1.0
    np.fill_diagonal(scores, 1.0)
    return scores


def _incidence(sets: list[set]) -> csr_matrix:
    """Binary (n_sets, n_distinct_items) matrix of which set holds which item."""
    columns: dict = {}
    rows, cols = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            cols.append(columns.setdefault(item, len(columns)))
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(len(columns), 1)))


def _shared_counts(sets: list[set]) -> np.ndarray:
    """(n, n) number of items each pair of sets has in common."""
    incidence = _incidence(sets)
    return (incidence @ incidence.T).toarray()


def word_overlap_matrix(sets: list[set], containment: bool) -> np.ndarray:
    """(n, n) Dice coefficient of every pair of sets, or with `containment` shared / size of set j.

    0 when either set is empty.
    """
    sizes = np.array([len(items) for items in sets], dtype=float)
    if containment:
        totals = np.broadcast_to(sizes[None, :], (len(sets), len(sets)))
        return np.divide(_shared_counts(sets), totals, out=np.zeros_like(totals), where=totals > 0)
    totals = sizes[:, None] + sizes[None, :]
    return np.divide(2 * _shared_counts(sets), totals, out=np.zeros_like(totals), where=totals > 0)
