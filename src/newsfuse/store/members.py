"""Story membership lookups that need no article record parsed: ids and content hashes.

These are the cheap queries behind every page view (a briefing's signature is
made of its articles' ids and content hashes) and behind search results (which
story an article is in). Placement and listing live in :mod:`newsfuse.store.stories`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsfuse.store.db import Store
from newsfuse.store.stories import resolve_story

PARAMETERS_PER_QUERY = 500  # SQLite caps the number of ? parameters in one statement


@dataclass(frozen=True)
class Member:
    """An article of a story as far as a briefing signature needs it (see `articles_signature`)."""

    id: str
    content_hash: str


def story_members(store: Store, story_id: str) -> list[Member]:
    """Ids and content hashes of a story's articles in stream order; [] when there is no such story.

    A merged-away id gives the members of the story that absorbed it. One indexed query.
    """
    story = resolve_story(store, story_id)
    if story is None:
        return []
    rows = store.conn.execute("SELECT a.id, a.content_hash FROM story_articles m JOIN articles a "
                              "ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.seq", (story,))
    return [Member(article_id, content_hash) for article_id, content_hash in rows]


def all_members(store: Store) -> dict[str, list[Member]]:
    """Story id -> its members in stream order, for every story (one query)."""
    members: dict[str, list[Member]] = defaultdict(list)
    rows = store.conn.execute("SELECT m.story_id, a.id, a.content_hash FROM story_articles m "
                              "JOIN articles a ON a.id = m.article_id ORDER BY m.seq")
    for story_id, article_id, content_hash in rows:
        members[str(story_id)].append(Member(article_id, content_hash))
    return members


def stories_of(store: Store, article_ids: list[str]) -> dict[str, str]:
    """Article id -> the id of its story now, for the placed ones among `article_ids`."""
    rows = _rows_for_ids(store, "SELECT article_id, story_id FROM story_articles WHERE article_id IN ({})",
                         article_ids)
    return {article_id: str(story_id) for article_id, story_id in rows}


def _rows_for_ids(store: Store, sql: str, ids: list[str]) -> list[tuple]:
    """Rows of `sql` (with one ``{}`` for the ``?`` marks) run over `ids` in chunks."""
    rows: list[tuple] = []
    for start in range(0, len(ids), PARAMETERS_PER_QUERY):
        chunk = ids[start:start + PARAMETERS_PER_QUERY]
        rows.extend(tuple(row) for row in store.conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
    return rows
