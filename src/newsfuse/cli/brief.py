"""`newsfuse brief`: a story's articles in, a sourced briefing out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.report import Reporter, exit_code
from newsfuse.errors import EXIT_NO_INPUT, NewsfuseError


@app.command()
def brief(
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="Article files, folders or glob patterns (.txt, .md, .html, .json, .jsonl)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for briefing.json, .md and .html.")] = Path(
        "briefing"
    ),
    story: Annotated[
        str | None, typer.Option("--story", help="Brief a story from the store (see `newsfuse stories`).")
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite store and cache. Default: $NEWSFUSE_DB or ~/.cache/newsfuse/newsfuse.db."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Analyse everything again; use no store.")] = False,
    summary_sentences: Annotated[
        int, typer.Option("--summary-sentences", min=1, max=30, help="Sentences in the summary.")
    ] = 7,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", min=10, help="Cap the summary at about this many words.")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Processes for analysing new articles: 1 = none besides this "
                          "one, 0 = one per core (up to 4). Pays off with many cores and hundreds of new articles.")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    json_logs: Annotated[bool, typer.Option("--json-logs", help="Log one JSON object per line on stderr.")] = False,
) -> None:
    """Brief one story: write briefing.json, briefing.md and briefing.html to OUT.

    Exit codes: 0 all input used; 3 some input items were bad (each reported on
    one line) but a briefing was written; 4 no usable article at all.
    """
    from newsfuse.pipeline import brief_articles
    from newsfuse.render import write_outputs

    reporter = Reporter(quiet=quiet, json_logs=json_logs)
    if not articles and not story:
        reporter.error("E010", "give article paths or --story ID (see `newsfuse brief --help`)")
        raise typer.Exit(EXIT_NO_INPUT)
    try:
        loaded, problems = _load(articles or [], story, db, reporter)
        for problem in problems:
            reporter.problem(problem)
        if not loaded:
            reporter.error("E011", "no usable article in the input; nothing to brief")
            raise typer.Exit(EXIT_NO_INPUT)
        with reporter.progress() as progress:
            result = brief_articles(
                loaded, problems=problems, db=db, use_cache=not no_cache,
                summary_sentences=summary_sentences, summary_words=summary_words, progress=progress,
                workers=workers,
            )
        for note in result.problems[len(problems):]:  # ids renamed in the store
            reporter.problem(note)
        written = write_outputs(result.briefing, out)
    except NewsfuseError as error:
        reporter.error(error.code, error.message)
        raise typer.Exit(EXIT_NO_INPUT) from None
    reporter.done(
        f"briefed {len(loaded)} articles ({result.stats.analysed} analysed, {result.stats.cached} from cache)",
        outputs={name: str(path) for name, path in written.items()},
    )
    raise typer.Exit(exit_code(result.problems))


def _load(paths: list[str], story: str | None, db: Path | None, reporter: Reporter):
    from newsfuse.ingest import load

    loaded = load(paths) if paths else None
    articles = list(loaded.articles) if loaded else []
    problems = list(loaded.problems) if loaded else []
    if story:
        from newsfuse.store import Store
        from newsfuse.store.stories import story_articles

        with Store(db) as store:
            found = story_articles(store, story)
        if not found:
            raise NewsfuseError("E012", f"no story '{story}' in the store; list them with `newsfuse stories`")
        articles.extend(found)
    return articles, problems
