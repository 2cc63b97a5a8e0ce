"""Online event clustering: each arriving article joins the best event or starts a new one.

The lower level of :mod:`newsfuse.cluster.stream` (events inside stories); "story" in
the names below is the event group this module keeps (one happening).

After Miranda et al. (2018, "Multilingual clustering of streaming news"):
every story keeps running sums of its articles' TF-IDF vectors (per channel,
document frequencies counted as the stream goes on),
numbers, years and dates; an article is compared only with the candidate stories an
inverted index over its most distinctive terms and names returns (never with
every story), a learned logistic model turns the similarities into the
probability "same event", and the article joins the most probable story when
that probability reaches `join_threshold`. When an article is just as surely
part of a second story, the two stories are merged and the merge is recorded.

Cost per article is bounded by `groups.INDEX_TERMS` posting lookups and
`MAX_CANDIDATES` scorings, so a stream costs near-linear time.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from newsfuse.cluster.features import ArticleFeatures
from newsfuse.cluster.groups import (
    CHANNELS, GroupIndex, GroupState, Merge, index_keys, max_day, min_day, top_normalised,
)
from newsfuse.cluster.recheck import RECENT_ARTICLES, RECHECK_SIZES, Move, bisect

FEATURE_NAMES = (
    "body", "head", "names", "name_coverage", "lead_name_coverage", "numbers", "year_gap", "gap_weeks",
    "log_size", "dated_close",
)
MAX_YEAR_GAP = 3  # years apart beyond which "how far apart" adds no evidence
SIZE_CAP = 25  # story size beyond which `log_size` stays flat (ECB+ train stories hold <= 22)
MAX_CANDIDATES = 10  # stories scored per article, the most index hits first
MAX_POSTINGS = 400  # terms posted by more live stories than this stop being looked up
RETIRE_EVERY = 500  # articles between sweeps that retire stories quiet for `window_days`
# Pseudo-documents holding every term, added to the stream's document frequencies: in a short
# stream raw IDF gives the names all its articles share (the sign they tell one event) the least
# weight; the prior keeps weights near uniform until real frequencies outweigh it.
# On ECB+ train 0 scores worse and 10-40 alike: the smallest is kept (long streams barely change).
IDF_PRIOR_DOCUMENTS = 10

# Fitted on ECB+ train (file order and two shuffled orders) by `benchmarks/ecbplus.py --fit`;
# gap_weeks and dated_close are set by hand: ECB+ has no dates.
DEFAULT_WEIGHTS = {
    "body": 4.462, "head": 6.205, "names": 3.567, "name_coverage": 4.087, "lead_name_coverage": -0.577,
    "numbers": 1.452, "year_gap": -0.692, "gap_weeks": -1.0, "log_size": -1.325, "dated_close": 1.0,
}
HAND_SET = ("gap_weeks", "dated_close")  # weights the ECB+ fit leaves alone


@dataclass(frozen=True)
class ClusterParams:
    """The learned similarity model and the decision thresholds.

    `weights` follow `FEATURE_NAMES`. Defaults were fitted by logistic
    regression on the ECB+ train split (``benchmarks/ecbplus.py --fit``);
    `gap_weeks` and `dated_close` are set by hand (ECB+ has no dates): each
    week between an article and a story's date range costs `gap_weeks`
    log-odds; an article dated within `CLOSE_DAYS` of a dated story gains
    `dated_close` (the fitted weights come from undated pairs, where two
    events of one kind may be years apart, so a matching date is evidence
    they never saw). Stories
    quiet for more than `window_days` are no longer candidates. An event whose
    two halves would not join each other (mean probability below
    `split_threshold`) is split (:mod:`newsfuse.cluster.recheck`).
    """

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    bias: float = -5.247
    join_threshold: float = 0.4
    merge_threshold: float = 0.8
    split_threshold: float = 0.4
    window_days: int = 30


@dataclass
class EventPlacement:
    """Where one article went: `joined` (the story it was put in), `story` (where that story
    is after any merges it caused), whether the story is `new`, the model's `score`."""

    article: str
    joined: int
    story: int
    new: bool
    score: float
    merges: list[Merge] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


class EventClusterer(GroupIndex):
    """Places articles one by one into events ("stories" in the attribute names); all state in
    memory, nothing is written.

    `place(features)` scores and assigns a new article; `restore(features,
    story_id)` replays an earlier assignment (e.g. from the store) without
    scoring, so a later run only places the new articles.
    """

    def __init__(self, params: ClusterParams | None = None):
        super().__init__()
        self.params = params or ClusterParams()
        self.story_of: dict[str, int] = {}
        self.documents = 0
        self.document_frequency: dict[str, Counter] = {channel: Counter() for channel in CHANNELS}
        self.today: int | None = None  # latest publication day seen
        # The latest `RECENT_ARTICLES` articles' features and vectors (insertion ordered): what a re-check scores.
        self.recent: dict[str, tuple[ArticleFeatures, dict[str, dict[str, float]]]] = {}

    # --------------------------------------------------------------- public

    def place(self, features: ArticleFeatures) -> EventPlacement:
        """Assign one new article to an event (creating one when nothing is close enough)."""
        return self.place_observed(features, self.observe(features))

    def place_observed(self, features: ArticleFeatures, vectors: dict[str, dict[str, float]]) -> EventPlacement:
        """`place` for an article already counted by `observe` (whose `vectors` are given)."""
        scored = self.score_candidates(features, vectors)
        if scored and scored[0][1] >= self.params.join_threshold:
            story, score = scored[0][0], scored[0][1]
            new = False
        else:
            story, score, new = self._new_group(), 0.0, True
        self._add(story, features, vectors)
        merges = [] if new else self.merge_confident(story.id, scored[1:], features.id, self.params.merge_threshold)
        moves = [] if new or self.params.split_threshold <= 0.0 else self.recheck(self.story_of[features.id])
        return EventPlacement(article=features.id, joined=story.id, story=self.story_of[features.id], new=new,
                              score=score, merges=merges, moves=moves)

    def recheck(self, story_id: int) -> list[Move]:
        """Split event `story_id` in two when its halves would not join each other (see
        :mod:`newsfuse.cluster.recheck`); the moves of the smaller half's articles (none when kept whole)."""
        story = self.stories[story_id]
        if len(story.members) not in RECHECK_SIZES or any(member not in self.recent for member in story.members):
            return []
        halves = bisect([(member, self.recent[member][1]) for member in story.members])
        if halves is None:
            return []
        groups = [self._scratch_group(half) for half in halves]
        score = max(self._mean_probability(half, groups[1 - side]) for side, half in enumerate(halves))
        if score >= self.params.split_threshold:
            return []
        leaving = self._new_group()
        for member in halves[1]:
            self._remove(story, *self.recent[member])
            self._add(leaving, *self.recent[member])
        return [Move(article=member, left=story_id, joined=leaving.id, score=score) for member in halves[1]]

    def _mean_probability(self, members: list[str], group: GroupState) -> float:
        """Mean P(same event) of recent `members` against `group`."""
        return sum(self.probability(self.similarities(group, *self.recent[member])) for member in members) / len(
            members
        )

    def restore(self, features: ArticleFeatures, story_id: int) -> None:
        """Put an article back into a known story (no scoring): replays a stored assignment."""
        self.assign(features, self.observe(features), story_id)

    def observe(self, features: ArticleFeatures) -> dict[str, dict[str, float]]:
        """Count the article in the document frequencies; its TF-IDF vectors per channel."""
        self.documents += 1
        self.today = max_day(self.today, features.day)
        if self.documents % RETIRE_EVERY == 0:
            self.retire_quiet_stories()
        for channel in CHANNELS:
            self.document_frequency[channel].update(getattr(features, channel).keys())
        return {
            channel: top_normalised(
                {term: weight * self._idf(channel, term) for term, weight in getattr(features, channel).items()}
            )
            for channel in CHANNELS
        }

    def assign(self, features: ArticleFeatures, vectors: dict[str, dict[str, float]], story_id: int) -> None:
        """Add an observed article to story `story_id`, creating that story if needed."""
        self._add(self.group(story_id), features, vectors)

    def retire_quiet_stories(self) -> int:
        """Drop stories quiet for more than `window_days` before the latest day seen from memory
        and from the index (their articles keep their story id); how many were retired."""
        return 0 if self.today is None else self.retire(self.today - self.params.window_days)

    def score_candidates(
        self, features: ArticleFeatures, vectors: dict[str, dict[str, float]]
    ) -> list[tuple[GroupState, float]]:
        """Candidate stories with P(same event) for an observed article, most probable first."""
        scored = [
            (story, self.probability(self.similarities(story, features, vectors)))
            for story in self.candidates(features, vectors)
        ]
        # Ties go to the older event, so the result does not depend on hash order.
        return sorted(scored, key=lambda item: (-item[1], item[0].id))

    def candidates(self, features: ArticleFeatures, vectors: dict[str, dict[str, float]]) -> list[GroupState]:
        """Live stories sharing distinctive terms or names with the article, most shared first."""
        stories = []
        for story in self.hits(index_keys(vectors), MAX_POSTINGS):
            if story.day_gap(features.day) <= self.params.window_days:
                stories.append(story)
                if len(stories) == MAX_CANDIDATES:
                    break
        return stories

    def similarities(
        self, story: GroupState, features: ArticleFeatures, vectors: dict[str, dict[str, float]]
    ) -> dict[str, float]:
        """The model's inputs (`FEATURE_NAMES`) for (story, observed article)."""
        names = vectors["names"]
        lead_names = {name: weight for name, weight in names.items() if name in features.lead_names}
        return {
            "body": story.cosine("body", vectors["body"]),
            "head": story.cosine("head", vectors["head"]),
            "names": story.cosine("names", names),
            "name_coverage": _coverage(names, story.sums["names"]),
            "lead_name_coverage": _coverage(lead_names, story.sums["names"]),
            "numbers": sum(1 for number in features.numbers if story.numbers[number] > 0)
            / math.sqrt(len(features.numbers) + 1.0),
            "year_gap": _year_gap(features.years, story.latest_years),
            "gap_weeks": story.day_gap(features.day) / 7.0,
            # A big story covers more names and terms by sheer size; the model learns how much
            # to discount that. Capped at the largest training stories: no extrapolation.
            "log_size": math.log(min(len(story.members), SIZE_CAP)),
            "dated_close": float(story.is_dated_close(features.day)),
        }

    def probability(self, similarities: dict[str, float]) -> float:
        """Logistic model: P(article and story report the same event)."""
        weights = self.params.weights
        logit = self.params.bias + sum(weights.get(name, 0.0) * value for name, value in similarities.items())
        return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))

    # ------------------------------------------------------------- internal

    def _idf(self, channel: str, term: str) -> float:
        """Smoothed inverse document frequency of `term` so far (see `IDF_PRIOR_DOCUMENTS`)."""
        prior = 1.0 + IDF_PRIOR_DOCUMENTS
        return math.log((self.documents + prior) / (self.document_frequency[channel][term] + prior)) + 1.0

    def _add(self, story: GroupState, features: ArticleFeatures, vectors: dict[str, dict[str, float]]) -> None:
        # Term counts are not kept: a re-check reads the vectors (a snapshot holds `recent` too).
        self.recent[features.id] = (replace(features, body={}, head={}, names={}), vectors)
        if len(self.recent) > RECENT_ARTICLES:
            del self.recent[next(iter(self.recent))]
        story.members.append(features.id)
        self.story_of[features.id] = story.id
        _accumulate(story, features, vectors)
        self.post(story, index_keys(vectors))

    def _scratch_group(self, members: list[str]) -> GroupState:
        """A group of recent articles outside the index, to be scored against (a split's halves)."""
        group = GroupState(0)
        for member in members:
            group.members.append(member)
            _accumulate(group, *self.recent[member])
        return group

    def _remove(self, story: GroupState, features: ArticleFeatures, vectors: dict[str, dict[str, float]]) -> None:
        """Take an article back out of a story's members and sums (its index keys stay posted: harmless)."""
        story.members.remove(features.id)
        for channel in CHANNELS:
            story.remove_vector(channel, vectors[channel])
        story.numbers.subtract(features.numbers)
        story.numbers = +story.numbers
        if features.years:
            story.latest_years[max(features.years)] -= 1
            story.latest_years = +story.latest_years

    def _merged(self, kept: GroupState, absorbed: GroupState) -> None:
        for member in absorbed.members:
            self.story_of[member] = kept.id


def _accumulate(story: GroupState, features: ArticleFeatures, vectors: dict[str, dict[str, float]]) -> None:
    """Add an article's vectors, numbers, year and day to a group's running sums."""
    for channel in CHANNELS:
        story.add_vector(channel, vectors[channel])
    story.numbers.update(features.numbers)
    if features.years:
        story.latest_years[max(features.years)] += 1
    story.first_day = min_day(story.first_day, features.day)
    story.last_day = max_day(story.last_day, features.day)


def _coverage(weights: dict[str, float], present: dict[str, float]) -> float:
    """Share of `weights` (a weighted term set) whose terms are in `present`; 1.0 when empty."""
    total = sum(weights.values())
    if not total:
        return 1.0
    return sum(weight for term, weight in weights.items() if term in present) / total


def _year_gap(years: frozenset[str], story_years: Counter) -> float:
    """Years between the article's latest written year and the story's usual one (0 if unknown), capped."""
    if not years or not story_years:
        return 0.0
    usual = int(story_years.most_common(1)[0][0])
    return float(min(abs(int(max(years)) - usual), MAX_YEAR_GAP))
