"""The story's timeline: dated statements from all articles, one entry per date and event.

Two dated mentions are the same entry when they give the same date at the
same precision and say the same thing: their sentences' MiniLM vectors are
close (cosine >= SAME_EVENT_COSINE) or their clauses share most content words
(Jaccard >= SAME_EVENT_JACCARD). Entries sort by date; a year-only entry
sorts before that year's months, a month-only entry before its days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.models import Article, DateMention, Evidence, Story, TimelineEntry

SAME_EVENT_COSINE = 0.6
SAME_EVENT_JACCARD = 0.5
MAX_TEXT_WORDS = 30
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_EDGE = "\"'“”‘’«»()[]{}.,;:–—- \n\t"


@dataclass
class DatedStatement:
    """One date mention with where it sits: the unit timeline and conflicts work on."""

    article: Article
    order: int  # the article's position in the story
    mention: DateMention

    @property
    def span(self) -> tuple[int, int]:
        return self.mention.clause or (self.mention.start, self.mention.end)

    @property
    def text(self) -> str:
        return statement_text(self.article.text, *self.span)

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-case content words of the clause, the date expression left out."""
        start, end = self.span
        clause = self.article.text[start:end].replace(self.mention.text, " ")
        return frozenset(word for word in _WORD.findall(clause.lower()) if word not in ENGLISH_STOP_WORDS)

    def evidence(self) -> Evidence:
        start, end = self.span
        return Evidence(article=self.article.id, start=start, end=end, text=self.article.text[start:end])


def build_timeline(story: Story) -> list[TimelineEntry]:
    """Timeline entries of `story`, sorted by date (then by first appearance)."""
    statements = dated_statements(story)
    groups = group_same_events(statements, story)
    entries = [(sort_key(group[0]), timeline_entry(group)) for group in groups]
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


def dated_statements(story: Story) -> list[DatedStatement]:
    """Every date mention of the story, articles in story order, mentions in text order.

    Relative dates inside direct quotes are left out: "tonight" in a quote is
    the night the speaker spoke, which the publication date does not tell.
    """
    return [
        DatedStatement(article=article, order=order, mention=mention)
        for order, article in enumerate(story.articles)
        for mention in sorted(story.annotations[article.id].dates, key=lambda m: m.start)
        if not (mention.relative and _inside_direct_quote(mention, story.annotations[article.id]))
    ]


def _inside_direct_quote(mention, annotations) -> bool:
    return any(
        start <= mention.start and mention.end <= end
        for quote in annotations.quotes if quote.kind == "direct"
        for start, end in (quote.spans or [(quote.start, quote.end)])
    )


def group_same_events(statements: list[DatedStatement], story: Story) -> list[list[DatedStatement]]:
    """Statements joined (transitively) when they give the same date for the same event."""
    parent = list(range(len(statements)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, first in enumerate(statements):
        for j in range(i + 1, len(statements)):
            second = statements[j]
            if same_date(first, second) and same_event(first, second, story):
                parent[root(j)] = root(i)
    groups: dict[int, list[DatedStatement]] = {}
    for index, statement in enumerate(statements):
        groups.setdefault(root(index), []).append(statement)
    return list(groups.values())


def same_date(first: DatedStatement, second: DatedStatement) -> bool:
    return (first.mention.date, first.mention.precision) == (second.mention.date, second.mention.precision)


def same_event(first: DatedStatement, second: DatedStatement, story: Story) -> bool:
    """Sentences close in meaning, or clauses sharing most of their content words."""
    cosine = sentence_cosine(first, second, story)
    return (cosine is not None and cosine >= SAME_EVENT_COSINE) or \
        jaccard(first.words, second.words) >= SAME_EVENT_JACCARD


def sentence_cosine(first: DatedStatement, second: DatedStatement, story: Story) -> float | None:
    """Cosine of the two mentions' sentence vectors; None when vectors are missing."""
    vectors = [sentence_vector(statement, story) for statement in (first, second)]
    if any(vector is None for vector in vectors):
        return None
    return float(np.dot(vectors[0], vectors[1]))


def sentence_vector(statement: DatedStatement, story: Story):
    vectors = story.annotations[statement.article.id].vectors
    index = statement.mention.sentence
    if vectors is None or not 0 <= index < len(vectors):
        return None
    return np.asarray(vectors[index], dtype=np.float32)


def jaccard(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def timeline_entry(group: list[DatedStatement]) -> TimelineEntry:
    """One entry: the first statement's clause as text, every statement as evidence."""
    first = group[0]
    articles = list(dict.fromkeys(statement.article.id for statement in group))
    evidence = list({(e.article, e.start, e.end): e for e in (s.evidence() for s in group)}.values())
    return TimelineEntry(date=first.mention.date, precision=first.mention.precision,
                         text=first.text, articles=articles, evidence=evidence)


def sort_key(statement: DatedStatement) -> tuple:
    """(year, month or 0, day or 0, article order, offset): years before their months."""
    parts = [int(part) for part in statement.mention.date.split("-")]
    parts += [0] * (3 - len(parts))
    return (*parts, statement.order, statement.mention.start)


def statement_text(text: str, start: int, end: int) -> str:
    """A clause cleaned for display: one line, no stray edge punctuation, capitalised,
    at most MAX_TEXT_WORDS words."""
    words = text[start:end].split()
    cut = len(words) > MAX_TEXT_WORDS
    clause = " ".join(words[:MAX_TEXT_WORDS]).strip(_EDGE)
    if not clause:
        return ""
    clause = clause[0].upper() + clause[1:]
    return clause + "…" if cut else clause
