"""Which articles of a story are worth comparing for provenance, in bounded work.

Candidates come from MinHash-LSH over word shingles (verbatim reuse) and from
an exact sentence-embedding neighbour search in blocks (paraphrase). Each
article keeps at most NEIGHBOURS_PER_ARTICLE candidates from each search, so
pairs, memory and the pair measures that follow grow linearly with the
articles even when thousands of them are near-copies of each other.
"""

from __future__ import annotations

import bisect
from typing import Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH

LSH_PERMUTATIONS = 64
LSH_THRESHOLD = 0.1  # Jaccard of 5-word shingles; copies sit far above, strangers near 0
NEIGHBOUR_SIMILARITY = 0.80  # sentence pairs this close make two articles candidates
MIN_REUSED_SENTENCES = 2
NEIGHBOURS_PER_ARTICLE = 20  # candidates kept per article from each search
LSH_COMPARED = 200  # LSH candidates of one article scored to pick those
BLOCK_ROWS = 2048  # sentences compared with all others at once


class Comparable(Protocol):
    shingles: list[int]  # hashed word shingles
    vectors: np.ndarray  # sentence vectors, (sentences, 384)


def candidate_pairs(texts: dict[str, Comparable]) -> list[tuple[str, str]]:
    """Article pairs worth comparing: near-duplicate shingles (LSH) or close sentences."""
    pairs = _lsh_pairs(texts) | _embedding_pairs(texts)
    return sorted(pairs)


def _lsh_pairs(texts: dict[str, Comparable]) -> set[tuple[str, str]]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=LSH_PERMUTATIONS)
    signatures = {}
    for article_id, text in texts.items():
        if not text.shingles:
            continue
        signature = MinHash(num_perm=LSH_PERMUTATIONS, seed=1)
        signature.update_batch([value.to_bytes(4, "little") for value in set(text.shingles)])
        signatures[article_id] = signature
        lsh.insert(article_id, signature)
    pairs = set()
    for article_id, signature in signatures.items():
        others = _after(article_id, sorted(other for other in lsh.query(signature) if other != article_id))
        pairs.update(tuple(sorted((article_id, other))) for other in _closest(signature, others, signatures))
    return pairs


def _after(article_id: str, others: list[str]) -> list[str]:
    """Sorted `others` rotated to start after `article_id`: among equal near-copies each article picks
    its next ones, so no article becomes everyone's candidate."""
    split = bisect.bisect_right(others, article_id)
    return others[split:] + others[:split]


def _closest(signature: MinHash, others: list[str], signatures: dict[str, MinHash]) -> list[str]:
    """The NEIGHBOURS_PER_ARTICLE of `others` with the highest estimated Jaccard (ties in the order given).

    Only the first LSH_COMPARED are scored: past that many near-duplicates,
    which of them are compared no longer changes the origin groups, and work
    must stay linear in the number of articles.
    """
    if len(others) <= NEIGHBOURS_PER_ARTICLE:
        return others
    scored = others[:LSH_COMPARED]
    scores = [signature.jaccard(signatures[other]) for other in scored]
    order = sorted(range(len(scored)), key=lambda n: -scores[n])
    return [scored[n] for n in order[:NEIGHBOURS_PER_ARTICLE]]


def _embedding_pairs(texts: dict[str, Comparable]) -> set[tuple[str, str]]:
    """Each article with its NEIGHBOURS_PER_ARTICLE articles sharing most close sentences (at least 2).

    Articles are taken in blocks of about BLOCK_ROWS sentences, so memory
    grows with the story's sentences, never with the square of its articles.
    """
    ids = list(texts)
    sizes = np.array([len(texts[article_id].vectors) for article_id in ids], dtype=np.int64)
    if not sizes.sum():
        return set()
    owners = np.repeat(np.arange(len(ids)), sizes)
    vectors = np.concatenate([texts[article_id].vectors for article_id in ids])
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    pairs: set[tuple[str, str]] = set()
    first = 0
    while first < len(ids):
        last = first + 1
        while last < len(ids) and bounds[last + 1] - bounds[first] <= BLOCK_ROWS:
            last += 1
        start = bounds[first]
        rows, cols = np.nonzero(vectors[start:bounds[last]] @ vectors.T >= NEIGHBOUR_SIMILARITY)
        counts = np.zeros((last - first, len(ids)), dtype=np.int32)
        np.add.at(counts, (owners[rows + start] - first, owners[cols]), 1)
        for n in range(first, last):
            row = counts[n - first]
            row[n] = 0
            # Ties go to the articles after n (cyclically), as in `_after`.
            best = (np.argsort(-np.roll(row, -n - 1), kind="stable")[:NEIGHBOURS_PER_ARTICLE] + n + 1) % len(ids)
            pairs.update(tuple(sorted((ids[n], ids[m]))) for m in best if row[m] >= MIN_REUSED_SENTENCES)
        first = last
    return pairs


