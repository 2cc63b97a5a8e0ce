"""The story's headline: the article title that carries most of what the sources agree on.

Each title is scored on its content words: a word counts by the share of the
story's articles that use it (the title's own article through its text only,
the others through title and text), so a title made of words every outlet
uses - the event, its actors - beats one outlet's framing ("panic", "fever
pitch"), which the others do not echo. The mean over the title's words is
weighted by its plain wording (`clarity`: no question, quote without a
speaker, first person); a mean, so a long title does not win by length (on
NeuS val the chosen title's ROUGE-1 against the editor's title rose from
40.9 to 43.8 with the mean). Titles the sources wrote come before a first
sentence that ingest put in for a missing title (`Article.title_written`):
that is a lead, not a headline, and the summary may say it again. A wire
lead put in as a title loses its dateline ("LONDON (AP) _ "), as a summary
sentence does (compress.tidy).
"""

from __future__ import annotations

import re
from collections import Counter

from newsfuse.fuse.compress import tidy
from newsfuse.models import Article
from newsfuse.text import clarity, content_words


def headline(articles: list[Article]) -> str | None:
    """The best-supported, plainest title among `articles` (None when none has a title).

    Only written titles compete when any article has one.
    Ties keep article order (words are summed in sorted order, so equal
    scores are equal bit for bit from run to run).
    """
    titled = ([article for article in articles if article.title_written]
              or [article for article in articles if article.title and article.title.strip()])
    if not titled:
        return None
    vocabulary = {article.id: content_words(article.text) for article in articles}
    titles = {article.id: content_words(article.title or "") for article in articles}
    using = Counter(word for article in articles for word in vocabulary[article.id] | titles[article.id])

    def support(article: Article) -> float:
        """Mean over the title's words of the share of articles using them (its own title not counted)."""
        own = vocabulary[article.id]
        words = sorted(titles[article.id])
        if not words:
            return 0.0
        shared = sum((using[word] - (word not in own)) / len(articles) for word in words) / len(words)
        return shared * clarity(article.title or "")

    best = max(titled, key=support)
    return _ended_once(tidy(best.title or ""))


def _ended_once(title: str) -> str:
    """The title without a doubled final stop ("minister.." -> "minister.", "Florida?." -> "Florida?")."""
    return re.sub(r"(?<!\.)\.\.$|(?<=[?!])\.$", lambda match: "." if match.group() == ".." else "", title)
