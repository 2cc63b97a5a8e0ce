"""The store's schema, as numbered migrations recorded in the database (sqlite-utils' `Migrations` idea).

Each migration is applied once, in order, inside one write transaction, and
recorded in ``schema_migrations``; a store opened by an older newsfuse gets
the missing ones on open. The SQL of each is idempotent (``IF NOT EXISTS``),
so two processes opening a new store at once both end with the same schema.
A store that is already up to date is only read, so a read-only store opens.
Add a change as a new numbered migration at the end; never edit an applied one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    number INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""

CORE_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_by_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS annotations (
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL,
    vectors BLOB,
    PRIMARY KEY (content_hash, version)
);
CREATE TABLE IF NOT EXISTS briefings (
    key TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    record TEXT NOT NULL,
    made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"""


def _story_schema() -> str:
    from newsfuse.store.stories import STORY_SCHEMA  # that module imports the Store: imported late

    return STORY_SCHEMA


def _search_schema() -> str:
    from newsfuse.store.search import SEARCH_SCHEMA

    return SEARCH_SCHEMA


def _snapshot_schema() -> str:
    from newsfuse.store.snapshots import SNAPSHOT_SCHEMA

    return SNAPSHOT_SCHEMA


@dataclass(frozen=True)
class Migration:
    """Migration `number` (1, 2, ...), a short name, and a function giving its SQL script."""

    number: int
    name: str
    sql: Callable[[], str]


MIGRATIONS = (
    Migration(1, "articles, annotation cache, briefings", lambda: CORE_SCHEMA),
    Migration(2, "stories, memberships, merge log", _story_schema),
    Migration(3, "full-text search index", _search_schema),
    Migration(4, "stream clusterer snapshot", _snapshot_schema),
)


def applied(conn: sqlite3.Connection) -> set[int]:
    """Numbers of the migrations recorded in `conn`'s database (empty for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not exists:
        return set()
    return {row[0] for row in conn.execute("SELECT number FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations `conn`'s database lacks, in order; returns the numbers applied."""
    missing = [migration for migration in MIGRATIONS if migration.number not in applied(conn)]
    for migration in missing:
        # One script per migration: BEGIN IMMEDIATE waits (busy timeout) for a concurrent opener.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS_TABLE}; {migration.sql()}; "
                f"INSERT OR IGNORE INTO schema_migrations (number, name) "
                f"VALUES ({migration.number}, '{migration.name}'); COMMIT;"
            )
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise
    return [migration.number for migration in missing]
