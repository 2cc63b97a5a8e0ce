"""newsfuse: many news articles about one event in, one sourced briefing out."""

from __future__ import annotations

__version__ = "0.1.0"


def brief(
    paths,
    *,
    db=None,
    use_cache: bool = True,
    params=None,
    models=None,
    progress=None,
):
    """Brief the articles at `paths` (files, folders or globs) and return the `Briefing`.

    Bad input items do not raise: they are listed in `Briefing.problems`.
    `db`: the store and cache, an SQLite file or a postgresql:// URL (default $NEWSFUSE_DB or ~/.cache/newsfuse/newsfuse.db);
    `use_cache=False` analyses everything again and uses no store; `params`: a
    :class:`newsfuse.params.Params` (summary length, worker processes; default: the
    defaults); `models`: loaded NLP models to reuse; `progress(stage, done, total)` is
    called as work advances.
    For stores of stories, uploads and background work, use :class:`newsfuse.app.Newsroom`.
    """
    from newsfuse.ingest import load
    from newsfuse.jobs import no_progress
    from newsfuse.pipeline import brief_articles

    loaded = load([str(path) for path in paths])
    return brief_articles(loaded.articles, problems=loaded.problems, db=db, use_cache=use_cache, params=params,
                          models=models, progress=progress or no_progress).briefing
