"""Provenance: who copied whom, which articles share an origin, whom each credits.

`trace_provenance(story)` reads `story.articles` and `story.annotations`
(sentences with offsets, sentence vectors, quotes, numbers) and returns a
:class:`Provenance`:

* derivation edges (`copies`: mostly verbatim reuse; `paraphrases`: reuse
  of meaning in reworded sentences), directed source -> target;
* `shares-origin` edges between articles that never copied each other but
  carry the same quotes and figures in the same order (both rewrote a third
  outlet's report), named after the outlet credited in that shared material;
* `cites` edges from an article to each outlet it credits;
* origin groups (copies of one report count as one independent source),
  their outlet names, the credits and the rewrite flags of every article.

Candidate pairs come from MinHash-LSH over word shingles (verbatim reuse) and
from an exact sentence-embedding neighbour search in blocks (paraphrase), so
work grows with the number of similar pairs, not with all pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsfuse.fuse import reuse
from newsfuse.fuse.credits import credited_outlets, find_credits, normalise_outlet, rewrite_flags
from newsfuse.models import Article, Credit, Evidence, Flag, ProvenanceEdge, Sentence, Story

# Candidate search.
LSH_PERMUTATIONS = 64
LSH_THRESHOLD = 0.1  # Jaccard of 5-word shingles; copies sit far above, strangers near 0
NEIGHBOUR_SIMILARITY = 0.80  # sentence pairs this close make two articles candidates
NEIGHBOURS_PER_ARTICLE = 20
BLOCK_ROWS = 2048

# Pair decisions (tuned on the ECB+ train derivations, see benchmarks/provenance.py).
DERIVED_COVERAGE = 0.45  # share of an article's text reused from the other
MIN_REUSED_SENTENCES = 2
VERBATIM_SHARE = 0.5  # reused text mostly verbatim -> "copies", else "paraphrases"
MIN_SHARED_ANCHORS = 2  # quotes/figures in common, in the same order -> "shares-origin"
AGGREGATE_COVERAGE = 0.75  # below this, one parent does not explain an aggregator
MAX_EVIDENCE_PAIRS = 6

REWRITE_FLAGS = frozenset({"placeholder-attribution", "translation-artifacts", "condensed-copy",
                           "republished", "syndicated-feed"})


@dataclass
class Provenance:
    """What `trace_provenance` found; see the module docstring."""

    edges: list[ProvenanceEdge] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    origin_names: dict[str, str | None] = field(default_factory=dict)
    cites: dict[str, list[str]] = field(default_factory=dict)
    flags: dict[str, list[Flag]] = field(default_factory=dict)


@dataclass
class _Text:
    """One article prepared for comparison."""

    article: Article
    sentences: list[Sentence]
    vectors: np.ndarray
    tokens: list[reuse.Token]
    shingles: list[int]
    anchors: frozenset[int]  # sentences holding a quote or a figure
    credits: list[Credit]
    flags: list[Flag]


@dataclass
class _Pair:
    """Reuse measured between articles a and b."""

    a: str
    b: str
    passages: list[reuse.Passage]
    matches: list[reuse.SentenceMatch]  # a's sentences found in b
    coverage: dict[str, float]  # article id -> share of its text reused from the other
    verbatim: dict[str, float]  # article id -> share of its words in verbatim passages
    reused_sentences: dict[str, list[int]]
    shared_anchors: list[reuse.SentenceMatch]

    @property
    def score(self) -> float:
        return max(self.coverage.values())


def trace_provenance(story: Story) -> Provenance:
    """Derivation, shared-origin and credit edges, origin groups, credits and flags of a story."""
    texts = {article.id: _prepare(article, story) for article in story.articles}
    pairs = [_measure(texts[a], texts[b]) for a, b in candidate_pairs(texts)]
    derived = [pair for pair in pairs if _is_derivation(pair)]
    shared = [pair for pair in pairs if not _is_derivation(pair) and _shares_origin(pair)]
    aggregators = _aggregators(derived)
    edges = [_derivation_edge(pair, texts, aggregators) for pair in derived]
    edges += [_shared_origin_edge(pair, texts) for pair in shared]
    edges += [edge for text in texts.values() for edge in _cite_edges(text)]
    origins = _origin_groups(texts, derived, shared, aggregators, edges)
    return Provenance(
        edges=edges,
        origins=origins,
        origin_names=_origin_names(origins, texts, derived + shared),
        cites={article_id: credited_outlets(text.credits) for article_id, text in texts.items()},
        flags={article_id: text.flags for article_id, text in texts.items()},
    )


# ------------------------------------------------------------------ inputs


def _prepare(article: Article, story: Story) -> _Text:
    annotations = story.annotations[article.id]
    sentences = annotations.sentences
    vectors = annotations.vectors
    if vectors is None or len(vectors) != len(sentences):
        vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    tokens = reuse.tokenize(article.text)
    anchors = {mention.sentence for mention in (*annotations.quotes, *annotations.numbers)}
    anchors.update(i for i, sentence in enumerate(sentences) if _has_anchor(sentence.text))
    credits = article.credits or find_credits(article)
    return _Text(article, sentences, np.asarray(vectors, dtype=np.float32), tokens,
                 reuse.shingles(tokens), frozenset(anchors), credits, rewrite_flags(article))


def _has_anchor(text: str) -> bool:
    """A quotation mark or a digit: what rewrites of one report keep."""
    return any(char in text for char in "\"“”«»") or any(char.isdigit() for char in text)


# ------------------------------------------------------------ candidates


def candidate_pairs(texts: dict[str, _Text]) -> list[tuple[str, str]]:
    """Article pairs worth comparing: near-duplicate shingles (LSH) or close sentences."""
    pairs = _lsh_pairs(texts) | _embedding_pairs(texts)
    return sorted(pairs)


def _lsh_pairs(texts: dict[str, _Text]) -> set[tuple[str, str]]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=LSH_PERMUTATIONS)
    signatures = {}
    for article_id, text in texts.items():
        values = np.array(sorted(set(text.shingles)), dtype=np.int64).view(np.uint64)
        if len(values) == 0:
            continue
        signature = MinHash(num_perm=LSH_PERMUTATIONS, seed=1)
        signature.update_batch(values.astype(np.uint32).tobytes().split(b"") if False else [v.tobytes() for v in values])
        signatures[article_id] = signature
        lsh.insert(article_id, signature)
    pairs = set()
    for article_id, signature in signatures.items():
        for other in lsh.query(signature):
            if other != article_id:
                pairs.add(tuple(sorted((article_id, other))))
    return pairs


def _embedding_pairs(texts: dict[str, _Text]) -> set[tuple[str, str]]:
    ids = list(texts)
    owners = np.concatenate([np.full(len(texts[i].vectors), n) for n, i in enumerate(ids)]).astype(np.int64)
    if len(owners) == 0:
        return set()
    vectors = np.concatenate([texts[i].vectors for i in ids])
    counts = np.zeros((len(ids), len(ids)), dtype=np.int32)
    for start in range(0, len(vectors), BLOCK_ROWS):
        similarity = vectors[start:start + BLOCK_ROWS] @ vectors.T
        rows, cols = np.nonzero(similarity >= NEIGHBOUR_SIMILARITY)
        np.add.at(counts, (owners[rows + start], owners[cols]), 1)
    np.fill_diagonal(counts, 0)
    pairs = set()
    for n in range(len(ids)):
        best = np.argsort(-counts[n], kind="stable")[:NEIGHBOURS_PER_ARTICLE]
        pairs.update(tuple(sorted((ids[n], ids[m]))) for m in best if counts[n, m] >= MIN_REUSED_SENTENCES)
    return pairs
