"""The upper level: events grouped into developing stories (an event and its follow-ups).

An event (:mod:`newsfuse.cluster.events`) is one happening; a story is what a
reader follows for weeks: an arrest, then the hearings, the appeal, the
reactions. Their articles share the actors, the place and the topic words but
not the event's details, so the event model (fitted to keep two events of one
kind apart) splits them. :class:`StoryLinker` decides, for each new event, which
running story it continues, from its first article:

* body and names cosine against the story's running TF-IDF sums (the same
  vectors the event level uses);
* a time decay: the evidence is multiplied by ``exp(-gap / decay_days)``
  where ``gap`` is the days between the article and the story's date range
  (0 when either is undated: undated articles fall back to text alone).

An article that joins an existing event joins that event's story. When the
event level merges two events of different stories, the stories merge too;
when a new event's article matches a second story with `merge_threshold` or
more, that story is merged in (evidence accumulated on both sides). A young
story (a few articles) is also scored again, its articles' sum against the
running stories, each time it grows: a story whose first article said too
little (a lead on reactions, a market report) finds the story it continues once
its articles together say more. Every merge is recorded. Candidates come from an inverted index over the article's
distinctive terms and names, so the cost per event is bounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsfuse.cluster.groups import (
    CHANNELS, GroupIndex, GroupState, Merge, index_keys, max_day, min_day, top_normalised,
)

STORY_INDEX_LIMIT = 100  # keys posted by more live stories than this stop being looked up (too common to tell stories apart)
MAX_STORY_CANDIDATES = 12  # stories scored per new event, the most index hits first


@dataclass
class StoryParams:
    """How events join stories (see the module docstring).

    `body_weight` and `names_weight` weigh the cosines (they sum to 1);
    `join_threshold` is the decayed similarity an event needs to continue a
    story; `merge_threshold` the one at which a second story is merged in;
    `decay_days` the e-folding time of the time decay; stories quiet for more
    than `window_days` (days) are no longer candidates. A young story (2 to
    `relink_max` articles) whose articles' sum matches a running story with
    `merge_threshold` or more is merged into it (see `StoryLinker.relink_young`).
    """

    body_weight: float = 0.6
    names_weight: float = 0.4
    join_threshold: float = 0.13
    merge_threshold: float = 0.35
    min_names: float = 0.1
    decay_days: float = 30.0
    window_days: int = 45
    relink_max: int = 20


@dataclass
class StoryLink:
    """Where a new event went: `joined` (the story chosen), `story` (where that is after the
    merges), whether it is `new`, the decayed `score`, and the merges."""

    joined: int
    story: int
    new: bool
    score: float
    merges: list[Merge]


class StoryLinker(GroupIndex):
    """Keeps the stories of a stream: event -> story, running sums per story, an index."""

    def __init__(self, params: StoryParams | None = None):
        super().__init__()
        self.params = params or StoryParams()
        self.story_of_event: dict[int, int] = {}  # as placed; follow `absorbed_into` for the live story
        self.absorbed_into: dict[int, int] = {}

    def link_new_event(
        self, event: int, article: str, vectors: dict[str, dict[str, float]], day: int | None, keys: list[str]
    ) -> StoryLink:
        """Attach a new event (its first article's vectors, day and index keys) to a story."""
        scored = self.score_candidates(vectors, day, keys)
        if scored and scored[0][1] >= self.params.join_threshold:
            story, score, new = scored[0][0], scored[0][1], False
        else:
            story, score, new = self._new_group(), 0.0, True
        self.story_of_event[event] = story.id
        self.add_article(story.id, article, vectors, day, keys)
        merges = self.merge_confident(story.id, scored, article, self.params.merge_threshold)
        return StoryLink(joined=story.id, story=self.story_of(event), new=new, score=score, merges=merges)

    def follow_event(
        self, event: int, article: str, vectors: dict[str, dict[str, float]], day: int | None, keys: list[str]
    ) -> StoryLink:
        """Add an article of a known event to that event's story (merging other stories on one article's
        evidence is left to new events: tried on every article, it merged more wrong stories than right
        ones on DUC/TDT dev; a young story is scored as a whole by `relink_young`)."""
        story = self.story_of(event)
        self.add_article(story, article, vectors, day, keys)
        return StoryLink(joined=story, story=story, new=False, score=0.0, merges=[])

    def relink_young(self, story_id: int, article: str, day: int | None) -> list[Merge]:
        """Merge a young story (2 to `relink_max` articles) into the running story its articles' sum
        matches best, at `merge_threshold` or more (the bar for merging two stories): its first
        article alone may have said too little, its articles together say more. The merge is
        recorded; returned as a list (empty or one merge)."""
        story = self.stories.get(story_id)
        if story is None or len(story.members) < 2 or len(story.members) > self.params.relink_max:
            return []
        vectors = {channel: top_normalised(story.sums[channel]) for channel in ("body", "names")}  # what counts here
        scored = [item for item in self.score_candidates(vectors, day, index_keys(vectors)) if item[0].id != story_id]
        if not scored or scored[0][1] < self.params.merge_threshold:
            return []
        return [self.merge(story_id, scored[0][0].id, article, scored[0][1])]

    def story_of(self, event: int) -> int:
        """The live story of `event` (after every merge)."""
        story = self.story_of_event[event]
        while story in self.absorbed_into:
            story = self.absorbed_into[story]
        return story

    def restore_event(self, event: int, story: int) -> None:
        """Record a known event -> story link (a replay)."""
        self.story_of_event[event] = story

    def add_article(
        self, story_id: int, article: str, vectors: dict[str, dict[str, float]], day: int | None, keys: list[str]
    ) -> None:
        """Add an article's vectors, day and index keys to story `story_id` (revived if it was retired)."""
        story = self.group(story_id)
        story.members.append(article)
        for channel in CHANNELS:
            story.add_vector(channel, vectors[channel])
        story.first_day = min_day(story.first_day, day)
        story.last_day = max_day(story.last_day, day)
        self.post(story, keys)

    def score_candidates(
        self, vectors: dict[str, dict[str, float]], day: int | None, keys: list[str]
    ) -> list[tuple[GroupState, float]]:
        """Live stories sharing index keys with the article, with their decayed similarity, best first."""
        scored = []
        for story in self.hits(keys, STORY_INDEX_LIMIT):
            if story.day_gap(day) > self.params.window_days:
                continue
            scored.append((story, self.similarity(story, vectors, day)))
            if len(scored) == MAX_STORY_CANDIDATES:
                break
        # Ties go to the older story, so the result does not depend on hash order.
        return sorted(scored, key=lambda item: (-item[1], item[0].id))

    def similarity(self, story: GroupState, vectors: dict[str, dict[str, float]], day: int | None) -> float:
        """Weighted body + names cosine, times the time decay ``exp(-gap / decay_days)``."""
        params = self.params
        names = story.cosine("names", vectors["names"])
        if names < params.min_names:  # the same kind of event among other actors: another story
            return 0.0
        text = params.body_weight * story.cosine("body", vectors["body"]) + params.names_weight * names
        return text * math.exp(-story.day_gap(day) / params.decay_days)

    def _merged(self, kept: GroupState, absorbed: GroupState) -> None:
        self.absorbed_into[absorbed.id] = kept.id

    def retire_quiet(self, today: int | None) -> None:
        """Drop stories quiet for more than `window_days` before `today` from memory and the index."""
        if today is not None:
            self.retire(today - self.params.window_days)
