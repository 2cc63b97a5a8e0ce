"""newsfuse: many news articles about one event in, one sourced briefing out."""

__version__ = "0.1.0"


def brief(paths, **options):
    """Brief the articles at `paths` (files, folders or globs) and return the `Briefing`.

    Bad input items do not raise: they are listed in `Briefing.problems`.
    Options are those of :func:`newsfuse.pipeline.brief_articles` (`db`, `use_cache`,
    `params` (a :class:`newsfuse.params.Params`), `models`, `progress`).
    """
    from newsfuse.pipeline import brief as run

    return run(paths, **options).briefing
