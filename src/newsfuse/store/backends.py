"""Where the store lives, and what differs between its two backends.

A store location is a file path (the embedded SQLite store, the default) or a
``postgresql://`` URL (a PostgreSQL server shared by many processes and
machines; the optional ``postgres`` extra). Both backends run the same SQL
except where a :class:`Dialect` says otherwise: ``?`` placeholders,
``ON CONFLICT`` upserts and plain types are written once; reading a field of a
JSON record is the dialect's.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from newsfuse.store.postgres import PostgresConnection

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# A \u0000 escape in JSON text (after an even number of backslashes, so not an escaped "\\u0000").
_NUL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


@dataclass(frozen=True)
class Dialect:
    """What one backend spells its own way. `name` is ``sqlite`` or ``postgresql``."""

    name: str

    def json_text(self, column: str, key: str) -> str:
        """SQL for the text of top-level field `key` of the JSON record in `column` (NULL when absent)."""
        if self.name == "postgresql":
            return f"({column} ->> '{key}')"
        return f"json_extract({column}, '$.{key}')"

    def json_record(self, text: str) -> str:
        """JSON text as this backend can store it: Postgres' JSONB cannot hold U+0000, so its
        escapes are dropped there (as text repair drops the character from titles and texts)."""
        if self.name == "postgresql":
            return _NUL_ESCAPE.sub(r"\1", text)
        return text


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgresql")


class SqliteConnection(sqlite3.Connection):
    """An sqlite3 connection that says which dialect it speaks (as the Postgres one does)."""

    dialect = SQLITE


Connection: TypeAlias = "sqlite3.Connection | PostgresConnection"  # what `Store.conn` is


def dialect_of(conn: Connection) -> Dialect:
    """The dialect of a store connection (a plain sqlite3 connection speaks SQLite)."""
    return getattr(conn, "dialect", SQLITE)


def is_postgres(location: str | Path) -> bool:
    """True when `location` is a ``postgresql://`` (or ``postgres://``) URL."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def store_location(given: str | Path) -> str | Path:
    """A ``--db`` value or ``$NEWSFUSE_DB`` as a store location: the URL as given, else a Path.

    (A URL must stay a string: ``Path`` would fold its ``//``.)
    """
    text = str(given)
    return text if is_postgres(text) else Path(given)


def shown_location(location: str | Path) -> str:
    """`location` fit for messages and logs: a URL's password is replaced by ``***``."""
    text = str(location)
    if not is_postgres(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = re.sub(r":[^:@]*@", ":***@", parts.netloc, count=1)
    return urlunsplit(parts._replace(netloc=netloc))
