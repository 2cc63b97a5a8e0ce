"""Every article's figures in output form."""

from __future__ import annotations

from newsfuse.models import NumberOut, Story


def collect_numbers(story: Story) -> list[NumberOut]:
    """All number mentions of the story: articles in story order, mentions in text order."""
    return [
        NumberOut(value=mention.value, value_max=mention.value_max, what=mention.what,
                  text=mention.text, article=article.id, start=mention.start, end=mention.end)
        for article in story.articles
        for mention in sorted(story.annotations[article.id].numbers, key=lambda m: (m.start, m.end))
    ]
