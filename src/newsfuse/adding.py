"""What :meth:`newsfuse.app.Newsroom.add` does with its input: read the sources, store the new articles.

A stored article is never replaced: an id holding another text makes the new
one take its text-derived id (W010, see :mod:`newsfuse.identity`); a text
stored under an unrelated id is not added again (W009).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import Warnings
from newsfuse.identity import derived_id, renamed_problem
from newsfuse.ingest import DEFAULT_MAX_BYTES, IngestResult, Upload, load, load_uploads
from newsfuse.models import Article, Problem
from newsfuse.store import Store
from newsfuse.store.stories import PlacementRun

Source = str | Path | Upload  # a path (file, folder, glob) or bytes with the client's name


@dataclass
class Added:
    """What :meth:`Newsroom.add` did: the new articles stored, where they went, the inputs refused."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    placements: PlacementRun = field(default_factory=PlacementRun)
    read: int = 0  # articles read from the input, new or not
    twins: dict[str, str] = field(default_factory=dict)  # input id -> the stored article with its text, when they differ
    stories: list[str] = field(default_factory=list)  # the live stories the placed articles are in, each once


def load_sources(sources: Iterable[Source], *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Articles and input problems from paths and uploads (see :func:`newsfuse.ingest.load`).

    `max_bytes`: larger files and uploads are refused (W004).
    """
    sources = list(sources)
    uploads = [source for source in sources if isinstance(source, Upload)]
    paths = [str(source) for source in sources if not isinstance(source, Upload)]
    from_paths = load(paths, max_bytes=max_bytes) if paths else IngestResult()
    from_uploads = load_uploads(uploads, max_bytes=max_bytes) if uploads else IngestResult()
    return IngestResult(articles=from_paths.articles + from_uploads.articles,
                        problems=from_paths.problems + from_uploads.problems)


def store_new(store: Store, articles: list[Article], added: Added) -> list[Article]:
    """Put the articles that are new in `store`; return them as stored.

    Renamed and refused inputs are noted in `added` (its `twins` and `problems`).
    """
    new = []
    for article in articles:
        other = store.article_id_for_hash(article.content_hash)
        if other is not None:  # already stored: it keeps its story
            if other != article.id:
                added.twins[article.id] = other
            if other not in (article.id, derived_id(article.id, article.content_hash)):
                added.problems.append(Warnings.W009.problem(
                    article.path or article.id, f"same text as stored article '{other}'; not added again"))
            continue
        stored = store.put_article(article)
        if stored.id != article.id:
            added.twins[article.id] = stored.id
            added.problems.append(renamed_problem(article, stored))
        new.append(stored)
    return new
