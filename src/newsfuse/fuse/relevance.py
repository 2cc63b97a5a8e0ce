"""How relevant each summary candidate is: the signals, their weights, and the candidate record.

`score_candidates` sets every candidate's `relevance` (centrality to the story,
support by independent origins, words the origins share, lead position, main
actors, clarity, concreteness, a counted outcome, recency) and its support
tier; :mod:`newsfuse.fuse.summary` then picks and orders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from newsfuse.fuse.sentence_units import Unit
from newsfuse.models import Story
from newsfuse.text import clarity, content_words

# Relevance weights: set by hand, then checked on NeuS val (benchmarks/neus.py).
# Fitting them by coordinate ascent on half of val and scoring the other half
# gained nothing there (-0.1 mean ROUGE), so they stay hand-set. "outcome" is
# for stories with a toll, which NeuS rarely has (ROUGE moves by 0.01 with it).
WEIGHTS = {
    "centrality": 1.0,
    "support": 0.5,
    "shared_words": 0.5,
    "lead": 0.25,
    "actors": 0.15,
    "clarity": 0.3,
    "concrete": 0.2,
    "outcome": 0.3,
    "recency": 0.05,
}
PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class Candidate:
    """A statement that may enter the summary."""

    text: str
    articles: list[str]
    independent_sources: int  # of the articles it cites (that state its claim)
    unit: Unit  # the sentence shown
    vector: np.ndarray  # L2-normalised mean of its variants' vectors
    position: float  # earliest relative position among its variants, 0..1
    article_rank: int  # order of its first article in the story
    words: set[str]
    concrete: float  # 0..1: carries a number (0.5) and/or the event's date (0.5)
    background: bool = False  # dated only well before the story ("since 2018"): told last
    outcome: bool = False  # counts what happened in the story to people or things: "13 killed", "30 arrested"
    event_dated: bool = False  # names the day of the event (close to publication)
    placed: bool = False  # names a place (GPE, LOC or FAC entity)
    breadth: int = 1  # independent sources of its fact group (related statements at MRPC's "equivalent" point)
    relevance: float = 0.0
    support_tier: int = 2  # 0: most of the story's origins say it, 1: several do, 2: one does

    @property
    def reach(self) -> int:
        """Independent sources that report it or a statement close to it (see breadth): what ranks and
        orders it, and whether it is one origin's alone; its citations stay those stating its claim."""
        return max(self.breadth, self.independent_sources)

    @property
    def tells_event(self) -> bool:
        """Whether it says what happened: when, or to whom and how many."""
        return self.event_dated or self.outcome


def score_candidates(story: Story, candidates: list[Candidate], units: list[Unit]) -> None:
    """Set each candidate's `relevance` from the weighted signals in WEIGHTS."""
    centroid = _story_centroid(story, units)
    origins = origin_count(story)
    actors = _main_actors(story, units)
    newest = _publication_ranks(story)
    word_origins = _origins_per_word(story, units)
    for candidate in candidates:
        signals = {
            "centrality": float(candidate.vector @ centroid),
            "support": (candidate.reach - 1) / (origins - 1) if origins > 1 else 0.0,
            "shared_words": _shared_word_share(candidate, word_origins, origins),
            "lead": 1.0 - candidate.position,
            "actors": len(actors & candidate.words) / len(actors) if actors else 0.0,
            "clarity": clarity(candidate.text),
            "concrete": candidate.concrete,
            "outcome": float(candidate.outcome),
            "recency": max(newest.get(article, 0.0) for article in candidate.articles),
        }
        candidate.relevance = sum(WEIGHTS[name] * value for name, value in signals.items())
        candidate.placed = _names_place(story, candidate.unit)
        candidate.support_tier = _support_tier(candidate.independent_sources, origins)


def _names_place(story: Story, unit: Unit) -> bool:
    """Whether the sentence names a place (see PLACE_LABELS)."""
    return any(entity.label in PLACE_LABELS and unit.sentence.start <= entity.start < unit.sentence.end
               for entity in story.annotations[unit.article].entities)


def _support_tier(sources: int, origins: int) -> int:
    """0 when most of the story's `origins` (at least two) make the statement, 1 when several do, 2 for one."""
    if sources >= max(2, origins / 2):
        return 0
    return 1 if sources >= 2 else 2


def _origins_per_word(story: Story, units: list[Unit]) -> dict[str, int]:
    """Content word -> number of origins whose articles use it."""
    origins_using: dict[str, set[str]] = {}
    for unit in units:
        origin = story.origins.get(unit.article, unit.article)
        for word in unit.words:
            origins_using.setdefault(word, set()).add(origin)
    return {word: len(origins) for word, origins in origins_using.items()}


def _shared_word_share(candidate: Candidate, word_origins: dict[str, int], origins: int) -> float:
    """Mean share of the other origins that also use each content word of the candidate, 0..1.

    Wording several independent outlets share is the story's common ground;
    one outlet's own vocabulary is often its framing.
    """
    if origins < 2 or not candidate.words:
        return 0.0
    return float(np.mean([(word_origins.get(word, 1) - 1) / (origins - 1) for word in sorted(candidate.words)]))


def _story_centroid(story: Story, units: list[Unit]) -> np.ndarray:
    """Mean of per-origin mean sentence vectors (a copied report counts once), L2-normalised."""
    by_origin: dict[str, list[np.ndarray]] = {}
    for unit in units:
        by_origin.setdefault(story.origins.get(unit.article, unit.article), []).append(unit.vector)
    centroid = np.mean([np.mean(vectors, axis=0) for vectors in by_origin.values()], axis=0)
    return centroid / (np.linalg.norm(centroid) or 1.0)


def _main_actors(story: Story, units: list[Unit]) -> set[str]:
    """Content words of the entities named by the most origins (at least two when there are two)."""
    origins_naming: dict[str, set[str]] = {}
    for unit in units:
        for entity in unit.entities:
            origins_naming.setdefault(entity, set()).add(story.origins.get(unit.article, unit.article))
    if not origins_naming:
        return set()
    widest = max(len(origins) for origins in origins_naming.values())
    needed = min(widest, 2)
    return {word for entity, origins in origins_naming.items() if len(origins) >= needed
            for word in content_words(entity)}


def _publication_ranks(story: Story) -> dict[str, float]:
    """Article id -> 0..1, 1 for the most recently published (empty when dates are missing)."""
    dated = {}
    for article in story.articles:
        try:
            dated[article.id] = date.fromisoformat(article.published or "")
        except ValueError:
            continue
    if len(set(dated.values())) < 2:
        return {}
    oldest, newest = min(dated.values()), max(dated.values())
    return {article: (day - oldest).days / (newest - oldest).days for article, day in dated.items()}


def origin_count(story: Story) -> int:
    return len({story.origins.get(article.id, article.id) for article in story.articles})
