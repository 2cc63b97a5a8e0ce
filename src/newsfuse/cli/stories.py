"""`newsfuse ingest` (articles into the store, each placed in a story) and `newsfuse stories`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.report import Reporter, exit_code
from newsfuse.errors import EXIT_NO_INPUT, NewsfuseError
from newsfuse.identity import derived_id, renamed_problem
from newsfuse.models import Article, Problem

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite store. Default: $NEWSFUSE_DB or ~/.cache/newsfuse/newsfuse.db."),
]


@app.command()
def ingest(
    feeds: Annotated[
        list[str],
        typer.Argument(help="Article files, folders, JSONL feeds or glob patterns (.txt, .md, .html, .json, .jsonl)."),
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    json_logs: Annotated[bool, typer.Option("--json-logs", help="Log one JSON object per line on stderr.")] = False,
) -> None:
    """Add articles to the store and place each new one in a story (an event), creating
    stories as new events appear. Articles already in the store keep their story; new
    ones are placed in order of publication date (undated ones first, in input order).

    Exit codes: 0 all input used; 3 some input items were bad (each reported on
    one line); 4 no usable article at all.
    """
    from newsfuse.ingest import load
    from newsfuse.store import Store
    from newsfuse.store.stories import place_new_articles

    reporter = Reporter(quiet=quiet, json_logs=json_logs)
    loaded = load(feeds)
    problems = list(loaded.problems)
    if not loaded.articles:
        _report_problems(reporter, problems)
        reporter.error("E013", "no usable article in the input; nothing to ingest")
        raise typer.Exit(EXIT_NO_INPUT)
    try:
        with Store(db) as store:
            accepted = sorted(_store_articles(store, loaded.articles, problems), key=lambda a: a.published or "")
            with reporter.progress() as progress:
                run = place_new_articles(store, accepted, progress=progress)
    except NewsfuseError as error:
        reporter.error(error.code, error.message)
        raise typer.Exit(EXIT_NO_INPUT) from None
    _report_problems(reporter, problems)
    joined = len(run.placements) - run.new_stories
    reporter.done(
        f"{len(run.placements)} new articles placed: {joined} joined a story, "
        f"{run.new_stories} started one, {len(run.merges)} merges; "
        f"{len(loaded.articles) - len(run.placements)} already in the store or skipped",
    )
    raise typer.Exit(exit_code(problems))


@app.command()
def stories(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print plain JSON (a list of stories) to stdout.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show only the N largest stories.")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="Also list stories merged into another.")] = False,
) -> None:
    """List the stories in the store, largest first: id, size, outlets, first/last seen, title.

    Brief one with `newsfuse brief --story ID`.
    """
    from newsfuse.store import Store
    from newsfuse.store.stories import list_stories, summaries_json

    with Store(db) as store:
        found = list_stories(store, include_merged=merged)[:limit]
    if as_json:
        typer.echo(summaries_json(found))
        return
    _print_table(found)


def _store_articles(store, articles: list[Article], problems: list[Problem]) -> list[Article]:
    """Put `articles` in the store and return them as stored.

    A text already stored under another id becomes a W009 problem; an id that
    names another stored text is replaced by the text-derived one (W010).
    """
    accepted = []
    for article in articles:
        other = store.article_id_for_hash(article.content_hash) if article.content_hash else None
        if other is not None and other not in (article.id, derived_id(article.id, article.content_hash)):
            problems.append(Problem(
                path=article.path or article.id, code="W009",
                message=f"same text as stored article '{other}'; not added again",
            ))
            continue
        stored = store.put_article(article)
        if stored.id != article.id:
            problems.append(renamed_problem(article, stored))
        accepted.append(stored)
    return accepted


def _report_problems(reporter: Reporter, problems: list[Problem]) -> None:
    for problem in problems:
        reporter.problem(problem)


def _print_table(found) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(found)} stories", show_lines=False)
    for column, justify in (("id", "right"), ("articles", "right"), ("outlets", "left"),
                            ("first seen", "left"), ("last seen", "left"), ("title", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for story in found:
        outlets = ", ".join(story.outlets[:4]) + (f" +{len(story.outlets) - 4}" if len(story.outlets) > 4 else "")
        table.add_row(story.id, str(story.size), escape(outlets), story.first_seen or "",
                      story.last_seen or "", escape(story.title or ""))
    Console(highlight=False, soft_wrap=False).print(table)
