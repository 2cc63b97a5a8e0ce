"""Stories and events in the store: which article belongs to which event, which event to
which story, and every merge.

Tables (in the same database as the articles):

* ``stories``: one row per story ever created; ``merged_into`` is set when a
  merge folded it into an older story (the row is kept, never deleted);
* ``events``: one row per event ever created, with its current story and its
  own ``merged_into``;
* ``story_articles``: each article's current event and story, the event and
  story it was first placed in, its placement scores and its position in the
  stream (``seq``);
* ``story_merges``: the merge log (``level`` 'event' or 'story', kept,
  absorbed, the article whose arrival showed they are one, the score, when).

`newsfuse ingest` (:meth:`newsfuse.app.Newsroom.add`) stores the articles, then
calls :func:`place_new_articles`, which resumes the
:class:`~newsfuse.cluster.StreamClusterer` from its snapshot in the store
(:mod:`newsfuse.store.snapshots`) and places only the articles that have no
story yet, so adding a day of articles later costs that day, not the archive.
Listing and export queries are in :mod:`newsfuse.store.story_queries`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsfuse.cluster import ClusterParams, Merge, Placement, StoryParams, extract_features
from newsfuse.models import Article
from newsfuse.store.db import Store
from newsfuse.store.snapshots import keep, resume

_LOOKUP_BATCH = 500  # article ids per IN (...) query (SQLite allows 32,766 parameters)

STORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    merged_into INTEGER REFERENCES stories(id)
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    merged_into INTEGER REFERENCES events(id)
);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    event_id INTEGER NOT NULL REFERENCES events(id),
    story_id INTEGER NOT NULL REFERENCES stories(id),
    first_event_id INTEGER NOT NULL,
    first_story_id INTEGER NOT NULL,
    score REAL NOT NULL,
    story_score REAL NOT NULL,
    seq INTEGER NOT NULL,
    placed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS story_articles_by_story ON story_articles(story_id);
CREATE INDEX IF NOT EXISTS story_articles_by_event ON story_articles(event_id);
CREATE TABLE IF NOT EXISTS story_merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    level TEXT NOT NULL DEFAULT 'story',
    kept INTEGER NOT NULL,
    absorbed INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    score REAL NOT NULL,
    merged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"""


@dataclass
class PlacementRun:
    """What one :func:`place_new_articles` call did."""

    placements: list[Placement] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # story merges
    replayed: int = 0  # stored placements fed to the clusterer before placing (see store.snapshots.Resumed)
    resumed_from: str = "replay"  # 'live', 'snapshot' or 'replay'

    @property
    def new_stories(self) -> int:
        return sum(placement.new for placement in self.placements)


def ensure_story_tables(store: Store) -> None:
    """Create the story tables if this database has none yet.

    A store made before events existed (no ``event_id`` column) has its story
    tables rebuilt and its placed articles placed again, in their old order.
    """
    if store.dialect.name != "sqlite":
        return  # a Postgres store is only ever made by the migrations: no older layout to rebuild
    columns = {row["name"] for row in store.conn.execute("PRAGMA table_info(story_articles)")}
    if columns and "event_id" not in columns:
        order = [row[0] for row in store.conn.execute("SELECT article_id FROM story_articles ORDER BY seq")]
        store.conn.executescript(
            "DROP TABLE IF EXISTS story_articles; DROP TABLE IF EXISTS story_merges; DROP TABLE IF EXISTS stories;"
        )
        store.conn.executescript(STORY_SCHEMA)
        place_new_articles(store, store.articles(order))
        return
    store.conn.executescript(STORY_SCHEMA)


def place_new_articles(
    store: Store,
    articles: Iterable[Article],
    params: ClusterParams | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    story_params: StoryParams | None = None,
) -> PlacementRun:
    """Give each of `articles` that has no story yet an event and a story, in the order given.

    The articles must already be in the store (`Store.put_article`). The clusterer
    resumes from the stored snapshot (see :mod:`newsfuse.store.snapshots`), so the
    archive is not replayed; merges are applied to the membership and logged in
    ``story_merges``; the new state is snapshotted in the same transaction as the
    placements. `progress(stage, done, total)` is called as articles are placed.
    """
    ensure_story_tables(store)
    with cyclic_gc_paused():
        resumed = resume(store, params, story_params)
        clusterer = resumed.clusterer
        run = PlacementRun(replayed=resumed.replayed, resumed_from=resumed.source)
        pending = _unplaced(store, articles)
        seq = _next_seq(store)
        with store.pipelined():  # placements only write: on Postgres they are sent without waiting
            for done, article in enumerate(pending, start=1):
                placement = clusterer.place(extract_features(article))
                _save_placement(store, placement, seq)
                seq += 1
                run.placements.append(placement)
                run.merges.extend(placement.story_merges)
                if progress:
                    progress("placing articles in stories", done, len(pending))
        keep(store, clusterer, write=bool(pending) or resumed.replayed > 0)
    store.conn.commit()
    return run


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (and restored after), reference counting still freeing
    what is dropped: the stream state is millions of acyclic containers (those of the whole time window)
    that every full collection walks, so loading and placing paid more the busier the window
    (0.59 -> 0.43 s to load a 100,000-article snapshot; 1-2 s less of 10,000 placements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_story(store: Store, story_id: str) -> int | None:
    """The live story an id names (following merges), or None when it names no story."""
    return _resolve(store, "stories", story_id)


def resolve_event(store: Store, event_id: str) -> int | None:
    """The live event an id names (following merges), or None when it names no event."""
    return _resolve(store, "events", event_id)


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The articles of story `story_id` in stream order; an absorbed story's id gives the story
    that absorbed it. Empty when there is no such story."""
    ensure_story_tables(store)
    return _members(store, "story_id", resolve_story(store, story_id))


def event_articles(store: Store, event_id: str) -> list[Article]:
    """The articles of event `event_id` in stream order (merges followed); empty when there is none."""
    ensure_story_tables(store)
    return _members(store, "event_id", resolve_event(store, event_id))


# ------------------------------------------------------------------ internal

def _resolve(store: Store, table: str, given: str) -> int | None:
    try:
        current = int(str(given).strip().lstrip("sSeE"))
    except ValueError:
        return None
    seen = set()
    while current not in seen:
        seen.add(current)
        row = store.conn.execute(f"SELECT merged_into FROM {table} WHERE id = ?", (current,)).fetchone()
        if row is None:
            return None
        if row["merged_into"] is None:
            return current
        current = row["merged_into"]
    return None


def _members(store: Store, column: str, group: int | None) -> list[Article]:
    if group is None:
        return []
    rows = store.conn.execute(f"SELECT article_id FROM story_articles WHERE {column} = ? ORDER BY seq", (group,))
    return store.articles([row["article_id"] for row in rows])


def unplaced_ids(store: Store, ids: Iterable[str]) -> list[str]:
    """The ids among `ids` with no story yet, each once, in the order given (looked up by id: the
    archive is not read)."""
    given = list(dict.fromkeys(ids))
    placed: set[str] = set()
    for start in range(0, len(given), _LOOKUP_BATCH):
        batch = given[start: start + _LOOKUP_BATCH]
        marks = ", ".join("?" * len(batch))
        placed.update(row[0] for row in store.conn.execute(
            f"SELECT article_id FROM story_articles WHERE article_id IN ({marks})", batch))
    return [article_id for article_id in given if article_id not in placed]


def _unplaced(store: Store, articles: Iterable[Article]) -> list[Article]:
    first: dict[str, Article] = {}
    for article in articles:
        first.setdefault(article.id, article)
    return [first[article_id] for article_id in unplaced_ids(store, first)]


def _next_seq(store: Store) -> int:
    highest = store.conn.execute("SELECT MAX(seq) FROM story_articles").fetchone()[0]
    return (highest or 0) + 1


def _save_placement(store: Store, placement: Placement, seq: int) -> None:
    conn = store.conn
    first_story = placement.joined_story
    # One statement per table (a round trip each on Postgres); a row already there is kept.
    conn.execute("INSERT INTO stories (id) VALUES (?), (?) ON CONFLICT DO NOTHING", (first_story, placement.story))
    conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING",
                 (placement.joined_event, first_story, placement.event, placement.story))
    conn.execute(
        "INSERT INTO story_articles (article_id, event_id, story_id, first_event_id, first_story_id, score, "
        "story_score, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (placement.article, placement.event, placement.story, placement.joined_event, first_story,
         placement.score, placement.story_score, seq),
    )
    for move in placement.moves:  # before the merges, which re-point by id whatever the article's row says
        conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING", (move.joined, move.story))
        conn.execute("UPDATE story_articles SET event_id = ?, story_id = ? WHERE article_id = ?",
                     (move.joined, move.story, move.article))
    for level, table, column, found in (("event", "events", "event_id", placement.merges),
                                        ("story", "stories", "story_id", placement.story_merges)):
        for merge in found:
            conn.execute(
                "INSERT INTO story_merges (level, kept, absorbed, article_id, score) VALUES (?, ?, ?, ?, ?)",
                (level, merge.kept, merge.absorbed, merge.article, merge.score),
            )
            conn.execute(f"UPDATE {table} SET merged_into = ? WHERE id = ?", (merge.kept, merge.absorbed))
            conn.execute(f"UPDATE story_articles SET {column} = ? WHERE {column} = ?", (merge.kept, merge.absorbed))
            if level == "story":
                conn.execute("UPDATE events SET story_id = ? WHERE story_id = ?", (merge.kept, merge.absorbed))


# The listing functions live in story_queries; imported here too, where callers found them before events.
from newsfuse.store.story_queries import StorySummary, list_stories, merges, summaries_json  # noqa: E402

__all__ = [
    "PlacementRun", "StorySummary", "ensure_story_tables", "event_articles", "list_stories", "merges", "place_new_articles", "resolve_event", "resolve_story", "story_articles",
    "unplaced_ids",
    "summaries_json",
]
