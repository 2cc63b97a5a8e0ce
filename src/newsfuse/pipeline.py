"""The main job end to end: paths -> articles -> annotations -> briefing.

`brief()` wires the stages together; each stage lives in its own folder and
knows nothing of the others. The store (a cache here) and the renderers sit
at the edges: `build_briefing()` is pure given articles and annotations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from newsfuse import __version__
from newsfuse.annotate.budget import partly_analysed
from newsfuse.annotate.nlp import Models
from newsfuse.annotate.parallel import annotate_in_workers, worker_count
from newsfuse.fuse.conflicts import find_conflicts
from newsfuse.fuse.entities import group_entities
from newsfuse.fuse.facts import find_facts
from newsfuse.fuse.headline import headline
from newsfuse.fuse.numbers import collect_numbers
from newsfuse.fuse.provenance import Provenance, trace_provenance
from newsfuse.fuse.quotes import merge_quotes
from newsfuse.fuse.relations import extract_relations
from newsfuse.fuse.summary import summarize
from newsfuse.fuse.timeline import build_timeline
from newsfuse.identity import renamed_problem
from newsfuse.ingest import load
from newsfuse.models import MAX_ARTICLE_CHARS, Annotations, Article, ArticleOut, Briefing, Problem, Story
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
    """Fuse a story's annotated articles into a :class:`Briefing` (no I/O)."""
    story = Story(articles, annotations)
    provenance = trace_provenance(story)
    story.origins = dict(provenance.origins)
    entities = group_entities(story)
    facts = find_facts(story)
    return Briefing(
        newsfuse_version=__version__,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        title=headline(articles),
        articles=[_article_out(article, provenance) for article in articles],
        entities=entities,
        quotes=merge_quotes(story, entities),
        numbers=collect_numbers(story),
        conflicts=find_conflicts(story),
        timeline=build_timeline(story),
        facts=facts,
        relations=extract_relations(story, entities),
        provenance=provenance.edges,
        summary=summarize(story, facts, max_sentences=summary_sentences, max_words=summary_words),
        problems=list(problems),
    )


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
    summary_sentences: int = 7,
    summary_words: int | None = None,
    models: Models | None = None,
    progress: Progress = _no_progress,
    workers: int = 1,
) -> BriefResult:
    """Brief articles already loaded (e.g. one story from the store).

    `db` is the SQLite cache (default: :func:`newsfuse.store.default_db_path`);
    `use_cache=False` runs without any store. `summary_sentences` and
    `summary_words` size the summary; `progress(stage, done, total)` is
    called as work advances; `workers` is passed to :func:`analyse`.
    """
    stats = AnalysisStats()
    problems = list(problems or []) + [partly_analysed(a) for a in articles if len(a.text) > MAX_ARTICLE_CHARS]
    store = Store(db) if use_cache else None
    try:
        if store:
            articles, renames = _store_articles(store, articles)
            problems.extend(renames)
        annotations = analyse(articles, store=store, models=models, progress=progress, stats=stats,
                              workers=workers)
    finally:
        if store:
            store.close()
    progress("fuse", 0, 1)
    briefing = build_briefing(
        articles, annotations, problems=problems,
        summary_sentences=summary_sentences, summary_words=summary_words,
    )
    progress("fuse", 1, 1)
    return BriefResult(briefing=briefing, problems=problems, stats=stats)


def _store_articles(store: Store, articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """`articles` as stored (an id taken by another text is replaced by a derived one) and a note per rename."""
    stored = [store.put_article(article) for article in articles]
    renames = [renamed_problem(asked, given) for asked, given in zip(articles, stored) if asked.id != given.id]
    return stored, renames


def _article_out(article: Article, provenance: Provenance) -> ArticleOut:
    flags = list(article.flags) + list(provenance.flags.get(article.id, []))
    cites = provenance.cites.get(article.id) or [credit.outlet for credit in article.credits]
    return ArticleOut(
        id=article.id,
        path=article.path,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        url=article.url,
        language=article.language,
        text=article.text,
        words=article.words,
        cites=list(dict.fromkeys(cites)),
        flags=list(dict.fromkeys(flag.name for flag in flags)),
        flag_details=flags,
        origin=provenance.origins.get(article.id),
    )
