"""Articles prepared for comparison, and the reuse measured between two articles.

The input side of provenance (:mod:`newsfuse.fuse.provenance` makes the
decisions): each article becomes a :class:`Text` (tokens, shingles, content
words, sentence vectors, where its quotes and figures sit, its credits
resolved against the story's outlets); which pairs are compared is
:mod:`newsfuse.fuse.candidates`; :func:`measure` aligns one pair both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsfuse.fuse import reuse
from newsfuse.fuse.credits import resolve_credits
from newsfuse.models import Article, Credit, Flag, Sentence, Story


@dataclass
class Text:
    """One article prepared for comparison."""

    article: Article
    sentences: list[Sentence]
    vectors: np.ndarray
    tokens: list[reuse.Token]
    shingles: list[int]
    content: list[frozenset[str]]  # content words of each sentence
    quotes: dict[int, set[str | None]]  # sentence index -> speakers of the quotes it holds
    figures: dict[int, set[float]]  # sentence index -> values of the figures it holds
    credits: list[Credit]
    flags: list[Flag]

    @property
    def id(self) -> str:
        return self.article.id

    def credited_in(self, outlet: str) -> set[int]:
        """Indices of the sentences crediting `outlet`."""
        return {i for credit in self.credits if credit.outlet == outlet
                for i, s in enumerate(self.sentences) if s.start <= credit.start < s.end}


@dataclass
class Pair:
    """Reuse measured between articles a and b; dicts are keyed by article id."""

    a: str
    b: str
    passages: list[reuse.Passage]
    matches: dict[str, list[reuse.SentenceMatch]]  # id -> its sentences (match.a) found in the other (match.b)
    coverage: dict[str, float]  # share of the article's text reused from the other
    verbatim: dict[str, float]  # share of the article's words in verbatim passages
    reused_sentences: dict[str, list[int]]

    @property
    def score(self) -> float:
        return max(self.coverage.values())

    def other(self, article_id: str) -> str:
        return self.b if article_id == self.a else self.a


def prepare(article: Article, story: Story, outlets: list[str]) -> Text:
    annotations = story.annotations[article.id]
    sentences = annotations.sentences
    vectors = annotations.vectors
    if vectors is None or len(vectors) != len(sentences):
        vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    tokens = reuse.tokenize(article.text)
    quotes: dict[int, set[str | None]] = {}
    for quote in annotations.quotes:
        quotes.setdefault(quote.sentence, set()).add(_surname(quote.speaker))
    figures: dict[int, set[float]] = {}
    for number in annotations.numbers:
        figures.setdefault(number.sentence, set()).add(number.value)
    credits = resolve_credits(annotations.credits, article.outlet, outlets)
    return Text(article, sentences, np.asarray(vectors, dtype=np.float32), tokens, reuse.shingles(tokens),
                 [reuse.content_words(s.text) for s in sentences], quotes, figures, credits,
                 annotations.flags)


def _surname(speaker: str | None) -> str | None:
    """Last word of a speaker's name, lower-cased ("Colin P. Clarke" -> "clarke"); None if unknown."""
    words = speaker.split() if speaker else []
    return words[-1].strip(".,").casefold() if words else None


def measure(text_a: Text, text_b: Text) -> Pair:
    """Verbatim passages and matched sentences between two articles, both ways."""
    a, b = text_a.id, text_b.id
    passages = reuse.verbatim_passages(text_a.tokens, text_a.shingles, text_b.tokens, text_b.shingles)
    matches = {a: reuse.sentence_matches(text_a.vectors, text_a.content, text_b.vectors, text_b.content),
               b: reuse.sentence_matches(text_b.vectors, text_b.content, text_a.vectors, text_a.content)}
    reused = {a: _reused_sentences(text_a.sentences, [(p.a_start, p.a_end) for p in passages], matches[a]),
              b: _reused_sentences(text_b.sentences, [(p.b_start, p.b_end) for p in passages], matches[b])}
    return Pair(
        a=a, b=b, passages=passages, matches=matches,
        coverage={a: _share(text_a.sentences, reused[a]), b: _share(text_b.sentences, reused[b])},
        verbatim={a: reuse.passage_coverage(passages, text_a.tokens, "a"),
                  b: reuse.passage_coverage(passages, text_b.tokens, "b")},
        reused_sentences=reused,
    )


def _reused_sentences(sentences: list[Sentence], spans: list[tuple[int, int]],
                      matches: list[reuse.SentenceMatch]) -> list[int]:
    """Sentences matched in meaning or at least half inside a verbatim passage."""
    matched = {match.a for match in matches}
    reused = []
    for index, sentence in enumerate(sentences):
        inside = sum(max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in spans)
        if index in matched or inside * 2 >= sentence.end - sentence.start:
            reused.append(index)
    return reused


def _share(sentences: list[Sentence], indices: list[int]) -> float:
    total = sum(sentence.end - sentence.start for sentence in sentences)
    return sum(sentences[i].end - sentences[i].start for i in indices) / total if total else 0.0
