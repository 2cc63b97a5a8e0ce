"""The application layer: what every front end (CLI, web app, Python API) does, in one place.

    room = Newsroom("newsfuse.db")
    added = room.add(["feeds/today.jsonl"])            # store new articles, place them in stories
    room.stories()                                     # the stories, largest first
    result = room.brief_story("3", FuseParams(summary_sentences=5))
    room.export(result.briefing, "out/story-3")        # briefing.json, .md, .html, written atomically

Front ends only parse their input and print or render what comes back. A
briefing is cached (in memory and in the store, :mod:`newsfuse.briefing_cache`) by
its signature: the articles' ids and texts, newsfuse's code and the parameters, so
the CLI and the web answer the same story with the same options from one cache.
Reading and storing new articles is :mod:`newsfuse.adding`'s. Store
problems come back as coded errors (E040-E045). Where per-article work runs
is decided here: `workers` worker processes for annotation, and a background
:class:`~newsfuse.jobs.Worker` for front ends that must not wait (the web).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path

from newsfuse.adding import Added, Source, load_sources, store_new
from newsfuse.annotate.budget import partly_analysed
from newsfuse.annotate.nlp import Models, shared_models
from newsfuse.briefing_cache import BriefingCache, articles_key, briefing_signature, story_key
from newsfuse.briefs import DebouncedBriefs
from newsfuse.cluster import ClusterParams
from newsfuse.errors import Errors
from newsfuse.fuse import fuse_story
from newsfuse.ingest import DEFAULT_MAX_BYTES, IngestResult
from newsfuse.jobs import Job, Progress, Worker, no_progress
from newsfuse.models import MAX_ARTICLE_CHARS, Annotations, Article, Briefing, Problem
from newsfuse.params import BriefParams, FuseParams
from newsfuse.pipeline import AnalysisStats, Annotate, BriefResult, analyse
from newsfuse.store import Store, default_db_path
from newsfuse.store.backends import store_location
from newsfuse.store.db import translated_errors
from newsfuse.store.members import Member, stories_of, story_members
from newsfuse.store.stories import PlacementRun, event_articles, place_new_articles, story_articles, unplaced_ids
from newsfuse.store.story_queries import AssignmentRow, StorySummary, assignments, list_stories

__all__ = ["Added", "BriefTask", "Newsroom", "Place", "Source", "story_key"]

# place(store, articles, cluster params, progress) -> what was placed: where the stream clusterer runs
Place = Callable[[Store, list[Article], ClusterParams | None, Progress], PlacementRun]
# brief_task(story id, params) -> a future done when the story is briefed into the store's cache
BriefTask = Callable[[str, FuseParams], Future]


class Newsroom:
    """One store, its caches and its workers; every front end goes through one of these.

    `db`: the store, an SQLite file or a ``postgresql://`` URL (default: $NEWSFUSE_DB or
    ~/.cache/newsfuse/newsfuse.db),
    opened now so that its problems show at once as one coded error. `cache=False`
    analyses everything again: no annotation or briefing is read from or written to
    the store, which is then opened only to read stories. `create=False` refuses a
    path with no store (E043) instead of creating an empty one. `models`: the NLP
    models (default: the process-wide ones, loaded only when needed). `workers`:
    processes for annotating new articles (1 = this one, 0 = one per core).
    `annotate`: where per-article work runs instead (e.g. a cluster's client): a
    function from a batch of articles to their Annotations, in order. `place`: where
    new articles are placed in stories instead (default :func:`place_new_articles` here;
    see :class:`newsfuse.distributed.RayEngine`). `brief_task`: where a story's briefing runs
    for :meth:`brief_after_adding` (default: this newsroom's background worker).
    """

    def __init__(self, db: str | Path | None = None, *, cache: bool = True, create: bool = True,
                 models: Models | None = None, workers: int = 1, annotate: Annotate | None = None,
                 place: Place | None = None, brief_task: BriefTask | None = None):
        self.db = store_location(db) if db is not None else default_db_path()
        self.cache = cache
        self._create = create
        self.models = models or shared_models()
        self.workers = workers
        self.annotate = annotate
        self.place = place or place_new_articles
        self.brief_task = brief_task
        self._briefs: DebouncedBriefs | None = None
        self.background = Worker()
        self._briefings = BriefingCache(self.store, self.db, enabled=cache)
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        if cache:
            Store(self.db, create=create).close()  # problems with the store show now, as one coded error

    # ----------------------------------------------------------- the store

    def store(self) -> Store:
        """This thread's connection to the store (connections are not shared between threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db, create=self._create)
            with self._opened_lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Brief the stories :meth:`brief_after_adding` still holds (failures are not raised: call
        :meth:`flush_briefs` for them), stop the background worker (promptly: see :meth:`Worker.stop`)
        and close the store connections.

        The newsroom stays usable: a later call opens the store again and gets a new worker.
        """
        if self._briefs is not None:
            self._briefs.flush(raise_failure=False)
            self._briefs.close()
            self._briefs = None
        self.background.stop()
        self.background = Worker()
        with self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
        self._local = threading.local()

    def __enter__(self) -> Newsroom:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --------------------------------------------------------------- input

    @staticmethod
    def load(sources: Iterable[Source], *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
        """Articles and input problems from paths and uploads (see :func:`newsfuse.ingest.load`).

        `max_bytes`: larger files and uploads are refused (W004).
        """
        return load_sources(sources, max_bytes=max_bytes)

    def add(self, sources: Iterable[Source], *, max_bytes: int = DEFAULT_MAX_BYTES,
            cluster: ClusterParams | None = None, analyse_texts: bool = False,
            progress: Progress = no_progress) -> Added:
        """Store the new articles of `sources` and place each in a story (in order of publication date).

        A stored article is never replaced: a text already stored under another id
        is refused (W009); a new text whose id is taken gets an id derived from its
        text (W010, the same on every run). One writer at a time per store (other processes wait).
        `max_bytes`: larger inputs are refused (W004); `cluster`: the clustering
        settings (default: :class:`ClusterParams`, or the ``[cluster]`` table of newsfuse.toml).
        `analyse_texts`: also annotate every text read (those not annotated yet, after the
        writer lock is released) and cache the annotations, so the first briefing of a
        stored story only fuses.
        """
        loaded = self.load(sources, max_bytes=max_bytes)
        added = Added(problems=list(loaded.problems), read=len(loaded.articles))
        if not loaded.articles:
            return added
        store = self.store()
        with translated_errors(self.db), store.write_lock():
            added.articles = store_new(store, loaded.articles, added)
            new = {article.id for article in added.articles}
            known = [added.twins.get(article.id, article.id) for article in loaded.articles]
            # stored by a run that stopped before placing them: placed now
            stranded = store.articles(unplaced_ids(store, [article_id for article_id in known if article_id not in new]))
            ordered = sorted(stranded + added.articles, key=lambda article: article.published or "")
            added.placements = self.place(store, ordered, cluster, progress)
        if analyse_texts and self.cache:
            with translated_errors(self.db):
                analyse(loaded.articles, store=store, models=self.models, progress=progress,
                        workers=self.workers, annotate=self.annotate)
        with translated_errors(self.db):
            placed = [placement.article for placement in added.placements.placements]
            added.stories = sorted(set(stories_of(store, placed).values()), key=int)
        if self._briefs is not None:
            self._briefs.touch(added.stories)  # after the analysis: a brief finds the annotations cached
        return added

    def add_later(self, sources: Sequence[Source], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Job:
        """:meth:`add` on the background worker; the job's result is the :class:`Added`."""
        return self.background.submit(None, "adding articles",
                                      lambda progress: self.add(sources, max_bytes=max_bytes, progress=progress))

    # ------------------------------------------------------------- stories

    def stories(self, *, include_merged: bool = False) -> list[StorySummary]:
        """Every live story (merged-away ones too with `include_merged`), largest first."""
        with translated_errors(self.db):
            return list_stories(self.store(), include_merged=include_merged)

    def story_articles(self, story_id: str) -> list[Article]:
        """The articles of a story in stream order; E012 when there is no such story."""
        return self._members("story", story_id, story_articles)

    def assignments(self) -> list[AssignmentRow]:
        """Every placed article with its event and story, in stream order (what `newsfuse export` writes)."""
        with translated_errors(self.db):
            return list(assignments(self.store()))

    def event_articles(self, event_id: str) -> list[Article]:
        """The articles of an event in stream order; E012 when there is no such event."""
        return self._members("event", event_id, event_articles)

    def _members(self, kind: str, given: str, read: Callable[[Store, str], list[Article]]) -> list[Article]:
        with translated_errors(self.db):
            found = read(self.store(), given)
        if not found:
            raise Errors.E012.error(kind=kind, given=given)
        return found

    def story_members(self, story_id: str) -> list[Member]:
        """Ids and content hashes of a story's articles ([] when no such story): one cheap query."""
        with translated_errors(self.db):
            return story_members(self.store(), story_id)

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        with translated_errors(self.db):
            return self.store().article(article_id)

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article is in now, or None when it was never placed."""
        with translated_errors(self.db):
            return stories_of(self.store(), [article_id]).get(article_id)

    # ------------------------------------------------------------ briefing

    def brief_after_adding(self, timing: BriefParams = BriefParams(), params: FuseParams = FuseParams(), *,
                           clock: Callable[[], float] = time.monotonic, background: bool = True) -> DebouncedBriefs:
        """From now on, brief (into the cache, with `params`) every story :meth:`add` gives new articles,
        debounced per story as `timing` says (see :mod:`newsfuse.briefs`), on `brief_task` or else the
        background worker; :meth:`flush_briefs` or :meth:`close` brief the stories still waiting.

        `clock` and `background` are :class:`DebouncedBriefs`'s (tests drive time by hand).
        """
        if self._briefs is not None:
            self._briefs.flush(raise_failure=False)
            self._briefs.close()
        self._briefs = DebouncedBriefs(lambda story_id: self._launch_brief(story_id, params),
                                       quiet_seconds=timing.quiet_seconds, max_wait_seconds=timing.max_wait_seconds,
                                       clock=clock, background=background)
        return self._briefs

    def flush_briefs(self) -> None:
        """Brief every story :meth:`brief_after_adding` still holds and wait for them; raises the first
        failure (a coded error) once all have ended."""
        if self._briefs is not None:
            self._briefs.flush()

    def _launch_brief(self, story_id: str, params: FuseParams) -> Future:
        if self.brief_task is not None:
            return self.brief_task(story_id, params)
        return self.brief_story_later(story_id, params).future

    def brief(self, articles: list[Article], params: FuseParams = FuseParams(), *,
              problems: Sequence[Problem] = (), progress: Progress = no_progress,
              key: str | None = None) -> BriefResult:
        """Brief `articles`: from the cache when these texts were briefed with `params`, else computed.

        `problems` (input problems of the run) are attached to the briefing, with a
        W013 note for each article too long to be analysed whole; `key` names the
        cache entry (default: one per set of article ids).
        """
        problems = [*problems, *(partly_analysed(article) for article in articles
                                 if len(article.text) > MAX_ARTICLE_CHARS)]
        stats = AnalysisStats()
        signature = self.signature(articles, params)
        key = key or articles_key(articles, params)
        briefing = self.cached_briefing(key, signature)
        if briefing is None:
            with translated_errors(self.db):
                store = self.store() if self.cache else None
                annotations = analyse(articles, store=store, models=self.models, progress=progress,
                                      stats=stats, workers=self.workers, annotate=self.annotate)
                progress("fuse", 0, 1)
                briefing = fuse_story(articles, annotations, params)
                self._briefings.put(key, signature, briefing)
                progress("fuse", 1, 1)
        else:
            stats.cached = len(articles)
        return BriefResult(briefing=briefing.model_copy(update={"problems": list(problems)}),
                           problems=list(problems), stats=stats)

    def brief_story(self, story_id: str, params: FuseParams = FuseParams(), *,
                    progress: Progress = no_progress) -> BriefResult:
        """Brief the story `story_id` of the store (E012 when there is none)."""
        return self.brief(self.story_articles(story_id), params, progress=progress,
                          key=story_key(story_id, params))

    def brief_story_later(self, story_id: str, params: FuseParams = FuseParams()) -> Job:
        """:meth:`brief_story` on the background worker (one job per story and parameters)."""
        key = story_key(story_id, params)
        return self.background.submit(key, f"briefing story {story_id}",
                                      lambda progress: self.brief_story(story_id, params, progress=progress))

    def cached_story_briefing(self, story_id: str, members: Sequence[Member | Article],
                              params: FuseParams = FuseParams()) -> Briefing | None:
        """The story's briefing if one is cached for exactly these members and `params`; computes nothing."""
        return self.cached_briefing(story_key(story_id, params), self.signature(members, params))

    def cached_briefing(self, key: str, signature: str) -> Briefing | None:
        """The briefing cached under `key` for `signature` (memory first, then the store), or None."""
        return self._briefings.get(key, signature)

    @staticmethod
    def signature(members: Sequence[Member | Article], params: FuseParams = FuseParams()) -> str:
        """The cache signature of briefing `members` (ids and content hashes) with `params`."""
        return briefing_signature(members, params)

    def cached_annotations(self, article: Article) -> Annotations | None:
        """The article's cached annotations, or None; analyses nothing."""
        if not self.cache:
            return None
        with translated_errors(self.db):
            return self.store().annotations(article.content_hash)

    def annotations(self, article: Article, *, progress: Progress = no_progress) -> Annotations:
        """The article's annotations: cached ones, else made now (and cached)."""
        with translated_errors(self.db):
            store = self.store() if self.cache else None
            return analyse([article], store=store, models=self.models, progress=progress,
                           annotate=self.annotate)[article.id]

    def annotations_later(self, article: Article) -> Job:
        """:meth:`annotations` on the background worker (one job per text)."""
        return self.background.submit(f"annotate:{article.content_hash}", f"analysing article {article.id}",
                                      lambda progress: self.annotations(article, progress=progress))

    # -------------------------------------------------------------- output

    @staticmethod
    def export(briefing: Briefing, out: str | Path) -> dict[str, Path]:
        """Write briefing.json (validated), briefing.md and briefing.html into folder `out`, atomically."""
        from newsfuse.render import write_outputs

        return write_outputs(briefing, out)
