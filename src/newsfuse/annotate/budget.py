"""The work budget of one article: how much of its text is analysed.

Annotation costs about linearly in the text (spaCy, the extractors, one
sentence vector per sentence), and spaCy refuses texts over 1,000,000
characters (E088). The ingest refuses articles longer than
MAX_ARTICLE_CHARS (W013); an article that reaches analysis anyway (stored
by an older version, or built through the Python API) is analysed up to
that many characters, so a story with it still gets its briefing.
"""

from __future__ import annotations

import re

from newsfuse.errors import Warnings
from newsfuse.models import MAX_ARTICLE_CHARS, Article, Problem

_PARAGRAPH_END = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_SPACE = re.compile(r"\s")


def within_budget(article: Article) -> Article:
    """`article` itself, or a copy whose text is cut at MAX_ARTICLE_CHARS (same id and hash, so offsets hold)."""
    if len(article.text) <= MAX_ARTICLE_CHARS:
        return article
    return article.model_copy(update={"text": article.text[:cut_point(article.text, MAX_ARTICLE_CHARS)]})


def cut_point(text: str, limit: int) -> int:
    """The last paragraph end (else sentence end, else space) at or before `limit`, in its second half."""
    window = text[limit // 2: limit]
    for boundary in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in boundary.finditer(window)]
        if ends:
            return limit // 2 + ends[-1]
    return limit


def partly_analysed(article: Article) -> Problem:
    """The line saying that only the start of `article` is analysed."""
    return Warnings.W013.problem(article.path or article.id, f"'{article.id}' has {len(article.text):,} characters; "
                                 f"only the first {MAX_ARTICLE_CHARS:,} are analysed")
