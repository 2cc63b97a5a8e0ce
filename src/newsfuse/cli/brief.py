"""`newsfuse brief`: a story's articles in, a sourced briefing out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.config import ConfigOption
from newsfuse.cli.report import Reporter, exit_code
from newsfuse.errors import Errors, Warnings
from newsfuse.params import Params, load_params


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
    event: Annotated[
        str | None, typer.Option("--event", help="Brief one event of a story from the store (see `newsfuse stories`).")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store and cache: an SQLite file, or a postgresql:// URL. Default: $NEWSFUSE_DB "
                                  "or ~/.cache/newsfuse/newsfuse.db."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Analyse everything again; use no store.")] = False,
    summary_sentences: Annotated[
        int | None, typer.Option("--summary-sentences", min=1, max=30,
                                 help="Sentences in the summary. Default: fuse.summary_sentences of --config, or 7.")
    ] = None,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", min=10, help="Cap the summary at about this many words. "
                                 "Default: fuse.summary_words of --config, or 120 (a phone screen).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=0, help="Processes for analysing new articles: 1 = none besides "
                                 "this one, 0 = one per core (up to 4). Pays off with many cores and hundreds of new "
                                 "articles. Default: annotate.workers of --config, or 1.")
    ] = None,
    config: ConfigOption = None,
    split: Annotated[
        bool, typer.Option("--split", help="When the articles tell several events, also brief each event into "
                           "its own subfolder of OUT (event-1, event-2, ...; largest first).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    json_logs: Annotated[bool, typer.Option("--json-logs", help="Log one JSON object per line on stderr.")] = False,
) -> None:
    """Brief one story: write briefing.json, briefing.md and briefing.html to OUT.

    When the articles tell more than one event (the story clusterer's groups),
    a warning says so and the briefing lists them under `events`; `--split`
    also briefs each event into OUT/event-N.

    Exit codes: 0 all input used; 2 no input given; 3 some input items were bad (each
    reported on one line) but a briefing was written; 4 no usable article at all, or
    another coded error (the store, the output folder).
    """
    from newsfuse.app import Newsroom, story_key

    reporter = Reporter(quiet=quiet, json_logs=json_logs)
    with reporter.failures():
        if not articles and not story and not event:
            raise Errors.E010.error(command="brief")
        params = _params(config, summary_sentences=summary_sentences, summary_words=summary_words, workers=workers)
        with Newsroom(db, cache=not no_cache, create=not (story or event), workers=params.annotate.workers) as room:
            loaded = room.load(articles or [])
            found = list(loaded.articles) + (room.story_articles(story) if story else [])
            if event:
                known = {article.id for article in found}
                found += [article for article in room.event_articles(event) if article.id not in known]
            for problem in loaded.problems:
                reporter.problem(problem)
            if not found:
                raise Errors.E011.error(action="brief")
            key = story_key(story, params.fuse) if story and not (articles or event) else None
            with reporter.progress() as progress:
                result = room.brief(found, params.fuse, problems=loaded.problems, progress=progress, key=key)
                told = result.briefing.events
                by_event = [room.brief([article for article in found if article.id in set(group.articles)],
                                       params.fuse, problems=loaded.problems, progress=progress)
                            for group in (told if split else [])]
            for note in result.problems[len(loaded.problems):]:  # articles too long to be analysed whole
                reporter.problem(note)
            written = room.export(result.briefing, out)
            if told:
                reporter.warning(Warnings.W020.code, f"the articles tell {len(told)} different events, so the "
                                 "summary mixes them; " + ("each event is briefed in OUT/event-N" if split else
                                                           "rerun with --split to brief each event on its own"))
            for number, briefed in enumerate(by_event, start=1):
                for name, path in room.export(briefed.briefing, out / f"event-{number}").items():
                    written[f"event-{number}/{name}"] = path
    reporter.done(
        f"briefed {len(found)} articles ({result.stats.analysed} analysed, {result.stats.cached} from cache)",
        outputs={name: str(path) for name, path in written.items()},
    )
    raise typer.Exit(exit_code(result.problems))


def _params(config: Path | None, *, summary_sentences: int | None, summary_words: int | None,
            workers: int | None) -> Params:
    """The settings of `config` (or the defaults), with the options given on the command line instead."""
    params = load_params(config)
    fuse = {"summary_sentences": summary_sentences, "summary_words": summary_words}
    return replace(params,
                   fuse=replace(params.fuse, **{key: value for key, value in fuse.items() if value is not None}),
                   annotate=replace(params.annotate, workers=params.annotate.workers if workers is None else workers))

