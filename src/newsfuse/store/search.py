"""Full-text search over article titles and texts (SQLite FTS5; on a Postgres store, a
``tsvector`` index with the same answers: :mod:`newsfuse.store.search_postgres`).

The index lives in the same database file as the articles: `article_search`
(an FTS5 table) and `article_search_state` (which content hash of each article
is indexed). :func:`sync_search_index` indexes whatever `newsfuse ingest` or
the web app added or changed since the last call, so a long-running reader
sees new articles without a restart. Queries are built from the user's words
only (each quoted), so no user input reaches FTS5's query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.store.backends import Connection, dialect_of
from newsfuse.store.search_postgres import search_postgres, sync_search_index_postgres

SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(
    id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS article_search_state (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL
);
"""
MAX_QUERY_WORDS = 12  # longer queries are cut: each word is one more index lookup
SNIPPET_WORDS = 18
# Private-use characters mark the matched words in a snippet; article text is
# repaired plain text, so they cannot occur in it (and are stripped if they do).
_MATCH_OPEN, _MATCH_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
# Postgres: the same marker stripping as _clean, in SQL, around the text in ``{}``.
_CLEAN_SQL = f"replace(replace(coalesce({{}}, ''), '{_MATCH_OPEN}', ''), '{_MATCH_CLOSE}', '')"


@dataclass
class SearchHit:
    """One matching article: its id, BM25 rank (lower is better) and a snippet.

    `snippet` is a list of (text, matched) pieces, so a page can mark the
    matched words without ever treating article text as markup.
    """

    article_id: str
    rank: float
    snippet: list[tuple[str, bool]]


def ensure_search_index(conn: Connection) -> None:
    """Create the search tables in `conn`'s database if they are missing (a Postgres store has them
    from its migrations)."""
    if dialect_of(conn).name == "sqlite":
        conn.executescript(SEARCH_SCHEMA)


def sync_search_index(conn: Connection) -> int:
    """Index articles that are new or changed since the last sync; drop deleted ones.

    Reads the `articles` table of :class:`newsfuse.store.Store`. Returns how
    many articles were (re)indexed. Cheap when nothing changed: one indexed
    join over ids and hashes.
    """
    if dialect_of(conn).name == "postgresql":
        return sync_search_index_postgres(conn, _CLEAN_SQL)
    stale = conn.execute(
        "SELECT a.id, json_extract(a.record, '$.title') AS title, json_extract(a.record, '$.text') AS text, "
        "a.content_hash FROM articles a LEFT JOIN article_search_state s ON s.id = a.id "
        "WHERE s.content_hash IS NOT a.content_hash"
    ).fetchall()
    gone = conn.execute(
        "SELECT s.id FROM article_search_state s LEFT JOIN articles a ON a.id = s.id WHERE a.id IS NULL"
    ).fetchall()
    if not stale and not gone:
        return 0
    with conn:
        for row in [*stale, *gone]:
            conn.execute("DELETE FROM article_search WHERE id = ?", (row[0],))
            conn.execute("DELETE FROM article_search_state WHERE id = ?", (row[0],))
        for article_id, title, text, content_hash in stale:
            conn.execute("INSERT INTO article_search (id, title, text) VALUES (?, ?, ?)",
                         (article_id, _clean(title), _clean(text)))
            conn.execute("INSERT INTO article_search_state (id, content_hash) VALUES (?, ?)",
                         (article_id, content_hash))
    return len(stale)


def fts_query(text: str) -> str | None:
    """The FTS5 query for what a person typed: every word must occur, the last as a prefix.

    "bridge coll" -> '"bridge" "coll"*'. Operators, quotes, brackets and
    column filters in `text` are ignored (only word characters are kept).
    None when `text` holds no word.
    """
    words = query_words(text)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_articles(conn: Connection, text: str, limit: int = 200) -> list[SearchHit]:
    """Articles matching every word of `text` in their title or body, best first (BM25).

    Title matches weigh 4x body matches. Call :func:`sync_search_index` first
    for fresh results.
    """
    if dialect_of(conn).name == "postgresql":
        words = query_words(text)
        rows = search_postgres(conn, words, limit, (_MATCH_OPEN, _MATCH_CLOSE), SNIPPET_WORDS) if words else []
        return [SearchHit(row[0], row[1], _snippet_pieces(row[2] or "")) for row in rows]
    query = fts_query(text)
    if query is None:
        return []
    rows = conn.execute(
        "SELECT id, bm25(article_search, 0.0, 4.0, 1.0) AS rank, "
        "snippet(article_search, 2, ?, ?, '…', ?) AS snippet "
        "FROM article_search WHERE article_search MATCH ? ORDER BY rank LIMIT ?",
        (_MATCH_OPEN, _MATCH_CLOSE, SNIPPET_WORDS, query, limit),
    ).fetchall()
    return [SearchHit(row[0], row[1], _snippet_pieces(row[2] or "")) for row in rows]


def query_words(text: str) -> list[str]:
    """The words of what a person typed (word characters only), at most MAX_QUERY_WORDS."""
    return _WORD.findall(text)[:MAX_QUERY_WORDS]


def _snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet at the match markers into (text, matched) pieces."""
    pieces: list[tuple[str, bool]] = []
    for part in re.split(f"({_MATCH_OPEN}.*?{_MATCH_CLOSE})", snippet):
        if part.startswith(_MATCH_OPEN):
            pieces.append((part[1:-1], True))
        elif part:
            pieces.append((part, False))
    return pieces


def _clean(value: str | None) -> str:
    return (value or "").replace(_MATCH_OPEN, "").replace(_MATCH_CLOSE, "")
