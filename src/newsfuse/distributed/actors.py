"""The actors of the Ray engine, as plain classes (made remote by :mod:`newsfuse.distributed.engine`,
so this module imports without Ray)."""

from __future__ import annotations

import time
from pathlib import Path

from newsfuse.cluster import ClusterParams
from newsfuse.models import Annotations, Article
from newsfuse.params import FuseParams
from newsfuse.store.stories import PlacementRun


class Annotator:
    """Annotates batches of articles with models loaded once (at start), and briefs stories of a store."""

    def __init__(self):
        from newsfuse.annotate.nlp import shared_models

        self.models = shared_models()
        self.models.nlp  # noqa: B018  (both models load now, not in the first batch)
        self.models.embedder  # noqa: B018

    def ready(self) -> bool:
        """True once the models are loaded (the pool waits for every actor before timing starts)."""
        return True

    @staticmethod
    def cpu_seconds() -> float:
        """CPU time this actor's process has used so far, in seconds (throughput measures on shared machines)."""
        return time.process_time()

    def annotate(self, articles: list[Article]) -> list[Annotations]:
        """Annotations of `articles`, in order, as one batch (as a single process batches them)."""
        from newsfuse.annotate import annotate_many

        with self.models.nlp.memory_zone():  # strings this batch added to spaCy's store are freed after it
            return list(annotate_many(articles, self.models, batch_size=max(len(articles), 1)))

    def brief(self, db: str, story_id: str, params: FuseParams) -> str:
        """Brief story `story_id` of the store at `db` (cached there); returns the briefing's signature."""
        from newsfuse.app import Newsroom

        with Newsroom(db, models=self.models, create=False) as room:
            members = room.story_members(story_id)
            room.brief_story(story_id, params)
            return room.signature(members, params)


class Clusterer:
    """The one stream clusterer of a store: places articles in order, writing each placement once.

    Its state lives in this process between calls (the store's live clusterer) and in the
    store's snapshot, from which a restarted actor resumes.
    """

    def __init__(self, db: str):
        self.db = str(Path(db))
        self._store = None

    def place(self, article_ids: list[str], params: ClusterParams | None) -> PlacementRun:
        """Place the stored articles `article_ids` that have no story yet, in the order given."""
        from newsfuse.store import Store
        from newsfuse.store.stories import place_new_articles

        if self._store is None:
            self._store = Store(self.db, create=False)
        return place_new_articles(self._store, self._store.articles(article_ids), params)
