"""newsfuse: many news articles about one event in, one sourced briefing out."""

from __future__ import annotations

__version__ = "0.1.0"


def brief(
    paths,
    *,
    db=None,
    use_cache: bool = True,
    summary_sentences: int = 7,
    summary_words: int | None = None,
    models=None,
    progress=None,
    workers: int = 1,
):
    """Brief the articles at `paths` (files, folders or globs) and return the `Briefing`.

    Bad input items do not raise: they are listed in `Briefing.problems`.
    `db`: the SQLite store and cache (default $NEWSFUSE_DB or ~/.cache/newsfuse/newsfuse.db);
    `use_cache=False` analyses everything again and uses no store; `summary_sentences`
    and `summary_words` size the summary; `models`: loaded NLP models to reuse;
    `progress(stage, done, total)` is called as work advances; `workers`: processes
    for analysing new articles (1 = none besides this one, 0 = one per core).
    For stores of stories, uploads and background work, use :class:`newsfuse.app.Newsroom`.
    """
    from newsfuse.ingest import load
    from newsfuse.jobs import no_progress
    from newsfuse.pipeline import brief_articles

    loaded = load([str(path) for path in paths])
    return brief_articles(loaded.articles, problems=loaded.problems, db=db, use_cache=use_cache,
                          summary_sentences=summary_sentences, summary_words=summary_words, models=models,
                          progress=progress or no_progress, workers=workers).briefing
