"""Connecting to Ray and running a store's work on it: annotation, placement, briefings."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

from newsfuse.annotate import BATCH_ARTICLES
from newsfuse.cluster import ClusterParams
from newsfuse.errors import Errors
from newsfuse.jobs import Progress, no_progress
from newsfuse.models import Annotations, Article
from newsfuse.params import FuseParams
from newsfuse.store.db import Store
from newsfuse.store.stories import PlacementRun

NAMESPACE = "newsfuse"  # Ray namespace of the named (detached) clusterer actors


def connect(address: str | None, db: str | Path, *, annotators: int | None = None,
            num_cpus: int | None = None) -> RayEngine:
    """A :class:`RayEngine` for the store at `db` on the Ray cluster at `address`.

    `address`: a Ray address (``host:6379``, ``ray://host:10001``), ``auto`` (the cluster
    running on this machine, else a new local one) or None (a new local one, with
    `num_cpus` CPUs, default all). `annotators`: actors in the pool (default one per CPU
    of the cluster). E070 when Ray is not installed or the cluster cannot be reached.
    """
    try:
        import ray
    except ImportError:
        raise Errors.E070.error(detail='Ray is not installed: pip install "newsfuse[ray]"') from None
    if not ray.is_initialized():
        try:
            if address == "auto":
                try:
                    ray.init(address="auto", namespace=NAMESPACE, include_dashboard=False, log_to_driver=False)
                except ConnectionError:  # no cluster running here: start one
                    ray.init(num_cpus=num_cpus, namespace=NAMESPACE, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=address, num_cpus=None if address else num_cpus, namespace=NAMESPACE,
                         include_dashboard=False, log_to_driver=False)
        except (ConnectionError, ValueError, RuntimeError) as error:
            raise Errors.E070.error(detail=f"cannot reach Ray at {address}: {error}") from None
    count = annotators or max(int(ray.cluster_resources().get("CPU", 1)), 1)
    return RayEngine(db, annotators=count)


class RayEngine:
    """A store's work on Ray: :meth:`annotate` and :meth:`place` are :class:`newsfuse.app.Newsroom`'s
    `annotate` and `place` seams; :meth:`brief_stories` briefs stories as tasks."""

    def __init__(self, db: str | Path, *, annotators: int):
        import ray

        from newsfuse.distributed.actors import Annotator, Clusterer

        self.db = str(Path(db).resolve())
        annotator = ray.remote(Annotator).options(num_cpus=1, max_restarts=-1, max_task_retries=-1)
        self.annotators = [annotator.remote() for _ in range(annotators)]
        self._next_annotator = itertools.count()
        self.clusterer = ray.remote(Clusterer).options(
            name=clusterer_name(self.db), namespace=NAMESPACE, lifetime="detached", get_if_exists=True,
            num_cpus=0, max_restarts=-1, max_task_retries=-1,
        ).remote(self.db)

    def ready(self) -> None:
        """Wait until every annotator has loaded its models."""
        import ray

        ray.get([actor.ready.remote() for actor in self.annotators])

    def annotate(self, articles: list[Article]) -> Iterator[Annotations]:
        """Annotations of `articles`, in order: batches of BATCH_ARTICLES spread over the pool.

        An actor takes the next batch as soon as it is free and batches are put back in order here
        (an in-order pool would leave an actor idle until the batch before its own came back)."""
        import ray

        chunks = [articles[start: start + BATCH_ARTICLES] for start in range(0, len(articles), BATCH_ARTICLES)]
        waiting = list(enumerate(chunks))[::-1]  # popped from the end: the first batch first
        idle, running, finished, emitted = list(self.annotators), {}, {}, 0
        while waiting or running:
            while idle and waiting:
                index, chunk = waiting.pop()
                actor = idle.pop()
                running[actor.annotate.remote(chunk)] = (index, actor)
            (ready,), _ = ray.wait(list(running), num_returns=1)
            index, actor = running.pop(ready)
            finished[index] = ray.get(ready)
            idle.append(actor)
            while emitted in finished:
                yield from finished.pop(emitted)
                emitted += 1

    def place(self, store: Store, articles: list[Article], params: ClusterParams | None = None,
              progress: Progress = no_progress) -> PlacementRun:
        """Place `articles` (already stored, in publication order) on the store's clusterer actor."""
        import ray

        progress("placing articles in stories", 0, len(articles))
        run = ray.get(self.clusterer.place.remote([article.id for article in articles], params))
        progress("placing articles in stories", len(articles), len(articles))
        return run

    def brief_later(self, story_id: str, params: FuseParams = FuseParams()) -> Future:
        """Brief story `story_id` as a task on the next actor of the pool (round robin); a future of its
        signature (:class:`newsfuse.app.Newsroom`'s `brief_task` seam, debounced there per story)."""
        actor = self.annotators[next(self._next_annotator) % len(self.annotators)]
        return actor.brief.remote(self.db, str(story_id), params).future()

    def brief_stories(self, story_ids: Iterable[str], params: FuseParams = FuseParams()) -> dict[str, str]:
        """Brief each story once (however often it is named), spread over the pool; story id -> signature."""
        futures = {story_id: self.brief_later(story_id, params)
                   for story_id in dict.fromkeys(str(story_id) for story_id in story_ids)}
        return {story_id: future.result() for story_id, future in futures.items()}

    def shutdown(self, *, keep_clusterer: bool = True) -> None:
        """Stop the annotator pool (and the clusterer actor unless `keep_clusterer`: it is detached)."""
        import ray

        for actor in self.annotators:
            ray.kill(actor, no_restart=True)
        self.annotators = []
        if not keep_clusterer:
            ray.kill(self.clusterer, no_restart=True)


def clusterer_name(db: str) -> str:
    """The Ray name of the clusterer actor of the store at `db` (one per store)."""
    return "clusterer-" + hashlib.sha256(db.encode()).hexdigest()[:16]
