"""newsfuse: many news articles about one event in, one sourced briefing out."""

__version__ = "0.1.0"


def brief(paths, **options):
    """Brief the articles at `paths` (files, folders or globs); returns a `Briefing`.

    See :func:`newsfuse.pipeline.brief` for the options.
    """
    from newsfuse.pipeline import brief as run

    return run(paths, **options)
