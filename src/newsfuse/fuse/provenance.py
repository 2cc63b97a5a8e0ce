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
DERIVED_COVERAGE = 0.45  # share of an article's text reused from the other, in the more-covered one
MIN_COVERAGE_BOTH = 0.3  # and in the other one (a short report's facts in a long one are not a copy)
MIN_REUSED_SENTENCES = 2
VERBATIM_SHARE = 0.5  # reused text mostly verbatim -> "copies", else "paraphrases"
MIN_SHARED_ANCHORS = 2  # quotes/figures told alike in both -> "shares-origin"
ANCHOR_SIMILARITY = 0.85  # a shared quote or figure must be told nearly alike
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
        if not text.shingles:
            continue
        signature = MinHash(num_perm=LSH_PERMUTATIONS, seed=1)
        signature.update_batch([value.to_bytes(4, "little") for value in set(text.shingles)])
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


# ------------------------------------------------------------- pair measure


def _measure(text_a: _Text, text_b: _Text) -> _Pair:
    """Verbatim passages and matched sentences between two articles, both ways."""
    a, b = text_a.article.id, text_b.article.id
    passages = reuse.verbatim_passages(text_a.tokens, text_a.shingles, text_b.tokens, text_b.shingles)
    matches_ab = reuse.sentence_matches(text_a.vectors, text_a.sentences, text_b.vectors, text_b.sentences)
    matches_ba = reuse.sentence_matches(text_b.vectors, text_b.sentences, text_a.vectors, text_a.sentences)
    spans_a = [(p.a_start, p.a_end) for p in passages]
    spans_b = [(p.b_start, p.b_end) for p in passages]
    reused_a = _reused_sentences(text_a.sentences, spans_a, {m.a for m in matches_ab})
    reused_b = _reused_sentences(text_b.sentences, spans_b, {m.a for m in matches_ba})
    anchors = [m for m in matches_ab
               if m.a in text_a.anchors and m.b in text_b.anchors and m.similarity >= ANCHOR_SIMILARITY]
    return _Pair(
        a=a, b=b, passages=passages, matches=matches_ab,
        coverage={a: _share(text_a.sentences, reused_a), b: _share(text_b.sentences, reused_b)},
        verbatim={a: reuse.passage_coverage(passages, text_a.tokens, "a"),
                  b: reuse.passage_coverage(passages, text_b.tokens, "b")},
        reused_sentences={a: reused_a, b: reused_b},
        shared_anchors=anchors,
    )


def _reused_sentences(sentences: list[Sentence], spans: list[tuple[int, int]], matched: set[int]) -> list[int]:
    """Sentences matched in meaning or at least half inside a verbatim passage."""
    reused = []
    for index, sentence in enumerate(sentences):
        inside = sum(max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in spans)
        if index in matched or inside * 2 >= sentence.end - sentence.start:
            reused.append(index)
    return reused


def _share(sentences: list[Sentence], indices: list[int]) -> float:
    total = sum(sentence.end - sentence.start for sentence in sentences)
    return sum(sentences[i].end - sentences[i].start for i in indices) / total if total else 0.0


def _is_derivation(pair: _Pair) -> bool:
    """One article reuses a large share of the other (copy, rewrite or aggregation)."""
    return (pair.score >= DERIVED_COVERAGE and min(pair.coverage.values()) >= MIN_COVERAGE_BOTH
            and min(len(indices) for indices in pair.reused_sentences.values()) >= MIN_REUSED_SENTENCES)


def _shares_origin(pair: _Pair) -> bool:
    """At least MIN_SHARED_ANCHORS distinct quotes or figures told nearly alike in both.

    Order is not required: a rewrite moves quotes around (the two Kabul
    rewrites of one NYT report give its quotes in different orders).
    """
    return len({m.b for m in pair.shared_anchors}) >= MIN_SHARED_ANCHORS


# ----------------------------------------------------------------- edges


def _aggregators(derived: list[_Pair]) -> set[str]:
    """Articles made of two or more sources that are unrelated to each other.

    An article linked to two articles that are not linked to each other, and
    explained by neither alone (each covers less than AGGREGATE_COVERAGE of
    it), is an aggregation of both, not their common source.
    """
    linked = {(pair.a, pair.b) for pair in derived} | {(pair.b, pair.a) for pair in derived}
    partial: dict[str, list[str]] = {}
    for pair in derived:
        for this, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if pair.coverage[this] < AGGREGATE_COVERAGE:
                partial.setdefault(this, []).append(other)
    return {
        article_id for article_id, others in partial.items()
        if any((x, y) not in linked for i, x in enumerate(others) for y in others[i + 1:])
    }


def _direction(pair: _Pair, texts: dict[str, _Text], aggregators: set[str]) -> tuple[str, str]:
    """(source, target) of a derivation, by the first rule that decides.

    Earlier publication date; the article crediting the other's outlet is the
    copy; the article with rewrite flags is the copy; an aggregator is the
    copy; the article more fully covered by the other is the copy (a copy is
    a subset of its source); else the longer one is the source.
    """
    a, b = texts[pair.a], texts[pair.b]
    if a.article.published and b.article.published and a.article.published != b.article.published:
        return (pair.a, pair.b) if a.article.published < b.article.published else (pair.b, pair.a)
    for this, other in ((a, b), (b, a)):
        if _credits_outlet(this, other) and not _credits_outlet(other, this):
            return other.article.id, this.article.id
    for this, other in ((a, b), (b, a)):
        if _is_rewrite(this) and not _is_rewrite(other):
            return other.article.id, this.article.id
    if (pair.a in aggregators) != (pair.b in aggregators):
        return (pair.b, pair.a) if pair.a in aggregators else (pair.a, pair.b)
    if abs(pair.coverage[pair.a] - pair.coverage[pair.b]) > 0.05:
        return (pair.b, pair.a) if pair.coverage[pair.a] > pair.coverage[pair.b] else (pair.a, pair.b)
    return (pair.a, pair.b) if len(a.tokens) >= len(b.tokens) else (pair.b, pair.a)


def _credits_outlet(text: _Text, other: _Text) -> bool:
    outlet = other.article.outlet
    return bool(outlet) and normalise_outlet(outlet) in {credit.outlet for credit in text.credits}


def _is_rewrite(text: _Text) -> bool:
    return any(flag.name in REWRITE_FLAGS for flag in text.flags)


def _derivation_edge(pair: _Pair, texts: dict[str, _Text], aggregators: set[str]) -> ProvenanceEdge:
    source, target = _direction(pair, texts, aggregators)
    verbatim = pair.verbatim[target] >= VERBATIM_SHARE * pair.coverage[target]
    evidence = _passage_evidence(pair, texts) if verbatim else _match_evidence(pair, pair.matches, texts)
    return ProvenanceEdge(source=source, target=target, relation="copies" if verbatim else "paraphrases",
                          score=round(pair.score, 3), evidence=evidence)


def _shared_origin_edge(pair: _Pair, texts: dict[str, _Text]) -> ProvenanceEdge:
    return ProvenanceEdge(source=pair.a, target=pair.b, relation="shares-origin",
                          score=round(len(pair.shared_anchors) / max(1, len(pair.matches)) * pair.score, 3),
                          evidence=_match_evidence(pair, pair.shared_anchors, texts))


def _passage_evidence(pair: _Pair, texts: dict[str, _Text]) -> list[Evidence]:
    longest = sorted(pair.passages, key=lambda p: -p.words)[:MAX_EVIDENCE_PAIRS]
    evidence = []
    for passage in sorted(longest, key=lambda p: p.a_start):
        evidence.append(_evidence(texts[pair.a], passage.a_start, passage.a_end))
        evidence.append(_evidence(texts[pair.b], passage.b_start, passage.b_end))
    return evidence


def _match_evidence(pair: _Pair, matches: list[reuse.SentenceMatch], texts: dict[str, _Text]) -> list[Evidence]:
    closest = sorted(matches, key=lambda m: -m.similarity)[:MAX_EVIDENCE_PAIRS]
    evidence = []
    for match in sorted(closest, key=lambda m: m.a):
        sentence_a = texts[pair.a].sentences[match.a]
        sentence_b = texts[pair.b].sentences[match.b]
        evidence.append(_evidence(texts[pair.a], sentence_a.start, sentence_a.end))
        evidence.append(_evidence(texts[pair.b], sentence_b.start, sentence_b.end))
    return evidence


def _evidence(text: _Text, start: int, end: int) -> Evidence:
    return Evidence(article=text.article.id, start=start, end=end, text=text.article.text[start:end])


def _cite_edges(text: _Text) -> list[ProvenanceEdge]:
    spans: dict[str, list[Evidence]] = {}
    for credit in text.credits:
        spans.setdefault(credit.outlet, []).append(_evidence(text, credit.start, credit.end))
    return [ProvenanceEdge(source=text.article.id, target=outlet, relation="cites", score=1.0, evidence=evidence)
            for outlet, evidence in spans.items()]


# --------------------------------------------------------------- origins


def _origin_groups(texts: dict[str, _Text], derived: list[_Pair], shared: list[_Pair],
                   aggregators: set[str], edges: list[ProvenanceEdge]) -> dict[str, str]:
    """article id -> origin id (the id of the group's source: earliest, else first in order).

    Derivations and shared origins join groups; an aggregator joins only the
    group of the source it takes most from, so two unrelated sources it
    combines stay two independent origins.
    """
    parent = {article_id: article_id for article_id in texts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best_source: dict[str, tuple[float, str]] = {}
    for pair in derived:
        for this, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if this in aggregators and other not in aggregators:
                best_source[this] = max(best_source.get(this, (-1.0, "")), (pair.coverage[this], other))
    joined = [pair for pair in derived if (pair.a in aggregators) == (pair.b in aggregators)] + shared
    for pair in joined:
        parent[find(pair.a)] = find(pair.b)
    for aggregator, (_, source) in best_source.items():
        parent[find(aggregator)] = find(source)
    targets = {edge.target for edge in edges if edge.relation in ("copies", "paraphrases")}
    members: dict[str, list[str]] = {}
    for article_id in texts:
        members.setdefault(find(article_id), []).append(article_id)
    origins = {}
    for group in members.values():
        root = min(group, key=lambda i: (i in targets, texts[i].article.published or "9999"))
        origins.update({article_id: root for article_id in group})
    return origins


def _origin_names(origins: dict[str, str], texts: dict[str, _Text], linked: list[_Pair]) -> dict[str, str | None]:
    """Outlet each origin group stems from, when the text says it.

    The outlet credited most often inside the material the group's members
    share with each other; else the outlet of the group's source article.
    """
    credited: dict[str, Counter] = {}
    for pair in linked:
        group = origins[pair.a]
        for article_id in (pair.a, pair.b):
            text = texts[article_id]
            reused = [text.sentences[i] for i in pair.reused_sentences[article_id]]
            for credit in text.credits:
                if any(s.start <= credit.start < s.end for s in reused):
                    credited.setdefault(group, Counter())[credit.outlet] += 1
    names = {}
    for origin in set(origins.values()):
        counts = credited.get(origin)
        outlet = texts[origin].article.outlet
        names[origin] = counts.most_common(1)[0][0] if counts else (normalise_outlet(outlet) if outlet else None)
    return names
