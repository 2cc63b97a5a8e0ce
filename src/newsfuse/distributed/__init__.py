"""Ray as the distributed engine (optional: ``pip install "newsfuse[ray]"``).

:func:`connect` joins a Ray cluster (or starts a local one) and returns a
:class:`~newsfuse.distributed.engine.RayEngine` for one store:

* annotation on a pool of long-lived annotator actors, one per CPU of the
  cluster, each loading the models once (spaCy memory zones keep a long-lived
  actor's string store from growing); an actor that dies is restarted and its
  batch retried;
* one detached, restartable clusterer actor per store, receiving the new
  articles in publication order; it places them through
  :func:`newsfuse.store.stories.place_new_articles`, which skips articles already
  placed (idempotent) and resumes from the store's snapshot after a restart;
* briefings as tasks on the annotator actors (models already loaded):
  :meth:`RayEngine.brief_later` is :class:`newsfuse.app.Newsroom`'s `brief_task`
  seam, so `ingest --brief` debounces them per story (:mod:`newsfuse.briefs`):
  one brief of a story at a time, one more when articles came during it.

The engine plugs into :class:`newsfuse.app.Newsroom` through its `annotate`
and `place` seams; outputs are those of a single process.
"""

from newsfuse.distributed.engine import RayEngine, connect

__all__ = ["RayEngine", "connect"]
