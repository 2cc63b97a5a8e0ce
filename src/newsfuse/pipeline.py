"""The stages wired together: articles -> annotations (`analyse`) -> briefing (`fuse_story`).

Each stage lives in its own folder and knows nothing of the others;
:func:`newsfuse.fuse.fuse_story` is pure given articles and annotations. Caching, stores,
background work and front ends sit one layer up, in :mod:`newsfuse.app`;
`brief_articles()` is the Python API's shortcut into it (see `newsfuse.brief`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.annotate.nlp import Models
from newsfuse.annotate.parallel import annotate_in_workers, worker_count
from newsfuse.jobs import Progress, no_progress
from newsfuse.models import Annotations, Article, Briefing, Problem
from newsfuse.params import Params
from newsfuse.store import Store

# annotate(articles) -> their Annotations, in order: one batch of per-article work, wherever it runs
Annotate = Callable[[list[Article]], Iterator[Annotations]]


@dataclass
class AnalysisStats:
    """How much annotation work a run did, and how much came from the cache."""

    analysed: int = 0
    cached: int = 0


@dataclass
class BriefResult:
    briefing: Briefing
    problems: list[Problem] = field(default_factory=list)
    stats: AnalysisStats = field(default_factory=AnalysisStats)


def analyse(
    articles: list[Article],
    *,
    store: Store | None = None,
    models: Models | None = None,
    progress: Progress = no_progress,
    stats: AnalysisStats | None = None,
    workers: int = 1,
    annotate: Annotate | None = None,
) -> dict[str, Annotations]:
    """Annotations for every article, from the store's cache where the text is known.

    Returns a dict article id -> Annotations. New annotations are written to
    `store` when one is given. `annotate` runs the annotation of the new
    articles (where that work runs: see :class:`newsfuse.app.Newsroom`);
    by default `workers` processes (1 = this process only, 0 = one per core;
    see :func:`newsfuse.annotate.parallel.worker_count`) with `models`.
    """
    stats = stats if stats is not None else AnalysisStats()
    result: dict[str, Annotations] = {}
    missing: list[Article] = []
    for article in articles:
        cached = store.annotations(article.content_hash) if store else None
        if cached is not None:
            result[article.id] = cached.model_copy(update={"article": article.id})  # keeps the vectors
            stats.cached += 1
        else:
            missing.append(article)
    progress("analyse", len(result), len(articles))
    if missing:
        run = annotate or (lambda batch: annotate_in_workers(batch, worker_count(len(batch), workers), models))
        for annotations in run(missing):
            result[annotations.article] = annotations
            if store:
                store.put_annotations(annotations)
            stats.analysed += 1
            progress("analyse", len(result), len(articles))
    return result


def brief_articles(
    articles: list[Article],
    *,
    problems: list[Problem] | None = None,
    db: str | Path | None = None,
    use_cache: bool = True,
    params: Params | None = None,
    models: Models | None = None,
    progress: Progress = no_progress,
) -> BriefResult:
    """Brief articles already loaded (e.g. one story from the store), through :class:`newsfuse.app.Newsroom`.

    `db` is the SQLite cache (default: :func:`newsfuse.store.default_db_path`);
    `use_cache=False` analyses everything again and uses no store. `params` are the
    settings (default :class:`Params`: 7 summary sentences, no word cap, no worker
    processes); `progress(stage, done, total)` is called as work advances.
    """
    from newsfuse.app import Newsroom  # the layer above this module

    params = params if params is not None else Params()
    with Newsroom(db, cache=use_cache, models=models, workers=params.annotate.workers) as room:
        return room.brief(articles, params.fuse, problems=problems or [], progress=progress)
