"""Second thoughts at the event level: an event found to hold two events is split.

An article joins an event on the evidence of the moment: early in a stream an
event is one or two articles and the document frequencies are young, so the
first report of a second event of one kind (another earthquake, another
arrest) can join the first, and the mixed event then draws both events' later
articles. In file order each event's articles come together and this rarely
happens; in a shuffled stream it is the main error. Once the event has grown,
its articles tell whether they are one: when an article brings an event to one
of `RECHECK_SIZES` articles (all recent), the event is cut in two by
:func:`bisect` (2-means on the members' vectors) and each half's members are
scored against the other half with the join model. When neither half's
members would join the other (mean probability below
`ClusterParams.split_threshold`), the smaller half leaves as an event of its
own, in the same story. Each article that
leaves is recorded as a :class:`Move` (the store keeps where it was first
placed).

On a synthetic stream whose events are stitched from several different real
articles with names drawn at random (``benchmarks/cluster_scale.py``) this
also cuts true events along their source articles: there it costs recall.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.cluster.groups import GroupState

# Event sizes at which an event is cut and tested (roughly geometric: a mixed event is caught as it grows,
# at a quarter of the cost of testing every join); larger events are settled (bounded cost).
RECHECK_SIZES = frozenset({4, 6, 8, 12, 16, 24})
RECENT_ARTICLES = 2000  # articles whose vectors are kept to be scored again (older ones never move)
MIN_HALF = 2  # a half of one article is a stray, not an event
BISECT_ROUNDS = 3


@dataclass
class Move:
    """Article `article` left event `left` (which it had outgrown) for event `joined`, in story `story`
    (set by :class:`~newsfuse.cluster.stream.StreamClusterer`; 0 at the event level alone)."""

    article: str
    left: int
    joined: int
    score: float  # the split's evidence: the halves' mean P(same event) against each other
    story: int = 0


def bisect(members: list[tuple[str, dict[str, dict[str, float]]]]) -> tuple[list[str], list[str]] | None:
    """Two halves (ids, larger first, ties: the half holding the first member) of `members` ((id, vectors) in
    stream order) by 2-means on body and names cosine, seeded by the two least similar members; None when
    a half would hold fewer than `MIN_HALF`."""
    pairs = [(i, j) for i in range(len(members)) for j in range(i + 1, len(members))]
    seed = min(pairs, key=lambda pair: (_similarity(members[pair[0]][1], members[pair[1]][1]), pair))
    sides = [members[seed[0]][1], members[seed[1]][1]]
    halves: list[list[int]] = []
    for _ in range(BISECT_ROUNDS):
        halves = [[], []]
        for index, (_, vectors) in enumerate(members):
            halves[_similarity(vectors, sides[1]) > _similarity(vectors, sides[0])].append(index)
        if min(len(half) for half in halves) < MIN_HALF:
            return None
        sides = [_centroid([members[index][1] for index in half]) for half in halves]
    halves.sort(key=lambda half: (-len(half), half[0]))
    return [members[index][0] for index in halves[0]], [members[index][0] for index in halves[1]]


def _similarity(first: dict[str, dict[str, float]], second: dict[str, dict[str, float]]) -> float:
    return sum(_dot(first[channel], second[channel]) for channel in ("body", "names"))


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def _centroid(vectors: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """The mean of `vectors` per channel, L2-normalised."""
    found = {}
    for channel in ("body", "names"):
        sums: dict[str, float] = {}
        for vector in vectors:
            for term, weight in vector[channel].items():
                sums[term] = sums.get(term, 0.0) + weight
        norm = sum(weight * weight for weight in sums.values()) ** 0.5
        found[channel] = {term: weight / norm for term, weight in sums.items()} if norm else {}
    return found
