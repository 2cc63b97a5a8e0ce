"""SQLite store: articles and a content-hash cache of their annotations.

One file, WAL mode, so a reader (the web app) and a writer (`newsfuse ingest`)
can work at once. Annotations are keyed by the article's content hash, so a
rerun on a grown folder only analyses new or changed texts. Sentence vectors
are stored as raw float32 blobs beside the JSON annotations.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import numpy as np

import newsfuse
from newsfuse.models import EMBEDDING_DIM, Annotations, Article

# Bump when the annotation format or the extractors change: old cache rows are then ignored.
ANNOTATION_VERSION = 8

SCHEMA = """
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


def default_db_path() -> Path:
    """`$NEWSFUSE_DB`, else `~/.cache/newsfuse/newsfuse.db`."""
    configured = os.environ.get("NEWSFUSE_DB")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "newsfuse" / "newsfuse.db"


class Store:
    """The embedded store. `Store(path)` opens (and creates) the database file."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ articles

    def put_article(self, article: Article) -> bool:
        """Insert or update `article`; True when it is new or its text changed."""
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if row is not None and row["content_hash"] == article.content_hash:
            return False
        with self.conn:
            self.conn.execute(
                "INSERT INTO articles (id, content_hash, record) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET content_hash = excluded.content_hash, "
                "record = excluded.record",
                (article.id, article.content_hash, article.model_dump_json()),
            )
        return True

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.model_validate_json(row["record"]) if row else None

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles by id, in the order given; all articles (by id) when `ids` is None."""
        if ids is None:
            rows = self.conn.execute("SELECT record FROM articles ORDER BY id").fetchall()
            return [Article.model_validate_json(row["record"]) for row in rows]
        found = [self.article(article_id) for article_id in ids]
        return [article for article in found if article is not None]

    def article_id_for_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", (content_hash,)
        ).fetchone()
        return row["id"] if row else None

    # --------------------------------------------------------- annotations

    def annotations(self, content_hash: str) -> Annotations | None:
        """Cached annotations of the text with this hash, or None."""
        row = self.conn.execute(
            "SELECT record, vectors FROM annotations WHERE content_hash = ? AND version = ?",
            (content_hash, ANNOTATION_VERSION),
        ).fetchone()
        if row is None:
            return None
        annotations = Annotations.model_validate_json(row["record"])
        annotations.vectors = _vectors_from_blob(row["vectors"])
        return annotations

    def put_annotations(self, annotations: Annotations) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO annotations (content_hash, version, record, vectors) "
                "VALUES (?, ?, ?, ?)",
                (
                    annotations.content_hash,
                    ANNOTATION_VERSION,
                    annotations.model_dump_json(),
                    _vectors_to_blob(annotations.vectors),
                ),
            )


    # ----------------------------------------------------------- briefings

    def briefing(self, key: str, signature: str) -> dict | None:
        """The briefing JSON stored under `key` (e.g. a story id) if made from `signature`."""
        row = self.conn.execute(
            "SELECT record FROM briefings WHERE key = ? AND signature = ?", (key, signature)
        ).fetchone()
        return json.loads(row["record"]) if row else None

    def put_briefing(self, key: str, signature: str, briefing: dict) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO briefings (key, signature, record) VALUES (?, ?, ?)",
                (key, signature, json.dumps(briefing, ensure_ascii=False)),
            )


def articles_signature(articles: list[Article]) -> str:
    """A key for "this exact set of texts, analysed by this code".

    It changes when any article is added or edited, and when newsfuse's own
    code changes (see `code_fingerprint`), so a stored briefing is never
    served after an upgrade that would brief the story differently.
    """
    digest = hashlib.sha256(code_fingerprint().encode())
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}:{article.content_hash}\n".encode())
    return digest.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of the source of every module of the installed newsfuse package.

    A version number would have to be bumped by hand at each change to the
    analysis; the source itself cannot be forgotten.
    """
    package = Path(newsfuse.__file__).parent
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def _vectors_to_blob(vectors) -> bytes | None:
    if vectors is None:
        return None
    return np.ascontiguousarray(vectors, dtype=np.float32).tobytes()


def _vectors_from_blob(blob: bytes | None) -> np.ndarray | None:
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, EMBEDDING_DIM).copy()
