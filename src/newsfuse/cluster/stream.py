"""Two-level stream clustering: each arriving article joins an event, each event a story.

:class:`StreamClusterer` is the entry point the store and the benchmarks use.
It runs the event level (:class:`~newsfuse.cluster.events.EventClusterer`, one
happening: kept apart from another of the same kind) and the story level
(:class:`~newsfuse.cluster.stories.StoryLinker`, the event and its follow-ups
over weeks) on the same TF-IDF vectors, one article at a time, never looking
ahead. Both levels reach candidates through inverted indexes, so a stream
costs near-linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsfuse.cluster.events import RETIRE_EVERY, ClusterParams, EventClusterer
from newsfuse.cluster.groups import Merge, index_keys
from newsfuse.cluster.features import ArticleFeatures
from newsfuse.cluster.recheck import Move
from newsfuse.cluster.stories import StoryLinker, StoryParams


@dataclass
class Placement:
    """Where one article went.

    `joined_event` is the event it was put in, `event` where that event is after
    any merges its arrival caused, `new_event` whether it started one, `score`
    the event model's probability (0.0 for a new event). `joined_story`, `story`, `new` (it
    started a story) and `story_score` (the decayed story similarity, 0.0 when
    new or when the article joined a known event) are the same for the story
    level. `merges` are event merges, `story_merges` story merges, `moves` earlier
    articles its arrival showed to be in the wrong event (each placed again, with
    its new event and story).
    """

    article: str
    joined_event: int
    event: int
    new_event: bool
    score: float
    joined_story: int
    story: int
    new: bool
    story_score: float
    merges: list[Merge] = field(default_factory=list)
    story_merges: list[Merge] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


class StreamClusterer:
    """Places articles one by one into events and stories; all state in memory.

    `place(features)` scores and assigns a new article; `restore(features,
    event_id, story_id)` replays a stored assignment without scoring, so a
    later run only places the new articles.
    """

    def __init__(self, params: ClusterParams | None = None, story_params: StoryParams | None = None):
        self.events = EventClusterer(params)
        self.stories = StoryLinker(story_params)

    def place(self, features: ArticleFeatures) -> Placement:
        """Assign one new article to an event and a story (creating them when nothing is close enough)."""
        vectors = self._observe(features)
        placed = self.events.place_observed(features, vectors)
        keys = index_keys(vectors)
        link = (self.stories.link_new_event if placed.new else self.stories.follow_event)(
            placed.joined, features.id, vectors, features.day, keys
        )
        story_merges = list(link.merges)
        moves = [self._follow_move(move) for move in placed.moves]
        # A young story, grown by this article, may now match the running story it continues.
        story_merges += self.stories.relink_young(self.stories.story_of(placed.story), features.id, features.day)
        for merge in placed.merges:  # two events found to be one: their stories are one too
            kept, absorbed = self.stories.story_of(merge.kept), self.stories.story_of(merge.absorbed)
            if kept != absorbed:
                story_merges.append(self.stories.merge(kept, absorbed, features.id, merge.score))
        return Placement(
            article=features.id, joined_event=placed.joined, event=placed.story, new_event=placed.new,
            score=placed.score, joined_story=link.joined, story=self.stories.story_of(placed.story), new=link.new,
            story_score=link.score, merges=placed.merges, story_merges=story_merges, moves=moves,
        )

    def _follow_move(self, move: Move) -> Move:
        """The story level follows an event-level split: the new event stays in the story its articles were in
        (their vectors are already in its sums). The move with its story."""
        story = self.stories.story_of(move.left)
        self.stories.restore_event(move.joined, story)
        return replace(move, story=story)

    def restore(self, features: ArticleFeatures, event_id: int, story_id: int) -> None:
        """Put an article back into a known event and story (no scoring): replays a stored assignment."""
        vectors = self._observe(features)
        self.events.assign(features, vectors, event_id)
        if event_id not in self.stories.story_of_event:
            self.stories.restore_event(event_id, story_id)
        self.stories.add_article(
            self.stories.story_of(event_id), features.id, vectors, features.day, index_keys(vectors)
        )

    def assignments(self) -> dict[str, tuple[int, int]]:
        """Article id -> (live event id, live story id) for every article placed or restored."""
        return {
            article: (event, self.stories.story_of(event)) for article, event in self.events.story_of.items()
        }

    def reserve_ids(self, next_event: int, next_story: int) -> None:
        """Never hand out event ids below `next_event` or story ids below `next_story` (ids already used)."""
        self.events.next_id = max(self.events.next_id, next_event)
        self.stories.next_id = max(self.stories.next_id, next_story)

    def _observe(self, features: ArticleFeatures) -> dict[str, dict[str, float]]:
        vectors = self.events.observe(features)
        if self.events.documents % RETIRE_EVERY == 0:
            self.stories.retire_quiet(self.events.today)
        return vectors
