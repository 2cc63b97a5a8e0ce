"""Provenance: who copied whom, which articles share an origin, whom each credits.

`trace_provenance(story)` reads `story.articles` and `story.annotations`
(sentences with offsets, sentence vectors, quotes, numbers) and returns a
:class:`Provenance`. Every edge reads "`target` takes material from
`source`"; `target` is always an article id:

* derivation edges (`copies`: mostly verbatim reuse; `paraphrases`: reuse
  of meaning in reworded sentences), source -> target;
* `shares-origin` edges between articles that never copied each other but
  carry the same quotes from the same people and the same figures (both
  rewrote a third outlet's report), or the same material credited by both to
  one outlet;
* `cites` edges from each outlet an article credits to the article; when an
  article of that outlet is in the story and carries the credited material,
  the source is that article's id;
* origin groups (copies of one report count as one independent source),
  their outlet names, and the credits of every article resolved against
  the story's outlets (credits and rewrite flags are found per article in
  the annotate stage).

Candidate pairs come from MinHash-LSH over word shingles (verbatim reuse),
from an exact sentence-embedding neighbour search in blocks (paraphrase),
both capped per article (`fuse/candidates.py`), and from credits of outlets
of the story, so work grows with the number of articles, not with all pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsfuse.fuse import pairs, reuse
from newsfuse.fuse.candidates import MIN_REUSED_SENTENCES, candidate_pairs
from newsfuse.fuse.credits import credited_outlets
from newsfuse.fuse.pairs import Pair, Text
from newsfuse.models import Article, Evidence, Provenance, ProvenanceEdge, Story
from newsfuse.text import normalise_outlet

# Pair decisions (tuned on the ECB+ train derivations, see benchmarks/provenance.py).
DERIVED_COVERAGE = 0.5  # share of an article's text reused from the other, in the more-covered one
MIN_COVERAGE_BOTH = 0.35  # and in the other one (a short report's facts in a long one are not a copy)
PARTIAL_COPY_WORDS = 40  # one verbatim passage this long is a copy even when a small part of both
JOIN_COVERAGE = 0.25  # a derivation joins origin groups when both articles reuse this share of their text
VERBATIM_SHARE = 0.5  # reused text mostly verbatim -> "copies", else "paraphrases"
ANCHOR_SIMILARITY = 0.85  # a shared quote or figure must be told nearly alike
MIN_SHARED_QUOTES = 2  # shares-origin: this many quotes of the same people in both...
MIN_SHARED_FIGURES = 1  # ...and this many figures
MIN_CREDITED_ANCHORS = 2  # or this many shared quotes/figures credited to one outlet
AGGREGATE_COVERAGE = 0.75  # below this, one parent does not explain an aggregator
AGGREGATE_OVERLAP = 0.5  # an aggregator's parts from two sources share at most this share of sentences
MAX_EVIDENCE_PAIRS = 6

REWRITE_FLAGS = frozenset({"placeholder-attribution", "translation-artifacts", "condensed-copy",
                           "republished", "syndicated-feed"})


@dataclass
class _CreditUse:
    """`target` credits the outlet of `source` and carries material found in `source`."""

    source: str
    target: str
    pair: Pair


def trace_provenance(story: Story) -> Provenance:
    """Derivation, shared-origin and credit edges, origin groups and resolved credits of a story."""
    outlets = _story_outlets(story.articles)
    texts = {article.id: pairs.prepare(article, story, list(outlets)) for article in story.articles}
    credit_links = _credit_links(texts, outlets)
    keys = set(candidate_pairs(texts)) | {tuple(sorted(link)) for link in credit_links}
    measured = {key: pairs.measure(texts[key[0]], texts[key[1]]) for key in sorted(keys)}
    derived = [pair for pair in measured.values() if _is_derivation(pair)]
    shared = [pair for pair in measured.values() if not _is_derivation(pair) and _shares_origin(pair, texts)]
    uses = _credit_uses(credit_links, measured, texts)
    aggregators = _aggregators(derived)
    edges = [_derivation_edge(pair, texts, aggregators) for pair in derived]
    edges += [_shared_origin_edge(pair, texts) for pair in shared]
    edges += [edge for text in texts.values() for edge in _cite_edges(text, uses, texts)]
    origins = _origin_groups(texts, derived, shared, uses, aggregators, edges)
    return Provenance(
        edges=edges,
        origins=origins,
        origin_names=_origin_names(origins, texts, derived + shared + [use.pair for use in uses]),
        cites={article_id: credited_outlets(text.credits) for article_id, text in texts.items()},
    )


# ------------------------------------------------------------------ inputs


def _story_outlets(articles: list[Article]) -> dict[str, list[str]]:
    """Normalised outlet name -> ids of the story's articles from that outlet."""
    outlets: dict[str, list[str]] = {}
    for article in articles:
        if article.outlet:
            outlets.setdefault(normalise_outlet(article.outlet), []).append(article.id)
    return outlets


def _credit_links(texts: dict[str, Text], outlets: dict[str, list[str]]) -> set[tuple[str, str]]:
    """(crediting article, article of the credited outlet) for every credit of an outlet of the story."""
    return {(text.id, other) for text in texts.values() for outlet in credited_outlets(text.credits)
            for other in outlets.get(outlet, ()) if other != text.id}


def _is_derivation(pair: Pair) -> bool:
    """One article reuses a large share of the other (copy, rewrite or aggregation), or a long
    verbatim passage of it (an aggregation taking a part)."""
    if min(len(indices) for indices in pair.reused_sentences.values()) < MIN_REUSED_SENTENCES:
        return False
    large_share = pair.score >= DERIVED_COVERAGE and min(pair.coverage.values()) >= MIN_COVERAGE_BOTH
    return large_share or max((p.words for p in pair.passages), default=0) >= PARTIAL_COPY_WORDS


def _joins_origin(pair: Pair) -> bool:
    """A derivation makes one origin when each article has JOIN_COVERAGE of its text from the other."""
    return min(pair.coverage.values()) >= JOIN_COVERAGE


# ------------------------------------------------------- shared material


def _shared_quotes(pair: Pair, texts: dict[str, Text]) -> list[reuse.SentenceMatch]:
    """Sentences of a and b that give a quote of one speaker nearly alike (one per sentence of b).

    Speakers must agree where both articles name them.
    """
    text_a, text_b = texts[pair.a], texts[pair.b]
    found = {}
    for match in pair.matches[pair.a]:
        speakers_a, speakers_b = text_a.quotes.get(match.a), text_b.quotes.get(match.b)
        if match.similarity < ANCHOR_SIMILARITY or not speakers_a or not speakers_b:
            continue
        if None in speakers_a or None in speakers_b or speakers_a & speakers_b:
            found.setdefault(match.b, match)
    return list(found.values())


def _shared_figures(pair: Pair, texts: dict[str, Text]) -> list[reuse.SentenceMatch]:
    """Matched sentences of a and b that state one figure (the same value in both)."""
    text_a, text_b = texts[pair.a], texts[pair.b]
    return [match for match in pair.matches[pair.a]
            if text_a.figures.get(match.a, set()) & text_b.figures.get(match.b, set())]


def _shares_origin(pair: Pair, texts: dict[str, Text]) -> bool:
    """Both rewrote one report: the same quotes of the same people and the same figures, or
    quotes and figures that one of them credits to one outlet, found in the other.

    Order is not required: a rewrite moves quotes around (the two Kabul
    rewrites of one NYT report give its quotes in different orders).
    """
    quotes, figures = _shared_quotes(pair, texts), _shared_figures(pair, texts)
    if len(quotes) >= MIN_SHARED_QUOTES and len(figures) >= MIN_SHARED_FIGURES:
        return True
    return any(len(anchors) >= MIN_CREDITED_ANCHORS for anchors in _credited_anchors(pair, texts, quotes + figures))


def _credited_anchors(pair: Pair, texts: dict[str, Text],
                      anchors: list[reuse.SentenceMatch]) -> list[list[reuse.SentenceMatch]]:
    """For each outlet credited by a or b (other than their own), the shared anchors that sit in a
    sentence crediting that outlet (in a or in b)."""
    text_a, text_b = texts[pair.a], texts[pair.b]
    grouped = []
    for outlet in set(credited_outlets(text_a.credits)) | set(credited_outlets(text_b.credits)):
        in_a, in_b = text_a.credited_in(outlet), text_b.credited_in(outlet)
        grouped.append([m for m in anchors if m.a in in_a or m.b in in_b])
    return grouped


def _credit_uses(links: set[tuple[str, str]], pairs: dict[tuple[str, str], Pair],
                 texts: dict[str, Text]) -> list[_CreditUse]:
    """Credits of an outlet of the story backed by its article's material: a quote or figure
    of the crediting article, or MIN_REUSED_SENTENCES of its sentences, found in that article."""
    uses = []
    for target, source in sorted(links):
        pair = pairs[tuple(sorted((target, source)))]
        text = texts[target]
        reused = pair.reused_sentences[target]
        anchored = [i for i in reused if i in text.quotes or i in text.figures]
        if anchored or len(reused) >= MIN_REUSED_SENTENCES:
            uses.append(_CreditUse(source=source, target=target, pair=pair))
    return uses


# ----------------------------------------------------------------- edges


def _aggregators(derived: list[Pair]) -> set[str]:
    """Articles made of parts of two or more sources that are unrelated to each other.

    An article linked to two articles that are not linked to each other, and
    explained by neither alone (each covers less than AGGREGATE_COVERAGE of
    it), is an aggregation of both, not their common source, when it took
    different sentences from each (at most AGGREGATE_OVERLAP of the smaller
    part in common): two versions of one text are not two sources.
    """
    linked = {frozenset((pair.a, pair.b)) for pair in derived}
    partial: dict[str, list[Pair]] = {}
    for pair in derived:
        for this in (pair.a, pair.b):
            if pair.coverage[this] < AGGREGATE_COVERAGE:
                partial.setdefault(this, []).append(pair)

    def distinct_sources(this: str, one: Pair, two: Pair) -> bool:
        if frozenset((one.other(this), two.other(this))) in linked:
            return False
        part_one, part_two = set(one.reused_sentences[this]), set(two.reused_sentences[this])
        return len(part_one & part_two) <= AGGREGATE_OVERLAP * min(len(part_one), len(part_two))

    return {this for this, pairs in partial.items()
            if any(distinct_sources(this, one, two) for i, one in enumerate(pairs) for two in pairs[i + 1:])}


def _direction(pair: Pair, texts: dict[str, Text], aggregators: set[str]) -> tuple[str, str]:
    """(source, target) of a derivation: by what the articles say (:func:`_stated_direction`), else
    an aggregator is the copy; the article more fully covered by the other is the copy (a copy is
    a subset of its source); else the longer one is the source.
    """
    stated = _stated_direction(pair, texts)
    if stated:
        return stated
    if (pair.a in aggregators) != (pair.b in aggregators):
        return (pair.b, pair.a) if pair.a in aggregators else (pair.a, pair.b)
    if abs(pair.coverage[pair.a] - pair.coverage[pair.b]) > 0.05:
        return (pair.b, pair.a) if pair.coverage[pair.a] > pair.coverage[pair.b] else (pair.a, pair.b)
    a, b = texts[pair.a], texts[pair.b]
    return (pair.a, pair.b) if len(a.tokens) >= len(b.tokens) else (pair.b, pair.a)


def _stated_direction(pair: Pair, texts: dict[str, Text]) -> tuple[str, str] | None:
    """(source, target) when the articles tell: the earlier publication date; else the one
    crediting the other's outlet is the copy; else the one with rewrite flags is the copy."""
    a, b = texts[pair.a], texts[pair.b]
    if a.article.published and b.article.published and a.article.published != b.article.published:
        return (pair.a, pair.b) if a.article.published < b.article.published else (pair.b, pair.a)
    for test in (_credits_outlet, lambda this, _: _is_rewrite(this)):
        for this, other in ((a, b), (b, a)):
            if test(this, other) and not test(other, this):
                return other.id, this.id
    return None


def _credits_outlet(text: Text, other: Text) -> bool:
    outlet = other.article.outlet
    return bool(outlet) and normalise_outlet(outlet) in {credit.outlet for credit in text.credits}


def _is_rewrite(text: Text) -> bool:
    return any(flag.name in REWRITE_FLAGS for flag in text.flags)


def _derivation_edge(pair: Pair, texts: dict[str, Text], aggregators: set[str]) -> ProvenanceEdge:
    source, target = _direction(pair, texts, aggregators)
    verbatim = pair.verbatim[target] >= VERBATIM_SHARE * pair.coverage[target]
    evidence = (_passage_evidence(pair, texts) if verbatim
                else _match_evidence(pair.matches[pair.a], texts[pair.a], texts[pair.b]))
    return ProvenanceEdge(source=source, target=target, relation="copies" if verbatim else "paraphrases",
                          score=round(pair.score, 3), evidence=evidence)


def _shared_origin_edge(pair: Pair, texts: dict[str, Text]) -> ProvenanceEdge:
    """Undirected in meaning; the earlier (else first) article is named the source."""
    a, b = texts[pair.a], texts[pair.b]
    source, target = (b, a) if (b.article.published or "9999") < (a.article.published or "9999") else (a, b)
    shared = _shared_quotes(pair, texts) + _shared_figures(pair, texts)
    unique = list({(m.a, m.b): m for m in shared}.values())
    return ProvenanceEdge(source=source.id, target=target.id, relation="shares-origin",
                          score=round(len({m.b for m in unique}) / max(1, len(b.sentences)), 3),
                          evidence=_match_evidence(unique, a, b))


def _passage_evidence(pair: Pair, texts: dict[str, Text]) -> list[Evidence]:
    longest = sorted(pair.passages, key=lambda p: -p.words)[:MAX_EVIDENCE_PAIRS]
    evidence = []
    for passage in sorted(longest, key=lambda p: p.a_start):
        evidence.append(_evidence(texts[pair.a], passage.a_start, passage.a_end))
        evidence.append(_evidence(texts[pair.b], passage.b_start, passage.b_end))
    return evidence


def _match_evidence(matches: list[reuse.SentenceMatch], text_a: Text, text_b: Text) -> list[Evidence]:
    """Spans of the closest MAX_EVIDENCE_PAIRS matches (sentence `a` of text_a, `b` of text_b)."""
    closest = sorted(matches, key=lambda m: -m.similarity)[:MAX_EVIDENCE_PAIRS]
    evidence = []
    for match in sorted(closest, key=lambda m: m.a):
        sentence_a, sentence_b = text_a.sentences[match.a], text_b.sentences[match.b]
        evidence.append(_evidence(text_a, sentence_a.start, sentence_a.end))
        evidence.append(_evidence(text_b, sentence_b.start, sentence_b.end))
    return evidence


def _evidence(text: Text, start: int, end: int) -> Evidence:
    return Evidence(article=text.id, start=start, end=end, text=text.article.text[start:end])


def _cite_edges(text: Text, uses: list[_CreditUse], texts: dict[str, Text]) -> list[ProvenanceEdge]:
    """One `cites` edge per outlet the article credits: credited outlet (or its article) -> article.

    Evidence: the credit spans, then the credited material found in the outlet's article.
    """
    edges = []
    for outlet in credited_outlets(text.credits):
        evidence = [_evidence(text, c.start, c.end) for c in text.credits if c.outlet == outlet]
        backed = [use for use in uses if use.target == text.id
                  and normalise_outlet(texts[use.source].article.outlet or "") == outlet]
        source = outlet
        if backed:
            use = max(backed, key=lambda u: (len(u.pair.reused_sentences[text.id]), u.source))
            source = use.source
            evidence += _match_evidence(use.pair.matches[text.id], text, texts[use.source])
        edges.append(ProvenanceEdge(source=source, target=text.id, relation="cites", score=1.0,
                                    evidence=evidence))
    return edges


# --------------------------------------------------------------- origins


def _origin_groups(texts: dict[str, Text], derived: list[Pair], shared: list[Pair], uses: list[_CreditUse],
                   aggregators: set[str], edges: list[ProvenanceEdge]) -> dict[str, str]:
    """article id -> origin id (the id of the group's source: earliest, else first in order).

    Shared origins and derivations covering JOIN_COVERAGE of both articles
    join groups (a passage taken from another article does not make an
    article a copy of it); an
    aggregator joins only the group of the source it takes most from, so two unrelated sources it
    combines stay two independent origins. An article that credits another
    article of the story and carries its material joins that article's group
    (the one it takes most from): what it took is not an independent
    confirmation.
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
    for use in uses:
        if use.target not in best_source:
            best_source[use.target] = max(best_source.get(use.target, (-1.0, "")),
                                          (use.pair.coverage[use.target], use.source))
    joined = [pair for pair in [*filter(_joins_origin, derived), *shared]
              if pair.a not in aggregators and pair.b not in aggregators]
    for pair in joined:
        parent[find(pair.a)] = find(pair.b)
    for article_id, (_, source) in best_source.items():
        parent[find(article_id)] = find(source)
    targets = {edge.target for edge in edges if edge.relation != "shares-origin"
               and edge.source in texts and edge.source != edge.target}
    members: dict[str, list[str]] = {}
    for article_id in texts:
        members.setdefault(find(article_id), []).append(article_id)
    origins = {}
    for group in members.values():
        root = min(group, key=lambda i: (i in targets, texts[i].article.published or "9999"))
        origins.update({article_id: root for article_id in group})
    return origins


def _origin_names(origins: dict[str, str], texts: dict[str, Text], linked: list[Pair]) -> dict[str, str | None]:
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
