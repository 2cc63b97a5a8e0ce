"""The PostgreSQL backend of the store: a connection that behaves like the SQLite one.

:class:`PostgresConnection` wraps a psycopg 3 connection so the store's SQL
runs unchanged on both backends: ``?`` placeholders become ``%s``; a write
(INSERT, UPDATE, DELETE) outside a transaction opens one, as Python's sqlite3
does, and ``commit()``/``rollback()``/``with conn:`` end it; inside
:meth:`PostgresConnection.transaction` they are deferred to its end, so a whole
ingest commits once; rows are read by position or by column name; JSONB records
come back as their JSON text.
Between transactions the connection is idle, never "idle in transaction", so
a reader never holds back another process's migration.

Every psycopg error is turned into a coded store error here (E047 when the
server cannot be reached, E044/E045/E041 for the rest), so callers only ever
see :class:`~newsfuse.errors.NewsfuseError`. psycopg is imported only when a
``postgresql://`` store is opened: it is the optional ``postgres`` extra.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from newsfuse.errors import Errors, NewsfuseError
from newsfuse.store.backends import POSTGRES, shown_location

CONNECT_SECONDS = 10  # how long to wait for the server to answer before E047
LOCK_POLL_SECONDS = 0.05  # how often a waiting writer retries the advisory lock
_WRITES = ("INSERT", "UPDATE", "DELETE")


class Row(tuple):
    """One result row: a tuple that can also be read by column name (like ``sqlite3.Row``)."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor) -> type[Row]:
    """psycopg row factory: rows of this cursor's columns, readable by position and by name."""
    return _row_type(tuple(column.name for column in cursor.description or ()))


@functools.lru_cache(maxsize=256)
def _row_type(names: tuple[str, ...]) -> type[Row]:
    """The Row class of results with these column names (one per query shape)."""
    return type("Row", (Row,), {"names": names})


class PostgresConnection:
    """A store connection to PostgreSQL at `url` (a ``postgresql://`` URL, its password never shown).

    Raises E048 when psycopg is not installed and E047 when the server cannot be reached.
    """

    dialect = POSTGRES

    def __init__(self, url: str):
        self.shown = shown_location(url)
        try:
            import psycopg
            from psycopg.types.string import TextLoader
        except ImportError:
            raise Errors.E048.error(url=self.shown) from None
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                         connect_timeout=CONNECT_SECONDS)
        except psycopg.Error as error:
            raise Errors.E047.error(url=self.shown, detail=_first_line(error)) from None
        self._conn.adapters.register_loader("jsonb", TextLoader)  # records stay JSON text, as in SQLite
        self._depth = 0  # open transaction() blocks

    # ------------------------------------------------------ sqlite3-like API

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence = ()):
        """Run one statement with ``?`` placeholders; returns the cursor (iterable, fetchone, fetchall)."""
        if sql.lstrip().upper().startswith(_WRITES) and not self.in_transaction:
            self._run("BEGIN")
        return self._run(sql.replace("%", "%%").replace("?", "%s"), tuple(parameters))

    def executescript(self, script: str) -> None:
        """Run several statements (no parameters) in one round trip, in one implicit transaction."""
        self._run(script, None)

    def commit(self) -> None:
        if self.in_transaction and not self._depth:
            self._run("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._run("ROLLBACK")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PostgresConnection:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.commit()
        elif not self._depth:
            self.rollback()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for the whole block: commits and ``with conn:`` blocks inside it wait for
        its end (one commit, one WAL flush); an exception rolls it all back."""
        if not self._depth and not self.in_transaction:
            self._run("BEGIN")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._depth:
                self.rollback()
            raise
        self._depth -= 1
        self.commit()

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """Send the block's statements without waiting for each answer (psycopg's pipeline mode):
        for writes whose results are not read; a read inside it waits for everything before it."""
        try:
            with self._conn.pipeline():
                yield
        except self._psycopg.Error as error:
            raise self._coded(error) from None

    # -------------------------------------------------------------- locking

    @contextmanager
    def advisory_lock(self, name: str, seconds: float) -> Iterator[None]:
        """Hold the session advisory lock `name` (per schema) for the block; E044 after `seconds` of waiting."""
        key = "hashtext(? || ':' || current_schema())"
        deadline = time.monotonic() + seconds
        while not self.execute(f"SELECT pg_try_advisory_lock({key})", (name,)).fetchone()[0]:
            if time.monotonic() > deadline:
                raise Errors.E044.error(path=self.shown, seconds=seconds)
            time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            self.execute(f"SELECT pg_advisory_unlock({key})", (name,))

    # ------------------------------------------------------------- internal

    def _run(self, sql: str, parameters: tuple | None = None):
        try:
            return self._conn.execute(sql, parameters, prepare=False)
        except self._psycopg.Error as error:
            failed = self._psycopg.pq.TransactionStatus.INERROR
            if not self._conn.closed and self._conn.info.transaction_status == failed:
                self._conn.execute("ROLLBACK")  # the connection stays usable (sqlite3 would roll back too)
            raise self._coded(error) from None

    def _coded(self, error: Exception) -> NewsfuseError:
        errors = self._psycopg.errors
        detail = _first_line(error)
        if isinstance(error, self._psycopg.OperationalError) and self._conn.closed:
            return Errors.E047.error(url=self.shown, detail=detail)
        if isinstance(error, errors.DiskFull):
            return Errors.E045.error(path=self.shown)
        if isinstance(error, errors.InsufficientPrivilege | errors.ReadOnlySqlTransaction):
            return Errors.E040.error(path=self.shown, detail=detail)
        return Errors.E041.error(path=self.shown, detail=detail)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
