"""The stream clusterer's state in the store, so `newsfuse ingest` never replays the archive.

Table ``cluster_snapshots`` (migration 4) holds at most one row: the
clusterer's state (:func:`newsfuse.cluster.snapshot.dump_state`), the
fingerprint of the code and parameters that made it, and its position in the
stream: the ``seq`` of the last placement it holds and that article's id.
It is written in the same transaction as the placements of each ingest.

:func:`resume` gives the clusterer an ingest continues from, cheapest first:

1. the one this process left after its last placement, when no process has
   placed anything since (nothing read);
2. the snapshot, when its fingerprint matches, plus the tail: articles placed
   after it, placed again one by one. Placement is deterministic, so they land
   exactly where they were stored; that is checked, article by article, and
   the state is then exactly the one an uninterrupted run would hold;
3. otherwise (no snapshot, other code or parameters, a tail that does not
   replay the same) the stored assignments, all of them, restored without
   scoring: the one time the archive is read. A new snapshot is then written.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import datetime, timezone

from newsfuse.cluster import ClusterParams, StoryParams, StreamClusterer, extract_features
from newsfuse.cluster.snapshot import cluster_fingerprint, dump_state, load_state
from newsfuse.store.db import Store

SNAPSHOT_SCHEMA = """
CREATE TABLE IF NOT EXISTS cluster_snapshots (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    seq INTEGER NOT NULL,
    article_id TEXT,
    state BLOB NOT NULL,
    made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"""


@dataclass
class Resumed:
    """A clusterer ready for the next placement; `source` says where its state came from
    ('live', 'snapshot' or 'replay'); `replayed`: stored placements fed to it to get there
    (the tail after the snapshot, or every one on a replay)."""

    clusterer: StreamClusterer
    source: str
    replayed: int = 0


# The clusterer of this process's last placement, with the store, fingerprint and stream mark
# it belongs to (at most one: memory stays that of one stream).
_LIVE: list[tuple[tuple, StreamClusterer]] = []


def forget_live() -> None:
    """Drop this process's live clusterer: the next ingest resumes from the store, as a new process."""
    _LIVE.clear()


def resume(store: Store, params: ClusterParams | None = None, story_params: StoryParams | None = None) -> Resumed:
    """The clusterer for the next placement in `store` (see the module docstring)."""
    fingerprint = cluster_fingerprint(params, story_params)
    key = (str(store.path), fingerprint, stream_mark(store))
    if _LIVE and _LIVE[0][0] == key:
        return Resumed(_LIVE.pop()[1], "live")  # popped: a failed run leaves none behind
    _LIVE.clear()
    row = store.conn.execute("SELECT fingerprint, seq, state FROM cluster_snapshots WHERE id = 1").fetchone()
    if row is not None and row["fingerprint"] == fingerprint:
        resumed = _from_snapshot(store, row["state"], row["seq"])
        if resumed is not None:
            return resumed
    clusterer = StreamClusterer(params, story_params)
    return Resumed(clusterer, "replay", _replay(store, clusterer))


def keep(store: Store, clusterer: StreamClusterer, *, write: bool) -> None:
    """After placing: remember `clusterer` in this process and, when `write`, snapshot it into the store
    (in the caller's transaction, at the last placement's position)."""
    fingerprint = cluster_fingerprint(clusterer.events.params, clusterer.stories.params)
    if write:
        last = store.conn.execute("SELECT seq, article_id FROM story_articles ORDER BY seq DESC LIMIT 1").fetchone()
        store.conn.execute(  # an upsert both SQLite and PostgreSQL run
            "INSERT INTO cluster_snapshots (id, fingerprint, seq, article_id, state, made_at) "
            "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "seq = excluded.seq, article_id = excluded.article_id, state = excluded.state, made_at = excluded.made_at",
            (fingerprint, last["seq"] if last else 0, last["article_id"] if last else None, dump_state(clusterer),
             datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
        )
    _LIVE.clear()
    _LIVE.append(((str(store.path), fingerprint, stream_mark(store)), clusterer))


def stream_mark(store: Store) -> tuple:
    """What changes whenever any process places an article or merges: (placed, last seq, merges)."""
    placed, last = store.conn.execute("SELECT COUNT(*), MAX(seq) FROM story_articles").fetchone()
    logged = store.conn.execute("SELECT COUNT(*) FROM story_merges").fetchone()[0]
    return placed, last, logged


def _from_snapshot(store: Store, blob: bytes, seq: int) -> Resumed | None:
    """The snapshot's clusterer with the tail placed again; None when the snapshot cannot be read or
    the tail does not land where it is stored (then the state is not the stored stream's)."""
    try:
        clusterer = load_state(bytes(blob))  # PostgreSQL gives a memoryview
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    tail = store.conn.execute(
        "SELECT article_id, first_event_id, first_story_id FROM story_articles WHERE seq > ? ORDER BY seq", (seq,)
    ).fetchall()
    articles = store.articles([row["article_id"] for row in tail])
    if len(articles) != len(tail):
        return None
    for article, row in zip(articles, tail):
        placement = clusterer.place(extract_features(article))
        if (placement.joined_event, placement.joined_story) != (row["first_event_id"], row["first_story_id"]):
            return None
    return Resumed(clusterer, "snapshot", len(tail))


def _replay(store: Store, clusterer: StreamClusterer) -> int:
    """Feed every stored assignment back to `clusterer` in stream order; how many were replayed."""
    rows = store.conn.execute("SELECT article_id, event_id, story_id FROM story_articles ORDER BY seq").fetchall()
    placed = {row["article_id"]: (row["event_id"], row["story_id"]) for row in rows}
    for article in store.articles(list(placed)):
        clusterer.restore(extract_features(article), *placed[article.id])
    highest_event = store.conn.execute("SELECT MAX(id) FROM events").fetchone()[0]
    highest_story = store.conn.execute("SELECT MAX(id) FROM stories").fetchone()[0]
    clusterer.reserve_ids((highest_event or 0) + 1, (highest_story or 0) + 1)
    return len(placed)
