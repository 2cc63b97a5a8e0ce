"""Facts: statements that several articles make, grouped across articles.

The story's similarity (see fact_similarity) proposes: sentences of
different articles are grouped with average-link clustering on it, so a fact
is a set of variants (one or more per article) with evidence spans in each.
Every pair inside a fact must also be the same claim at the same-claim
decision's high-precision operating point (SAME_CLAIM_THRESHOLD, precision 93
on MRPC train), or, for a pair the story's similarity already puts very close
(CLOSE_PAIR), at SAME_CLAIM_IN_GROUP: two facts apart beat a wrong merge,
since a fact's independent sources are only as true as its grouping. Two
sentences whose figures about the same thing differ ("12 killed" vs "14
died") are never one fact. A sentence that states two facts ("divers searched
... after the span collapsed") supports both: after the grouping it also joins
any other statement it matches. A statement made by one article only becomes
a fact when it carries a key number or a dated event involving a named actor.
Lines that state nothing (datelines such as "PORT VELDRA (MPA) -", bylines)
are left out (see sentence_units).

Everything here is pure: it reads the :class:`Story` and its annotations and
never loads a model.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from newsfuse.fuse.fact_similarity import SAME_FACT, similarity_matrix, word_overlap_matrix
from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, pair_probabilities, score_groups
from newsfuse.fuse.sentence_units import Unit, sentence_units
from newsfuse.models import Fact, Story
from newsfuse.text import clarity, overlap

# A sentence only joins another statement's group when it holds at least this
# share of the content words of each member (a paraphrase keeps about half:
# "central span gave way" vs "middle section collapsed").
MIN_JOIN_CONTAINMENT = 0.4
# A pair whose combined similarity (see fact_similarity) reaches CLOSE_PAIR is
# one claim from same-claim probability SAME_CLAIM_IN_GROUP on (two
# independent signals agree: a rewrite that adds a clause); any other pair
# needs SAME_CLAIM_THRESHOLD. Close pairs at p 0.6-0.75 mostly tell one event
# with a different detail (another name, place or toll): on ECB+ 12_ecb
# raising this from 0.6 to 0.75 took the multi-article facts from 32 to 24,
# and the ones removed were those mixing details.
CLOSE_PAIR = 0.65
SAME_CLAIM_IN_GROUP = 0.75


def group_units(units: list[Unit], threshold: float = SAME_FACT) -> list[tuple[list[int], list[int]]]:
    """Indices of `units` grouped into statements: (members, joined) per statement.

    Members come from average-link clustering on the combined score; each
    unit is a member of exactly one group. `joined` are units of other
    articles that also state it within a longer sentence (see _join_matching).
    """
    if len(units) < 2:
        return [([index], []) for index in range(len(units))]
    scores = similarity_matrix(units)
    join_scores = np.where(
        word_overlap_matrix([unit.words for unit in units], containment=True) >= MIN_JOIN_CONTAINMENT,
        similarity_matrix(units, containment=True), -1.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average",
        distance_threshold=1.0 - threshold,
    ).fit_predict(np.clip(1.0 - scores, 0.0, 2.0))
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    statements = []
    for members in groups.values():
        for claim in _same_claims(members, units, scores):
            joined = [index for index in _join_matching(claim, units, join_scores, threshold)
                      if _same_claim_as_all(index, claim, units, scores)]
            statements.append((claim, joined))
    return statements


def claim_scores(indices: list[int], units: list[Unit], similarity: np.ndarray) -> np.ndarray:
    """(n, n) same-claim probabilities of the units at `indices`, raised to SAME_CLAIM_THRESHOLD
    where the pair is close (`similarity`, see similarity_matrix, >= CLOSE_PAIR) and p >= SAME_CLAIM_IN_GROUP."""
    scores = pair_probabilities([units[index].statement for index in indices],
                                np.stack([units[index].vector for index in indices]))
    close = similarity[np.ix_(indices, indices)] >= CLOSE_PAIR
    return np.where(close & (scores >= SAME_CLAIM_IN_GROUP), np.maximum(scores, SAME_CLAIM_THRESHOLD), scores)


def _same_claims(members: list[int], units: list[Unit], similarity: np.ndarray) -> list[list[int]]:
    """`members` (a group of close sentences) split so that every pair is one claim (see claim_scores);
    two sentences of one article never share a group."""
    if len(members) < 2:
        return [members]
    articles = np.array([units[index].article for index in members])
    apart = (articles[:, None] == articles[None, :]) & ~np.eye(len(members), dtype=bool)
    scores = np.where(apart, 0.0, claim_scores(members, units, similarity))
    return [[members[position] for position in group] for group in score_groups(scores, SAME_CLAIM_THRESHOLD)]


def _same_claim_as_all(candidate: int, members: list[int], units: list[Unit], similarity: np.ndarray) -> bool:
    """Whether the sentence `candidate` states the same claim as each of `members` (see claim_scores)."""
    scores = claim_scores([candidate, *members], units, similarity)
    return bool((scores[0, 1:] >= SAME_CLAIM_THRESHOLD).all())


def _join_matching(members: list[int], units: list[Unit], scores: np.ndarray, threshold: float) -> list[int]:
    """For each article not among `members`, its unit that matches every member, if any.

    `scores` are containment scores (similarity_matrix(..., containment=True),
    row = candidate, column = member): a longer sentence that also states the
    group's statement matches; a shorter one that only touches it does not. A unit
    joins when its lowest score to the members reaches `threshold` (stricter
    than the average link of the clustering, as it stays a member of its own group).
    """
    present = {units[index].article for index in members}
    lowest = scores[:, members].min(axis=1)
    best: dict[str, tuple[float, int]] = {}
    for index in np.flatnonzero(lowest >= threshold):  # few: most units match nothing
        unit, score = units[index], float(lowest[index])
        if unit.article not in present and score > best.get(unit.article, (-np.inf, -1))[0]:
            best[unit.article] = (score, int(index))
    return sorted(index for _, index in best.values())


def clearest(group: list[Unit]) -> Unit:
    """The variant to show: plain wording that shares most words with the other variants.

    Outlet-specific spin rarely survives in the others' wording, so agreement
    with the other variants favours the neutral one.
    """
    def merit(unit: Unit) -> float:
        others = [other for other in group if other is not unit]
        agreement = np.mean([overlap(unit.words, other.words) for other in others]) if others else 0.0
        return clarity(unit.sentence.text) + 0.5 * float(agreement) - 0.5 * unit.unresolved

    return max(group, key=lambda unit: (merit(unit), -unit.relative_position))


def matters_alone(unit: Unit) -> bool:
    """A one-article statement worth keeping: a key number, or a named actor's act on the event's day."""
    if clarity(unit.sentence.text) < 0.6:
        return False
    return bool(unit.numbers) or (unit.has_event_date and bool(unit.entities))


def find_facts(story: Story, threshold: float = SAME_FACT) -> list[Fact]:
    """Statements of the story, each with its supporting articles and evidence spans.

    Facts made by several articles come first (more independent sources
    first, then more articles), then one-article facts; ties keep the order
    in which the statement first appears (relative position in its article,
    then article order). Ids are "f1", "f2"... in that order.
    """
    units = sentence_units(story)
    order = {article.id: rank for rank, article in enumerate(story.articles)}
    facts = []
    seen: set[frozenset[int]] = set()
    for members, joined in group_units(units, threshold):
        if frozenset(members + joined) in seen:
            continue  # two sentences that each joined the other's group: one fact, not two
        seen.add(frozenset(members + joined))
        core = [units[index] for index in members]
        group = core + [units[index] for index in joined]
        articles = sorted({unit.article for unit in group}, key=order.__getitem__)
        if len(articles) == 1 and not any(matters_alone(unit) for unit in group):
            continue
        group.sort(key=lambda unit: (order[unit.article], unit.index))
        first = min(group, key=lambda unit: (unit.relative_position, order[unit.article]))
        facts.append((
            (-story.independent_sources(articles), -len(articles),
             first.relative_position, order[first.article], first.index),
            _fact(story, clearest(core), group, articles),
        ))
    facts.sort(key=lambda item: item[0])
    return [fact.model_copy(update={"id": f"f{rank}"}) for rank, (_, fact) in enumerate(facts, 1)]


def _fact(story: Story, shown: Unit, group: list[Unit], articles: list[str]) -> Fact:
    """The fact worded as `shown`, with one evidence span per unit of `group`."""
    return Fact(
        id="", text=shown.sentence.text.strip(), articles=articles,
        independent_sources=story.independent_sources(articles),
        evidence=[_evidence(story, unit) for unit in group],
    )


def _evidence(story: Story, unit: Unit):
    return story.evidence(unit.article, unit.sentence.start, unit.sentence.end)
