"""The store: articles and a content-hash cache of their annotations.

By default one SQLite file, WAL mode, so a reader (the web app) and a writer
(`newsfuse ingest`) can work at once; with a ``postgresql://`` URL the same
schema on a PostgreSQL server, shared by many processes and machines
(:mod:`newsfuse.store.postgres`). Annotations are keyed by the article's
content hash, so a rerun on a grown folder only analyses new or changed texts.
Sentence vectors are stored as raw float32 blobs beside the JSON annotations.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

import newsfuse
from newsfuse.errors import Errors, NewsfuseError
from newsfuse.identity import settle_id
from newsfuse.models import EMBEDDING_DIM, Annotations, Article
from newsfuse.store.backends import SqliteConnection, is_postgres, shown_location, store_location
from newsfuse.store.migrations import migrate

BUSY_SECONDS = 30  # how long a writer waits for another one before giving up (E044)
_RETRY_SECONDS = 0.05  # pause before opening again after an immediate "locked"


def default_db_path() -> Path | str:
    """`$NEWSFUSE_DB` (a path or a ``postgresql://`` URL), else `~/.cache/newsfuse/newsfuse.db`."""
    configured = os.environ.get("NEWSFUSE_DB")
    if configured:
        return store_location(configured)
    return Path.home() / ".cache" / "newsfuse" / "newsfuse.db"


class Store:
    """The store. `Store(path)` opens (and creates) the database file, or connects to the
    PostgreSQL database a ``postgresql://`` URL names (and creates the schema in it).

    `create=False` refuses a location with no store yet (E043) instead of making
    an empty store, for commands that only read. Problems opening it (a folder,
    a read-only or damaged file, a full disk, an unreachable server) raise a coded
    NewsfuseError. `path` is the file's Path, or the URL with its password hidden.
    """

    def __init__(self, path: str | Path | None = None, *, create: bool = True):
        location = store_location(path) if path is not None else default_db_path()
        if is_postgres(location):
            self._open_postgres(location, create=create)
            return
        self.path = location
        memory = str(self.path) == ":memory:"
        if not memory and self.path.is_dir():
            raise Errors.E042.error(path=self.path)
        if not memory and not create and not self.path.exists():
            raise Errors.E043.error(path=self.path)
        if not memory:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise _os_error(error, self.path) from None
        with translated_errors(self.path):
            self.conn = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS, check_same_thread=False,
                                        factory=SqliteConnection)
            try:
                self.conn.row_factory = sqlite3.Row
                _prepare_sqlite(self.conn)
            except BaseException:
                self.conn.close()
                raise

    def _open_postgres(self, url: str, *, create: bool) -> None:
        from newsfuse.store.postgres import PostgresConnection  # psycopg is the optional `postgres` extra

        self.path = shown_location(url)
        self.conn = PostgresConnection(url)
        try:
            migrate(self.conn, create=create)
        except BaseException:
            self.conn.close()
            raise

    @property
    def dialect(self):
        """The :class:`~newsfuse.store.backends.Dialect` of this store's backend."""
        return self.conn.dialect

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the store's writer lock: one writer at a time, across threads and processes.

        Placing articles replays every stored assignment and then extends them, so two
        writers interleaving would place one article twice. The lock is a file lock on
        ``<store>.lock`` beside the database; on Postgres, an advisory lock of the store's
        schema (either waits up to BUSY_SECONDS, then E044). On Postgres what is written
        under the lock is one transaction, committed as the lock is released (a commit per
        article would wait for the server's disk each time).
        """
        if self.dialect.name == "postgresql":
            with self.conn.advisory_lock("newsfuse-write", BUSY_SECONDS), self.conn.transaction():
                yield
            return
        if str(self.path) == ":memory:":
            yield
            return
        lock = FileLock(f"{self.path}.lock", timeout=BUSY_SECONDS, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise Errors.E044.error(path=self.path, seconds=BUSY_SECONDS) from None
        except OSError as error:
            raise _os_error(error, self.path) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """Writes in the block are sent without waiting for each answer (Postgres pipeline mode: one
        network round trip saved per statement); SQLite runs in process and has nothing to save."""
        if self.dialect.name == "postgresql":
            with self.conn.pipeline():
                yield
            return
        yield

    # ------------------------------------------------------------ articles

    def put_article(self, article: Article) -> Article:
        """Store `article` unless its text is already stored under its id; return it as stored.

        A stored article is never replaced: when the id holds another text,
        `article` is stored under its text-derived id (`newsfuse.identity`),
        which the returned copy carries.
        """
        article = settle_id(article, self.hash_under)
        if self.hash_under(article.id) is None:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO articles (id, content_hash, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (article.id, article.content_hash,
                     self.dialect.json_record(article.model_dump_json())),
                )
        return article

    def hash_under(self, article_id: str) -> str | None:
        """Content hash of the article stored under `article_id`, None when the id is free."""
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row["content_hash"] if row else None

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
        """Cached annotations of the text with this hash made by this annotate code and these models, or None.

        Rows are keyed by :func:`~newsfuse.annotate.fingerprint.annotation_fingerprint` (in the
        `version` column): rows of other code or models are never served.
        """
        row = self.conn.execute(
            "SELECT record, vectors FROM annotations WHERE content_hash = ? AND version = ?",
            (content_hash, _annotation_fingerprint()),
        ).fetchone()
        if row is None:
            return None
        annotations = Annotations.model_validate_json(row["record"])
        annotations.vectors = _vectors_from_blob(row["vectors"])
        return annotations

    def put_annotations(self, annotations: Annotations) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO annotations (content_hash, version, record, vectors) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (content_hash, version) DO UPDATE SET record = excluded.record, "
                "vectors = excluded.vectors",
                (
                    annotations.content_hash,
                    _annotation_fingerprint(),
                    self.dialect.json_record(annotations.model_dump_json()),
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
                "INSERT INTO briefings (key, signature, record) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET signature = excluded.signature, record = excluded.record, made_at = excluded.made_at",
                (key, signature, self.dialect.json_record(json.dumps(briefing, ensure_ascii=False))),
            )


def _prepare_sqlite(conn: sqlite3.Connection) -> None:
    """WAL journal, pragmas, and the missing migrations, retried for up to BUSY_SECONDS when SQLite
    answers "locked" at once: openers of a new file racing to switch its journal to WAL can meet a
    lock that SQLite reports without waiting (its busy timeout does not cover that case)."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(_RETRY_SECONDS)


@contextmanager
def translated_errors(path: Path | str) -> Iterator[None]:
    """Turn SQLite errors (and a full disk) met while using the store at `path` into coded errors.

    (A Postgres store's connection raises coded errors itself.)
    """
    try:
        yield
    except sqlite3.Error as error:
        raise store_error(error, Path(path)) from None
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
        raise Errors.E045.error(path=shown_location(path)) from None


def store_error(error: sqlite3.Error, path: Path) -> NewsfuseError:
    """The coded error for an SQLite error met on the store at `path` (SQLite says which by message)."""
    detail = str(error)
    if "readonly" in detail or "read-only" in detail:
        return Errors.E040.error(path=path, detail=detail)
    if "disk is full" in detail:
        return Errors.E045.error(path=path)
    if "locked" in detail or "busy" in detail:
        return Errors.E044.error(path=path, seconds=BUSY_SECONDS)
    if "unable to open" in detail:
        if path.is_dir():
            return Errors.E042.error(path=path)
        return Errors.E040.error(path=path, detail=detail)
    return Errors.E041.error(path=path, detail=detail)


def _os_error(error: OSError, path: Path) -> NewsfuseError:
    if error.errno == errno.ENOSPC:
        return Errors.E045.error(path=path)
    return Errors.E040.error(path=path, detail=error.strerror or error)


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


def _annotation_fingerprint() -> str:
    from newsfuse.annotate.fingerprint import annotation_fingerprint  # here: the store alone needs no spaCy

    return annotation_fingerprint()


def _vectors_to_blob(vectors) -> bytes | None:
    if vectors is None:
        return None
    return np.ascontiguousarray(vectors, dtype=np.float32).tobytes()


def _vectors_from_blob(blob: bytes | None) -> np.ndarray | None:
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, EMBEDDING_DIM).copy()
