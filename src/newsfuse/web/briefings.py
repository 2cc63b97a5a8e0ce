"""Story briefings on demand: from the store's briefing cache, else computed once and stored.

A briefing is keyed by ``story:<id>`` and the signature of the story's
articles (ids and content hashes), so it is recomputed exactly when an article
of the story is added or edited, by this app or by `newsfuse ingest`.
Concurrent requests for one story wait for a single computation. Parsed
briefings are also kept in memory (by signature), so a page view costs one
small query and no JSON parsing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from newsfuse.annotate.nlp import Models
from newsfuse.models import Article, Briefing
from newsfuse.render.view import origin_groups
from newsfuse.store import Store
from newsfuse.store.db import articles_signature

MEMORY_ENTRIES = 64  # parsed briefings kept in memory (least recently used dropped first)
COUNT_ENTRIES = 20_000  # independent-source counts kept for the stories list


def briefing_key(story_id: str) -> str:
    return f"story:{story_id}"


class Lru:
    """A small thread-safe least-recently-used map (key -> value), at most `size` entries."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Briefings:
    """Briefings of stories, cached in the store and in memory; thread-safe.

    `models` are the (lazily loading) NLP models, used only for articles
    without cached annotations, so a warm store never loads them.
    """

    def __init__(self, models: Models):
        self._models = models
        self._memory = Lru(MEMORY_ENTRIES)  # signature -> Briefing
        self._independent = Lru(COUNT_ENTRIES)  # signature -> independent sources
        self._locks_lock = threading.Lock()
        self._story_locks: dict[str, threading.Lock] = {}

    def cached(self, store: Store, story_id: str, articles: list[Article]) -> Briefing | None:
        """The briefing of these articles if one is cached (memory or store), else None; computes nothing."""
        signature = articles_signature(articles)
        remembered = self._memory.get(signature)
        if remembered is not None:
            return remembered
        stored = store.briefing(briefing_key(story_id), signature)
        if stored is None:
            return None
        briefing = Briefing.model_validate(stored)
        self._memory.put(signature, briefing)
        return briefing

    def independent_sources(self, store: Store, story_id: str, articles: list[Article]) -> int | None:
        """How many independent sources (origin groups) the story's cached briefing counts; None if not briefed."""
        signature = articles_signature(articles)
        known = self._independent.get(signature)
        if known is None:
            briefing = self.cached(store, story_id, articles)
            if briefing is None:
                return None
            known = len(origin_groups(briefing))
            self._independent.put(signature, known)
        return known

    def get(self, store: Store, story_id: str, articles: list[Article]) -> Briefing:
        """The briefing of `articles` (the story `story_id`), computing and storing it if needed."""
        briefing = self.cached(store, story_id, articles)
        if briefing is not None:
            return briefing
        with self._lock_for(story_id):
            briefing = self.cached(store, story_id, articles)  # another request may have made it meanwhile
            if briefing is None:
                briefing = self._compute(store, story_id, articles)
        return briefing

    def _compute(self, store: Store, story_id: str, articles: list[Article]) -> Briefing:
        from newsfuse.pipeline import analyse, build_briefing  # heavy imports, needed only here
        from newsfuse.render import validate_briefing

        annotations = analyse(articles, store=store, models=self._models)
        briefing = build_briefing(articles, annotations)
        data = briefing.to_json_dict()
        validate_briefing(data)
        signature = articles_signature(articles)
        store.put_briefing(briefing_key(story_id), signature, data)
        self._memory.put(signature, briefing)
        return briefing

    def _lock_for(self, story_id: str) -> threading.Lock:
        with self._locks_lock:
            return self._story_locks.setdefault(story_id, threading.Lock())

