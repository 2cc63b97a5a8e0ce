"""What both levels share: a group's running sums (:class:`GroupState`) and a set of live
groups with an inverted index over their articles' keys (:class:`GroupIndex`).

A group is an event (:mod:`newsfuse.cluster.events`) or a story
(:mod:`newsfuse.cluster.stories`); the attribute names say "story" for both.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

CHANNELS = ("body", "head", "names")
CLOSE_DAYS = 1  # an article dated this close to a group's date range counts as `dated_close`
MAX_TERMS = 80  # weighted terms kept per article vector and channel
INDEX_TERMS = 10  # distinctive body terms of an article (or a young story) that are looked up / posted
INDEX_NAMES = 6  # distinctive names of an article (or a young story) that are looked up / posted
MAX_CENTROID_TERMS = 600  # a group's term sums are pruned to the top 2/3 beyond this


@dataclass
class Merge:
    """Story `absorbed` was merged into story `kept` when `article` matched both."""

    kept: int
    absorbed: int
    article: str
    score: float


class GroupState:
    """Running sums of a group of articles, an event or a story (what candidates are scored against)."""

    def __init__(self, story_id: int):
        self.id = story_id
        self.members: list[str] = []
        self.sums: dict[str, dict[str, float]] = {channel: {} for channel in CHANNELS}
        self.sq_norms: dict[str, float] = {channel: 0.0 for channel in CHANNELS}
        self.numbers: Counter = Counter()
        self.latest_years: Counter = Counter()  # members' latest written year
        self.first_day: int | None = None
        self.last_day: int | None = None
        self.index_keys: set[str] = set()

    def cosine(self, channel: str, vector: dict[str, float]) -> float:
        """Cosine between an L2-normalised article vector and this story's sum."""
        norm = self.sq_norms[channel]
        if norm <= 0.0 or not vector:
            return 0.0
        sums = self.sums[channel]
        return sum(weight * sums.get(term, 0.0) for term, weight in vector.items()) / math.sqrt(norm)

    def add_vector(self, channel: str, vector: dict[str, float]) -> None:
        sums = self.sums[channel]
        dot = sum(weight * sums.get(term, 0.0) for term, weight in vector.items())
        self.sq_norms[channel] += 2.0 * dot + sum(weight * weight for weight in vector.values())
        for term, weight in vector.items():
            sums[term] = sums.get(term, 0.0) + weight
        if len(sums) > MAX_CENTROID_TERMS:
            kept = sorted(sums.items(), key=lambda item: -item[1])[: MAX_CENTROID_TERMS * 2 // 3]
            self.sums[channel] = dict(kept)
            self.sq_norms[channel] = sum(weight * weight for _, weight in kept)

    def remove_vector(self, channel: str, vector: dict[str, float]) -> None:
        """Take an article's vector back out of the sum (terms pruned from the sum meanwhile are skipped)."""
        sums = self.sums[channel]
        kept = {term: weight for term, weight in vector.items() if term in sums}
        dot = sum(weight * sums[term] for term, weight in kept.items())
        self.sq_norms[channel] = max(self.sq_norms[channel] - 2.0 * dot + sum(w * w for w in kept.values()), 0.0)
        for term, weight in kept.items():
            left = sums[term] - weight
            if left > 1e-9:
                sums[term] = left
            else:
                del sums[term]

    def absorb(self, other: GroupState) -> None:
        """Add `other`'s sums and members to this story (a merge)."""
        self.members.extend(other.members)
        for channel in CHANNELS:
            self.add_vector(channel, other.sums[channel])
        self.numbers.update(other.numbers)
        self.latest_years.update(other.latest_years)
        self.first_day = min_day(self.first_day, other.first_day)
        self.last_day = max_day(self.last_day, other.last_day)

    def is_dated_close(self, day: int | None) -> bool:
        """Whether `day` is known, the story is dated, and they are at most `CLOSE_DAYS` apart."""
        return day is not None and self.first_day is not None and self.day_gap(day) <= CLOSE_DAYS

    def day_gap(self, day: int | None) -> int:
        """Days between `day` and this story's date range (0 when either is unknown)."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(self.first_day - day, day - self.last_day, 0)


class GroupIndex:
    """Live groups by id, an inverted index (key -> ids of the groups that posted it), the next
    id to hand out and the merge log. Subclasses say what a merge re-points (`_merged`)."""

    def __init__(self):
        self.stories: dict[int, GroupState] = {}
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.next_id = 1
        self.merges: list[Merge] = []

    def __getstate__(self) -> dict:
        """What a snapshot keeps: everything but the index, which the live groups' keys rebuild
        (a key stays in the index with no group left when its groups retire; they grow with the
        vocabulary, the live groups with the time window only)."""
        state = dict(self.__dict__)
        del state["postings"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.postings = defaultdict(set)
        for story in self.stories.values():
            for key in story.index_keys:
                self.postings[key].add(story.id)

    def group(self, story_id: int) -> GroupState:
        """Group `story_id`, created (and its id reserved) when it is not live: a replay."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = GroupState(story_id)
            self.next_id = max(self.next_id, story_id + 1)
        return story

    def post(self, story: GroupState, keys: list[str]) -> None:
        """Index `story` under `keys`."""
        for key in keys:
            self.postings[key].add(story.id)
            story.index_keys.add(key)

    def hits(self, keys: list[str], max_postings: int) -> Iterator[GroupState]:
        """Live groups that posted any of `keys`, most keys shared first (then oldest); keys posted by more than
        `max_postings` groups are too common to look up.

        Ranked lazily (a heap): callers take the first few of what may be thousands of groups in a
        busy time window, and pay for ranking only those.
        """
        counts: Counter = Counter()
        for key in keys:
            posted = self.postings.get(key)
            if posted and len(posted) <= max_postings:
                counts.update(posted)
        # Ties go to the older group: set order is not kept by a snapshot, so it must never decide.
        ranked = [(-count, story_id) for story_id, count in counts.items()]
        heapq.heapify(ranked)
        while ranked:
            story = self.stories.get(heapq.heappop(ranked)[1])
            if story is not None:
                yield story

    def retire(self, horizon: int) -> int:
        """Drop groups whose last day is before `horizon` from memory and the index; how many."""
        quiet = [story for story in self.stories.values() if story.last_day is not None and story.last_day < horizon]
        for story in quiet:
            for key in story.index_keys:
                self.postings[key].discard(story.id)
            del self.stories[story.id]
        return len(quiet)

    def merge(self, first: int, second: int, article: str, score: float) -> Merge:
        """Fold the younger of two live groups into the older; re-point index entries (and what
        `_merged` re-points); the merge is logged and returned."""
        kept, absorbed = self.stories[min(first, second)], self.stories[max(first, second)]
        kept.absorb(absorbed)
        del self.stories[absorbed.id]
        for key in absorbed.index_keys:
            self.postings[key].discard(absorbed.id)
            self.postings[key].add(kept.id)
        kept.index_keys |= absorbed.index_keys
        self._merged(kept, absorbed)
        merge = Merge(kept=kept.id, absorbed=absorbed.id, article=article, score=score)
        self.merges.append(merge)
        return merge

    def merge_confident(self, story: int, scored: list[tuple[GroupState, float]], article: str,
                        threshold: float) -> list[Merge]:
        """Merge into `story` every other scored group (best first) at `threshold` or more: an
        article that surely belongs to two groups is evidence they are one."""
        merges = []
        for other, score in scored:
            if score < threshold:
                break
            if other.id in self.stories and other.id != story:
                merges.append(self.merge(story, other.id, article, score))
                story = merges[-1].kept
        return merges

    def _new_group(self) -> GroupState:
        story = self.stories[self.next_id] = GroupState(self.next_id)
        self.next_id += 1
        return story

    def _merged(self, kept: GroupState, absorbed: GroupState) -> None:
        """Hook: what else points at `absorbed` now points at `kept`."""


def top_normalised(weights: dict[str, float]) -> dict[str, float]:
    """The `MAX_TERMS` heaviest terms of `weights`, L2-normalised (empty when all weights are zero)."""
    top = sorted(weights.items(), key=lambda item: -item[1])[:MAX_TERMS]
    norm = math.sqrt(sum(weight * weight for _, weight in top))
    return {term: weight / norm for term, weight in top} if norm else {}


def index_keys(vectors: dict[str, dict[str, float]]) -> list[str]:
    """The most distinctive body terms and names of `vectors` (names prefixed, to keep them apart)."""
    body = sorted(vectors["body"].items(), key=lambda item: -item[1])[:INDEX_TERMS]
    names = sorted(vectors["names"].items(), key=lambda item: -item[1])[:INDEX_NAMES]
    return [term for term, _ in body] + ["@" + name for name, _ in names]


def min_day(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def max_day(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
