"""The main job end to end: paths -> articles -> annotations -> briefing.

`brief()` wires the stages together; each stage lives in its own folder and
knows nothing of the others. The store (a cache here) and the renderers sit
at the edges: `build_briefing()` is pure given articles and annotations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.annotate.nlp import Models
from newsfuse.annotate.parallel import annotate_in_workers, worker_count
from newsfuse.fuse import fuse_story
from newsfuse.ingest import load
from newsfuse.models import Annotations, Article, Briefing, Problem
from newsfuse.params import FuseParams, Params
from newsfuse.store import Store

# progress(stage, done, total): called as work advances, for progress bars.
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


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
    progress: Progress = _no_progress,
    stats: AnalysisStats | None = None,
    workers: int = 1,
) -> dict[str, Annotations]:
    """Annotations for every article, from the store's cache where the text is known.

    Returns a dict article id -> Annotations. New annotations are written to
    `store` when one is given. `workers`: processes for the new articles
    (1 = this process only, 0 = one per core; see
    :func:`newsfuse.annotate.parallel.worker_count`).
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
        for annotations in annotate_in_workers(missing, worker_count(len(missing), workers), models):
            result[annotations.article] = annotations
            if store:
                store.put_annotations(annotations)
            stats.analysed += 1
            progress("analyse", len(result), len(articles))
    return result


def build_briefing(
    articles: list[Article],
    annotations: dict[str, Annotations],
    *,
    problems: Iterable[Problem] = (),
    summary_sentences: int = 7,
    summary_words: int | None = None,
) -> Briefing:
    """Fuse a story's annotated articles into a :class:`Briefing` (no I/O); see :func:`fuse_story`."""
    return fuse_story(articles, annotations,
                      FuseParams(summary_sentences=summary_sentences, summary_words=summary_words),
                      problems=problems)


def brief(paths: Iterable[str | Path], **options) -> BriefResult:
    """Brief the articles found at `paths` (files, folders, globs).

    `options` are those of :func:`brief_articles`. Input problems are
    returned in `BriefResult.problems`, never raised.
    """
    loaded = load([str(path) for path in paths])
    return brief_articles(loaded.articles, problems=loaded.problems, **options)


def brief_articles(
    articles: list[Article],
    *,
    problems: list[Problem] | None = None,
    db: str | Path | None = None,
    use_cache: bool = True,
    params: Params | None = None,
    models: Models | None = None,
    progress: Progress = _no_progress,
) -> BriefResult:
    """Brief articles already loaded (e.g. one story from the store).

    `db` is the SQLite cache (default: :func:`newsfuse.store.default_db_path`);
    `use_cache=False` runs without any store. `params` are the settings
    (default :class:`Params`: 7 summary sentences, no word cap, no worker
    processes); `progress(stage, done, total)` is called as work advances.
    """
    params = params if params is not None else Params()
    stats = AnalysisStats()
    store = Store(db) if use_cache else None
    try:
        if store:
            for article in articles:
                store.put_article(article)
        annotations = analyse(articles, store=store, models=models, progress=progress, stats=stats,
                              workers=params.annotate.workers)
    finally:
        if store:
            store.close()
    progress("fuse", 0, 1)
    briefing = fuse_story(articles, annotations, params.fuse, problems=problems or [])
    progress("fuse", 1, 1)
    return BriefResult(briefing=briefing, problems=list(problems or []), stats=stats)
