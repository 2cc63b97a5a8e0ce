"""`newsfuse ingest` (articles into the store, each placed in a story) and `newsfuse stories`."""

from __future__ import annotations

from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.config import ConfigOption
from newsfuse.cli.report import Reporter, exit_code
from newsfuse.errors import Errors

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: an SQLite file, or a postgresql:// URL. Default: $NEWSFUSE_DB or "
                              "~/.cache/newsfuse/newsfuse.db."),
]


@app.command()
def ingest(
    feeds: Annotated[
        list[str],
        typer.Argument(help="Article files, folders, JSONL feeds or glob patterns (.txt, .md, .html, .json, .jsonl)."),
    ],
    db: DbOption = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    json_logs: Annotated[bool, typer.Option("--json-logs", help="Log one JSON object per line on stderr.")] = False,
    annotate: Annotated[bool, typer.Option(
        "--annotate", help="Also analyse the articles now (cached in the store), so the first briefing of "
        "a story only fuses. Costs about 100 times the ingest itself.")] = False,
    workers: Annotated[int, typer.Option(
        "--workers", min=0, help="With --annotate: processes for analysing (1 = this one, 0 = one per core).")] = 1,
    ray_address: Annotated[str | None, typer.Option(
        "--ray", metavar="ADDRESS", help="Run on Ray: the cluster at ADDRESS (host:6379), or 'auto' (the one "
        "on this machine, else a new local one). Annotation on an actor pool, placement on the store's "
        "clusterer actor; same results as one process. Needs newsfuse[ray].")] = None,
    brief: Annotated[bool, typer.Option(
        "--brief", help="Also brief every story that got new articles, cached in the store (with --ray: as "
        "tasks on the actors), so `brief --story` and the web app answer at once: once per story, when it "
        "has been quiet for [brief] quiet_seconds of the --config (at most [brief] max_wait_seconds after "
        "its first new article), and every story still waiting when the ingest ends.")] = False,
) -> None:
    """Add articles to the store and place each new one in an event and a story (an event
    and its follow-ups), creating them as new events and stories appear. Articles already
    in the store keep their place; new ones are placed in order of publication date
    (undated ones first, in input order). The clusterer resumes from its snapshot in the
    store: the time of an ingest does not grow with the archive.

    Exit codes: 0 all input used; 3 some input items were bad (each reported on
    one line); 4 no usable article at all.
    """
    from newsfuse.app import Newsroom
    from newsfuse.params import load_params

    reporter = Reporter(quiet=quiet, json_logs=json_logs)
    with reporter.failures(), Newsroom(db, workers=workers) as room:
        params = load_params(config)
        if ray_address:
            from newsfuse.distributed import connect

            engine = connect(ray_address, room.db)
            room.annotate, room.place, room.brief_task = engine.annotate, engine.place, engine.brief_later
        if brief:
            room.brief_after_adding(params.brief, params.fuse)
        with reporter.progress() as progress:
            added = room.add(feeds, cluster=params.cluster, analyse_texts=annotate, progress=progress)
        room.flush_briefs()
        if ray_address:
            engine.shutdown()
        for problem in added.problems:
            reporter.problem(problem)
        if not added.read:
            raise Errors.E011.error(action="ingest")
    run = added.placements
    joined = len(run.placements) - run.new_stories
    reporter.done(
        f"{len(run.placements)} new articles placed: {joined} joined a story, "
        f"{run.new_stories} started one, {sum(p.new_event for p in run.placements)} started an event, "
        f"{len(run.merges)} story merges; "
        f"{added.read - len(run.placements)} already in the store or skipped",
    )
    raise typer.Exit(exit_code(added.problems))


@app.command()
def stories(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print plain JSON (a list of stories) to stdout.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show only the N largest stories.")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="Also list stories merged into another.")] = False,
) -> None:
    """List the stories in the store, largest first: id, size, outlets, first/last seen, title,
    and under each story its events (id, size, dates, title).

    Brief one with `newsfuse brief --story ID`, one event with `--event ID`;
    `newsfuse export` writes every article's event and story.
    """
    from newsfuse.app import Newsroom
    from newsfuse.store.story_queries import summaries_json

    with Reporter().failures(), Newsroom(db, create=False) as room:
        found = room.stories(include_merged=merged)[:limit]
    if as_json:
        typer.echo(summaries_json(found))
        return
    _print_table(found)


def _print_table(found) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(found)} stories (events indented under their story)", show_lines=False)
    for column, justify in (("id", "right"), ("articles", "right"), ("outlets", "left"),
                            ("first seen", "left"), ("last seen", "left"), ("title", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for story in found:
        outlets = ", ".join(story.outlets[:4]) + (f" +{len(story.outlets) - 4}" if len(story.outlets) > 4 else "")
        table.add_row(f"story {story.id}", str(story.size), escape(outlets), story.first_seen or "",
                      story.last_seen or "", escape(story.title or ""))
        for event in story.events:
            table.add_row(f"event {event.id}", str(event.size), "", event.first_seen or "",
                          event.last_seen or "", escape("  " + (event.title or "")))
    Console(highlight=False, soft_wrap=False).print(table)
