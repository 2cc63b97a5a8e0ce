"""Text reuse between two articles: verbatim passages and paraphrased sentences.

Verbatim reuse works in the manner of passim (Smith & al.): word n-gram
shingles shared by the two texts are seeds, seeds that follow each other in
both texts within a small gap are chained into aligned passages (a local
alignment that tolerates small edits and inserted words), and each passage
keeps its character offsets in both articles.

Paraphrase reuse compares sentence embeddings (MiniLM, L2-normalised): a
sentence is reused when its nearest sentence in the other article is close
in meaning and, unless very close, shares its rare words, names and figures,
the things a rewrite keeps while it swaps verbs and reorders clauses.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5  # words per shingle (passim's default n-gram order)
CHAIN_GAP = 12  # max words between two seeds of one passage, in each text
MIN_PASSAGE_WORDS = 12  # shorter shared runs are stock phrases, not reuse
MAX_SEED_REPEATS = 4  # shingles repeated more often than this in a text are boilerplate

# Sentence similarity: above STRONG_SIMILARITY the meaning alone counts;
# between WEAK_SIMILARITY and it, the pair must also share content words.
# Tuned on the ECB+ train derivations (benchmarks/provenance.py): independent
# reports of one event often reach 0.8 with the same names in them.
STRONG_SIMILARITY = 0.92
WEAK_SIMILARITY = 0.75
MIN_SHARED_CONTENT = 0.7  # share of the shorter sentence's content words
# A run of RUN_LENGTH+ sentences that follow each other in both texts, each at
# least RUN_SIMILARITY close, is a paraphrase even where no sentence is close
# enough alone: independent reports do not retell an event in the same order.
RUN_SIMILARITY = 0.72
RUN_LENGTH = 3
RUN_STEP = 2  # the next sentence of B may skip one (a split or an insertion)

_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with about as into over after before
    since during under than then that this these those there here it its is are was were be been
    being has have had do does did will would shall should can could may might must not no nor so
    he she they them his her their him we our us you your i me my mr mrs ms said says say told
    also who whom which what when where while how all any some more most other such only own same
    very just out up down off again further once""".split()
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # lower-cased


@dataclass(frozen=True)
class Passage:
    """A verbatim passage: character spans in article A and B, `words` shared words."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(frozen=True)
class SentenceMatch:
    """Sentence `a` of article A says what sentence `b` of article B says."""

    a: int
    b: int
    similarity: float


def tokenize(text: str) -> list[Token]:
    """Lower-cased words with their character offsets."""
    return [Token(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]


def shingles(tokens: list[Token], size: int = SHINGLE_WORDS) -> list[int]:
    """Stable 32-bit hash (CRC-32) of every run of `size` words, indexed by the run's first word."""
    words = [token.word for token in tokens]
    return [zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1)]


def shingle_set(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Distinct word shingles of a text as strings (the input of MinHash)."""
    words = [token.word for token in tokenize(text)]
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def verbatim_passages(tokens_a: list[Token], shingles_a: list[int],
                      tokens_b: list[Token], shingles_b: list[int]) -> list[Passage]:
    """Passages of A found again in B, in A's order.

    Seeds are positions (i, j) where A and B share a shingle; a seed extends
    a chain whose last seed lies at most CHAIN_GAP words back in both texts,
    so a passage survives an inserted or changed word. Chains covering fewer
    than MIN_PASSAGE_WORDS words of A are dropped.
    """
    positions_b: dict[int, list[int]] = {}
    for j, value in enumerate(shingles_b):
        positions_b.setdefault(value, []).append(j)
    counts_a: dict[int, int] = {}
    for value in shingles_a:
        counts_a[value] = counts_a.get(value, 0) + 1
    chains: list[list[tuple[int, int]]] = []
    for i, value in enumerate(shingles_a):
        hits = positions_b.get(value, ())
        if not hits or len(hits) > MAX_SEED_REPEATS or counts_a[value] > MAX_SEED_REPEATS:
            continue
        for j in hits:
            _extend_chains(chains, i, j)
    passages = [_passage(chain, tokens_a, tokens_b) for chain in chains]
    return sorted((p for p in passages if p.words >= MIN_PASSAGE_WORDS), key=lambda p: p.a_start)


def _extend_chains(chains: list[list[tuple[int, int]]], i: int, j: int) -> None:
    best, best_skew = None, None
    for chain in reversed(chains):
        last_i, last_j = chain[-1]
        if i - last_i > CHAIN_GAP:
            continue
        step_i, step_j = i - last_i, j - last_j
        if 0 < step_i and 0 < step_j <= CHAIN_GAP:
            skew = abs(step_j - step_i)
            if best_skew is None or skew < best_skew:
                best, best_skew = chain, skew
    if best is None:
        chains.append([(i, j)])
    else:
        best.append((i, j))


def _passage(chain: list[tuple[int, int]], tokens_a: list[Token], tokens_b: list[Token]) -> Passage:
    covered = set()
    for i, _ in chain:
        covered.update(range(i, i + SHINGLE_WORDS))
    (first_i, first_j), (last_i, last_j) = chain[0], chain[-1]
    return Passage(
        a_start=tokens_a[first_i].start, a_end=tokens_a[last_i + SHINGLE_WORDS - 1].end,
        b_start=tokens_b[first_j].start, b_end=tokens_b[last_j + SHINGLE_WORDS - 1].end,
        words=len(covered),
    )


def passage_coverage(passages: list[Passage], tokens: list[Token], side: str) -> float:
    """Share of an article's words inside the passages (`side` "a" or "b")."""
    if not tokens:
        return 0.0
    spans = sorted((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end) for p in passages)
    inside, span = 0, 0
    for token in tokens:  # tokens and spans both in text order: one sweep
        while span < len(spans) and spans[span][1] <= token.start:
            span += 1
        # spans[span] is the first not yet ended; any later span starts no earlier
        inside += span < len(spans) and spans[span][0] <= token.start
    return inside / len(tokens)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words that carry content: no stop words, no one-letter words."""
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text))
                     if len(w) > 1 and w not in _STOPWORDS)


def shared_content(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    """Shared content words over the smaller set (0 when either is empty)."""
    smaller = min(len(words_a), len(words_b))
    return len(words_a & words_b) / smaller if smaller else 0.0


def sentence_matches(vectors_a: np.ndarray, content_a: list[frozenset[str]],
                     vectors_b: np.ndarray, content_b: list[frozenset[str]]) -> list[SentenceMatch]:
    """For each sentence of A, its best sentence in B when the two say the same thing.

    `vectors_*` are the sentences' L2-normalised embeddings, `content_*` their
    :func:`content_words`. Many sentences of A may match one of B (a rewrite
    can split or merge sentences). Returns matches in A's order.
    """
    if len(content_a) == 0 or len(content_b) == 0:
        return []
    similarity = vectors_a @ vectors_b.T
    best = similarity.argmax(axis=1)
    scores = similarity[np.arange(len(best)), best]
    in_run = _ordered_runs(similarity, best)
    matches = []
    for i in sorted(in_run.union(np.flatnonzero(scores >= WEAK_SIMILARITY).tolist())):
        j, score = int(best[i]), float(scores[i])
        close = score >= STRONG_SIMILARITY or shared_content(content_a[i], content_b[j]) >= MIN_SHARED_CONTENT
        if i in in_run or close:
            matches.append(SentenceMatch(a=i, b=j, similarity=score))
    return matches


def _ordered_runs(similarity: np.ndarray, best: np.ndarray) -> set[int]:
    """Sentences of A in runs of RUN_LENGTH+ consecutive sentences whose best matches in B
    are at least RUN_SIMILARITY close and move forward by 1..RUN_STEP sentences."""
    members: set[int] = set()
    run: list[int] = []
    for i, j in enumerate(best):
        close = similarity[i, j] >= RUN_SIMILARITY
        follows = bool(run) and 0 < j - best[run[-1]] <= RUN_STEP
        if close and follows:
            run.append(i)
            continue
        if len(run) >= RUN_LENGTH:
            members.update(run)
        run = [i] if close else []
    if len(run) >= RUN_LENGTH:
        members.update(run)
    return members
