"""Stories in the store: which article belongs to which event, and every merge.

Tables (in the same SQLite file as the articles):

* ``stories``: one row per story ever created; ``merged_into`` is set when a
  merge folded it into an older story (the row is kept, never deleted);
* ``story_articles``: each article's current story, the story it was first
  placed in, its placement score and its position in the stream (``seq``);
* ``story_merges``: the merge log (kept story, absorbed story, the article
  whose arrival showed they are one event, the model's score, when).

:func:`place_new_articles` replays the stored assignments into a
:class:`~newsfuse.cluster.StreamClusterer` (features are recomputed from the
stored texts, cheaply, without scoring) and then places only the articles
that have no story yet, so adding a day of articles later costs that day.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsfuse.cluster import ClusterParams, Merge, Placement, StreamClusterer, extract_features
from newsfuse.models import Article
from newsfuse.store.db import Store

STORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    merged_into INTEGER REFERENCES stories(id)
);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id INTEGER NOT NULL REFERENCES stories(id),
    first_story_id INTEGER NOT NULL REFERENCES stories(id),
    score REAL NOT NULL,
    seq INTEGER NOT NULL,
    placed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS story_articles_by_story ON story_articles(story_id);
CREATE TABLE IF NOT EXISTS story_merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kept INTEGER NOT NULL REFERENCES stories(id),
    absorbed INTEGER NOT NULL REFERENCES stories(id),
    article_id TEXT NOT NULL,
    score REAL NOT NULL,
    merged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"""


@dataclass
class StorySummary:
    """One row of `newsfuse stories`: dates are ISO days of publication, None when no
    article of the story is dated."""

    id: str
    size: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    title: str | None
    merged_from: list[str] = field(default_factory=list)


@dataclass
class PlacementRun:
    """What one :func:`place_new_articles` call did."""

    placements: list[Placement] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    replayed: int = 0

    @property
    def new_stories(self) -> int:
        return sum(placement.new for placement in self.placements)


def ensure_story_tables(store: Store) -> None:
    """Create the story tables if this database has none yet."""
    store.conn.executescript(STORY_SCHEMA)


def place_new_articles(
    store: Store,
    articles: Iterable[Article],
    params: ClusterParams | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> PlacementRun:
    """Give each of `articles` that has no story yet a story, in the order given.

    The articles must already be in the store (`Store.put_article`). Articles
    placed before are replayed, not re-scored; merges are applied to the
    membership and logged in ``story_merges``. `progress(stage, done, total)`
    is called as articles are placed.
    """
    ensure_story_tables(store)
    clusterer = StreamClusterer(params)
    run = PlacementRun(replayed=_replay(store, clusterer))
    pending = _unplaced(store, articles)
    seq = _next_seq(store)
    for done, article in enumerate(pending, start=1):
        placement = clusterer.place(extract_features(article))
        _save_placement(store, placement, seq)
        seq += 1
        run.placements.append(placement)
        run.merges.extend(placement.merges)
        if progress:
            progress("placing articles in stories", done, len(pending))
    store.conn.commit()
    return run


def list_stories(store: Store, include_merged: bool = False) -> list[StorySummary]:
    """Every live story (merged-away ones too with `include_merged`), largest first."""
    ensure_story_tables(store)
    rows = store.conn.execute(
        """
        SELECT s.id AS story, s.merged_into AS merged_into,
               json_extract(a.record, '$.outlet') AS outlet,
               json_extract(a.record, '$.title') AS title,
               substr(json_extract(a.record, '$.text'), 1, 200) AS opening,
               substr(json_extract(a.record, '$.published'), 1, 10) AS published,
               substr(a.added_at, 1, 10) AS added
        FROM stories s
        LEFT JOIN story_articles m ON m.story_id = s.id
        LEFT JOIN articles a ON a.id = m.article_id
        ORDER BY s.id, m.seq
        """
    ).fetchall()
    merged_from = _merged_from(store)
    grouped: dict[int, list] = {}
    merged_into: dict[int, int | None] = {}
    for row in rows:
        grouped.setdefault(row["story"], [])
        merged_into[row["story"]] = row["merged_into"]
        if row["added"] is not None:
            grouped[row["story"]].append(row)
    summaries = [
        _summary(story, members, merged_from.get(story, []))
        for story, members in grouped.items()
        if include_merged or merged_into[story] is None
    ]
    return sorted(summaries, key=lambda summary: (-summary.size, int(summary.id)))


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The articles of story `story_id` in stream order; an absorbed story's id gives the story
    that absorbed it. Empty when there is no such story."""
    ensure_story_tables(store)
    story = resolve_story(store, story_id)
    if story is None:
        return []
    ids = [
        row["article_id"]
        for row in store.conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY seq", (story,)
        )
    ]
    return store.articles(ids)


def resolve_story(store: Store, story_id: str) -> int | None:
    """The live story an id names (following merges), or None when it names no story."""
    try:
        story = int(str(story_id).strip().lstrip("sS"))
    except ValueError:
        return None
    seen = set()
    while story not in seen:
        seen.add(story)
        row = store.conn.execute("SELECT merged_into FROM stories WHERE id = ?", (story,)).fetchone()
        if row is None:
            return None
        if row["merged_into"] is None:
            return story
        story = row["merged_into"]
    return None


def merges(store: Store) -> list[dict]:
    """The merge log, oldest first: kept, absorbed, article, score, merged_at."""
    ensure_story_tables(store)
    rows = store.conn.execute(
        "SELECT kept, absorbed, article_id, score, merged_at FROM story_merges ORDER BY id"
    ).fetchall()
    return [dict(row) for row in rows]


# ------------------------------------------------------------------ internal


def _replay(store: Store, clusterer: StreamClusterer) -> int:
    """Feed every stored assignment back to `clusterer` in stream order; how many were replayed."""
    rows = store.conn.execute("SELECT article_id, story_id FROM story_articles ORDER BY seq").fetchall()
    story_of = {row["article_id"]: row["story_id"] for row in rows}
    for article in store.articles(list(story_of)):
        clusterer.restore(extract_features(article), story_of[article.id])
    highest = store.conn.execute("SELECT MAX(id) FROM stories").fetchone()[0]
    clusterer.next_id = max(clusterer.next_id, (highest or 0) + 1)
    return len(story_of)


def _unplaced(store: Store, articles: Iterable[Article]) -> list[Article]:
    placed = {row[0] for row in store.conn.execute("SELECT article_id FROM story_articles")}
    pending, seen = [], set()
    for article in articles:
        if article.id not in placed and article.id not in seen:
            seen.add(article.id)
            pending.append(article)
    return pending


def _next_seq(store: Store) -> int:
    highest = store.conn.execute("SELECT MAX(seq) FROM story_articles").fetchone()[0]
    return (highest or 0) + 1


def _save_placement(store: Store, placement: Placement, seq: int) -> None:
    conn = store.conn
    conn.execute("INSERT OR IGNORE INTO stories (id) VALUES (?)", (placement.joined,))
    conn.execute("INSERT OR IGNORE INTO stories (id) VALUES (?)", (placement.story,))
    conn.execute(
        "INSERT INTO story_articles (article_id, story_id, first_story_id, score, seq) VALUES (?, ?, ?, ?, ?)",
        (placement.article, placement.story, placement.joined, placement.score, seq),
    )
    for merge in placement.merges:
        conn.execute(
            "INSERT INTO story_merges (kept, absorbed, article_id, score) VALUES (?, ?, ?, ?)",
            (merge.kept, merge.absorbed, merge.article, merge.score),
        )
        conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (merge.kept, merge.absorbed))
        conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (merge.kept, merge.absorbed))


def _merged_from(store: Store) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for row in store.conn.execute("SELECT kept, absorbed FROM story_merges ORDER BY id"):
        found.setdefault(row["kept"], []).append(str(row["absorbed"]))
    return found


def _summary(story: int, members: list, merged_from: list[str]) -> StorySummary:
    outlets = sorted({row["outlet"] for row in members if row["outlet"]})
    # Publication dates only: the day an undated article was ingested says nothing about the story.
    days = sorted(row["published"] for row in members if row["published"])
    title = next((row["title"] for row in members if row["title"]), None)
    if title is None and members:
        title = (members[0]["opening"] or "").strip().split("\n")[0][:120] or None
    return StorySummary(
        id=str(story), size=len(members), outlets=outlets,
        first_seen=days[0] if days else None, last_seen=days[-1] if days else None,
        title=title, merged_from=merged_from,
    )


def summaries_json(summaries: list[StorySummary]) -> str:
    """Plain JSON (a list of objects) for `newsfuse stories --json`."""
    return json.dumps([summary.__dict__ for summary in summaries], ensure_ascii=False, indent=2)
