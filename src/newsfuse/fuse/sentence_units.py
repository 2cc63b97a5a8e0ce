"""Statement units: every sentence of a story that states something, with what fact grouping compares.

A :class:`Unit` is one sentence of one article with its vector, numbers,
actor entities, figures (grouped by what they count) and whether it names a
day near publication (when the event happened) or a period well before it
(background). Pure: reads the :class:`Story` and its annotations.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from newsfuse.fuse.conflicts import contradict, diverge
from newsfuse.fuse.figures import Figure, figures_of, group_figures
from newsfuse.fuse.same_claim import Statement
from newsfuse.models import Annotations, Article, DateMention, Sentence, Story
from newsfuse.text import content_words, is_statement, unresolved_pronoun

EVENT_DAYS = 7  # a dated statement this close to publication says when the event happened
# Entity labels that name actors ("who did what").
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"}


@dataclass
class Unit:
    """One sentence of one article, with what the fact grouping compares."""

    article: str
    index: int  # sentence index in the article
    sentence: Sentence
    vector: np.ndarray
    relative_position: float  # 0 = first sentence of the article, 1 = last
    numbers: set[float] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    has_event_date: bool = False  # names a day close to publication: when it happened
    has_background_date: bool = False  # names a period that ended well before publication ("since 2018")
    names_person: bool = False
    figures: list[tuple[int, Figure]] = field(default_factory=list)  # (figure group id, figure)

    @property
    def unresolved(self) -> bool:
        """Opens with a pronoun or quotes a speaker known only as "he"/"she" (see unresolved_pronoun)."""
        return unresolved_pronoun(self.sentence.text, self.names_person)

    @cached_property
    def words(self) -> set[str]:
        return content_words(self.sentence.text)

    @cached_property
    def statement(self) -> Statement:
        return Statement(self.sentence.text)


def sentence_units(story: Story) -> list[Unit]:
    """Every sentence of every article that states something (see is_statement), in article then text order."""
    figures = _figures_by_article(story)
    latest = max(filter(None, (_published(article) for article in story.articles)), default=None)
    units = []
    for article in story.articles:
        annotations = story.annotations[article.id]
        reference = _published(article) or latest
        vectors = _vectors(annotations)
        count = len(annotations.sentences)
        for index, sentence in enumerate(annotations.sentences):
            if not is_statement(sentence.text):
                continue
            units.append(Unit(
                article=article.id, index=index, sentence=sentence, vector=vectors[index],
                relative_position=index / max(count - 1, 1),
                numbers={number.value for number in annotations.numbers if _inside(number, sentence)},
                entities={_entity_key(entity.text) for entity in annotations.entities
                          if entity.label in ACTOR_LABELS and _inside(entity, sentence)},
                has_event_date=any(_inside(date, sentence) and is_event_date(date, article)
                                   for date in annotations.dates),
                has_background_date=any(_inside(date, sentence) and is_background_date(date, reference)
                                        for date in annotations.dates),
                names_person=any(entity.label == "PERSON" and _inside(entity, sentence)
                                 for entity in annotations.entities),
                figures=[(group, figure) for group, figure in figures[article.id]
                         if _inside(figure.mention, sentence)],
            ))
    return units


def _figures_by_article(story: Story) -> dict[str, list[tuple[int, Figure]]]:
    """Article id -> its countable figures, each with the id of the group of figures about the same thing."""
    by_article: dict[str, list[tuple[int, Figure]]] = {article.id: [] for article in story.articles}
    for group_id, group in enumerate(group_figures(figures_of(story))):
        for figure in group:
            by_article[figure.article.id].append((group_id, figure))
    return by_article


def figures_differ(left: Unit, right: Unit) -> bool:
    """Whether the two sentences give different figures for the same thing ("at least 12" vs "14")."""
    return any(group == other_group and (contradict(figure, other) or diverge(figure, other))
               for group, figure in left.figures for other_group, other in right.figures)


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.published or "")
    except ValueError:
        return None


def is_background_date(mention: DateMention, reference: date | None) -> bool:
    """A period that ended more than EVENT_DAYS before `reference` (a publication date): "in 2014"."""
    end = _period_end(mention.date)
    return reference is not None and end is not None and (reference - end).days > EVENT_DAYS


def _period_end(iso: str) -> date | None:
    """The last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when it is not a date."""
    try:
        parts = [int(part) for part in iso.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(*parts[:3])
    except (ValueError, TypeError):
        return None


def is_event_date(mention: DateMention, article: Article) -> bool:
    """A day within EVENT_DAYS of publication ("on Thursday"), not background ("in 2014").

    Without a publication date only relative expressions count.
    """
    published = _published(article)
    if published is None:
        return mention.relative
    if mention.precision != "day":
        return False
    try:
        return abs((date.fromisoformat(mention.date) - published).days) <= EVENT_DAYS
    except ValueError:
        return False


def _inside(mention, sentence: Sentence) -> bool:
    return sentence.start <= mention.start < sentence.end


def _vectors(annotations: Annotations) -> np.ndarray:
    vectors = annotations.vectors
    if vectors is None or len(vectors) != len(annotations.sentences):
        raise ValueError(
            f"article {annotations.article!r} has no sentence vectors aligned with its "
            "sentences: run annotate() on it before fusing the story"
        )
    return np.asarray(vectors, dtype=np.float32)


def _entity_key(name: str) -> str:
    """"The Center for X's" and "Center for X" -> "centerforx": one key per spelling variant."""
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip().lower())
    return re.sub(r"\W", "", re.sub(r"['’]s$", "", name))
