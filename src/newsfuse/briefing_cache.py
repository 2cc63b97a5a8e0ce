"""Where :class:`newsfuse.app.Newsroom` keeps briefings: under a key and a signature, in memory and in the store.

The key names the entry (one per story, or per set of articles, and parameters);
the signature says what was briefed: the articles' ids and texts, newsfuse's
code and the parameters. A cached briefing is used only for the same signature.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from newsfuse.lru import Lru
from newsfuse.models import Article, Briefing
from newsfuse.params import FuseParams
from newsfuse.store import Store
from newsfuse.store.db import articles_signature, translated_errors
from newsfuse.store.members import Member

MEMORY_BRIEFINGS = 64  # parsed briefings kept in memory, least recently used dropped first


def story_key(story_id: str, params: FuseParams) -> str:
    """The briefing cache key of a story with `params` (one entry per story and parameters)."""
    return f"story:{story_id}/{params.key}"


def articles_key(articles: Sequence[Article], params: FuseParams) -> str:
    """The briefing cache key of a set of articles with `params` (one entry per set of ids and parameters)."""
    ids = hashlib.sha256("\n".join(sorted(article.id for article in articles)).encode()).hexdigest()[:16]
    return f"articles:{ids}/{params.key}"


def briefing_signature(members: Sequence[Member | Article], params: FuseParams = FuseParams()) -> str:
    """The cache signature of briefing `members` (ids and content hashes) with `params`."""
    return hashlib.sha256(f"{articles_signature(members)}/{params.key}".encode()).hexdigest()


class BriefingCache:
    """Briefings by key and signature: the store holds them all, memory the last few parsed.

    `store`: this thread's connection to the store at `db` (called on each use);
    `enabled=False` reads and writes nothing.
    """

    def __init__(self, store: Callable[[], Store], db: str | Path, *, enabled: bool):
        self._store = store
        self._db = db
        self.enabled = enabled
        self._memory = Lru(MEMORY_BRIEFINGS)  # signature -> Briefing

    def get(self, key: str, signature: str) -> Briefing | None:
        """The briefing cached under `key` for `signature` (memory first, then the store), or None."""
        if not self.enabled:
            return None
        remembered = self._memory.get(signature)
        if remembered is not None:
            return remembered
        with translated_errors(self._db):
            stored = self._store().briefing(key, signature)
        if stored is None:
            return None
        briefing = Briefing.model_validate(stored)
        self._memory.put(signature, briefing)
        return briefing

    def put(self, key: str, signature: str, briefing: Briefing) -> None:
        """Validate `briefing` against the contract (raising when it breaks it), then cache it."""
        from newsfuse.render import validate_briefing

        data = briefing.to_json_dict()
        validate_briefing(data)  # a briefing that breaks the contract is never cached
        if self.enabled:
            self._store().put_briefing(key, signature, data)
            self._memory.put(signature, briefing)
