"""Full-text search on a Postgres store: the same index and answers as the SQLite FTS5 one
(:mod:`newsfuse.store.search`), made of a ``tsvector`` column with a GIN index.

Titles are weighted A and texts D, ranked with ``ts_rank`` (title 4x body, as BM25's
column weights on SQLite), words stemmed by Snowball English with no stop words
(FTS5's porter tokenizer drops none either), the last word of a query a prefix.
Unlike FTS5 it keeps diacritics (``unaccent`` is an extension a store cannot assume).
The index is refreshed server-side from the ``articles`` table: no text travels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfuse.store.postgres import PostgresConnection

SEARCH_SCHEMA_POSTGRES = """
CREATE TEXT SEARCH DICTIONARY newsfuse_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION newsfuse_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsfuse_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH newsfuse_stem;
CREATE TABLE IF NOT EXISTS article_search (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS article_search_document ON article_search USING GIN (document);
"""
RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"  # ts_rank weights of D, C, B, A: a title (A) word counts 4x a body (D) one

_STALE = "FROM articles a LEFT JOIN article_search s ON s.id = a.id WHERE s.content_hash IS DISTINCT FROM a.content_hash"


def sync_search_index_postgres(conn: PostgresConnection, clean: str) -> int:
    """Index the articles that are new or changed since the last sync, drop deleted ones; how many indexed.

    `clean` is SQL that strips the snippet markers from its ``{}`` (see :mod:`newsfuse.store.search`).
    """
    title, text = clean.format("(a.record ->> 'title')"), clean.format("(a.record ->> 'text')")
    with conn:
        conn.execute("DELETE FROM article_search s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.id)")
        cursor = conn.execute(
            f"INSERT INTO article_search (id, content_hash, text, document) "
            f"SELECT a.id, a.content_hash, {text}, "
            f"setweight(to_tsvector('newsfuse_search', {title}), 'A') || "
            f"setweight(to_tsvector('newsfuse_search', {text}), 'D') {_STALE} "
            f"ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, text = excluded.text, "
            f"document = excluded.document"
        )
        return cursor.rowcount


def search_postgres(conn: PostgresConnection, words: list[str], limit: int, marks: tuple[str, str], snippet_words: int) -> list[tuple]:
    """(id, rank, snippet) of the articles holding every word (the last as a prefix), best first.

    `rank` is lower-is-better like BM25's; the snippet marks matches with `marks` (open, close).
    """
    terms = [f"'{word}'" for word in words]  # words are \\w+ only: no quote, no operator
    terms[-1] += ":*"
    options = f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords={snippet_words}, MinWords={snippet_words // 2}, ShortWord=0"
    return conn.execute(
        "SELECT best.id, best.rank, ts_headline('newsfuse_search', s.text, best.query, ?) "
        "FROM (SELECT id, -ts_rank(?, document, query) AS rank, query "
        "      FROM article_search, to_tsquery('newsfuse_search', ?) AS query "
        "      WHERE document @@ query ORDER BY rank, id LIMIT ?) AS best "
        "JOIN article_search s ON s.id = best.id ORDER BY best.rank, best.id",
        (options, RANK_WEIGHTS, " & ".join(terms), limit),
    ).fetchall()
