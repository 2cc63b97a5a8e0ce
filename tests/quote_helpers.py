"""Helpers shared by the quote tests: extract an article's quotes, pick one by its words."""

from __future__ import annotations

from newsfuse.annotate.quotes import extract_quotes
from newsfuse.models import Annotations, Article, QuoteMention, Story


def quotes_of(nlp, text: str, article_id: str = "a") -> list[QuoteMention]:
    return extract_quotes(nlp(text), Article(id=article_id, text=text))


def containing(quotes: list[QuoteMention], words: str) -> QuoteMention:
    found = [quote for quote in quotes if words in quote.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return found[0]


def story_of(mentions_by_article: dict[str, list[QuoteMention]]) -> Story:
    articles = [Article(id=article_id, text="x") for article_id in mentions_by_article]
    annotations = {article_id: Annotations(article=article_id, content_hash="", quotes=mentions)
                   for article_id, mentions in mentions_by_article.items()}
    return Story(articles, annotations)
