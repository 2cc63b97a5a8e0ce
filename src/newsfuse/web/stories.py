"""What the app needs from the story tables of :mod:`newsfuse.store.stories`, in one place.

Listing, membership and placement come from that module; the few lookups it
does not offer (an article's story; members' content hashes, for briefing
signatures without parsing article records) are single queries here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsfuse.models import Article
from newsfuse.store import Store
from newsfuse.store.stories import ensure_story_tables, place_new_articles, resolve_story
from newsfuse.store.story_queries import list_stories
from newsfuse.store.stories import story_articles as _story_articles
from newsfuse.web.pages import article_href, story_href


@dataclass(frozen=True)
class Member:
    """An article of a story as far as a briefing signature needs it (see `articles_signature`)."""

    id: str
    content_hash: str


@dataclass
class StoryInfo:
    id: str
    title: str
    latest: str | None  # ISO day of the newest article (published, else added)
    outlets: list[str]
    members: list[Member]


def ensure_tables(store: Store) -> None:
    ensure_story_tables(store)


def all_stories(store: Store) -> list[StoryInfo]:
    """Every live story with its members (one query for the members of all stories)."""
    members: dict[str, list[Member]] = defaultdict(list)
    rows = store.conn.execute("SELECT m.story_id, a.id, a.content_hash FROM story_articles m "
                              "JOIN articles a ON a.id = m.article_id ORDER BY m.seq")
    for story_id, article_id, content_hash in rows:
        members[str(story_id)].append(Member(article_id, content_hash))
    return [StoryInfo(summary.id, summary.title or f"Story {summary.id}", summary.last_seen, summary.outlets,
                      members[summary.id]) for summary in list_stories(store)]


def story_members(store: Store, story_id: str) -> list[Member]:
    """Ids and content hashes of a story's articles (enough for its briefing signature); [] if no story.

    One indexed query, no article record parsed: the cheap check behind every story page view.
    """
    story = resolve_story(store, story_id)
    if story is None:
        return []
    rows = store.conn.execute("SELECT a.id, a.content_hash FROM story_articles m JOIN articles a "
                              "ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.seq", (story,))
    return [Member(article_id, content_hash) for article_id, content_hash in rows]


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The articles of a story (merged-away ids lead to the story that absorbed them); [] if none."""
    return _story_articles(store, story_id)


def story_of(store: Store, article_id: str) -> str | None:
    """The id of the story an article belongs to now, or None if it was never placed."""
    return stories_of(store, [article_id]).get(article_id)


def stories_of(store: Store, article_ids: list[str]) -> dict[str, str]:
    """Article id -> its story id, for the placed ones among `article_ids`."""
    found: dict[str, str] = {}
    for start in range(0, len(article_ids), 500):  # SQLite caps the number of ? parameters
        chunk = article_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", chunk)
        found.update({article_id: str(story_id) for article_id, story_id in rows})
    return found


def story_title(articles: list[Article]) -> str:
    return next((article.title for article in articles if article.title), "Untitled story")


def add_articles(store: Store, articles: list[Article]) -> list[dict]:
    """Store `articles` and place each into a story; one dict per article saying where it went.

    Keys: article_id, title, story_id (the live story after any merge), new_story,
    score (the clustering model's probability), article_href, story_href.
    """
    for article in articles:
        store.put_article(article)
    run = place_new_articles(store, articles)
    titles = {article.id: article.title or article.id for article in articles}
    placed = []
    for placement in run.placements:
        story_id = str(resolve_story(store, str(placement.story)) or placement.story)
        placed.append({"article_id": placement.article, "title": titles[placement.article], "story_id": story_id,
                       "new_story": placement.new, "score": round(placement.score, 3),
                       "article_href": article_href(placement.article), "story_href": story_href(story_id)})
    return placed
