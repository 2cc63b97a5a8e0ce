"""`newsfuse export`: every placed article with its event and story, as JSONL or CSV."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from newsfuse.cli.app import app
from newsfuse.cli.report import Reporter
from newsfuse.cli.stories import DbOption
from newsfuse.errors import Errors

FIELDS = ("article_id", "event_id", "story_id", "seq", "published", "outlet", "title")


@app.command()
def export(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write. Default: stdout.")
    ] = None,
    format: Annotated[  # noqa: A002  (the option is --format)
        Literal["jsonl", "csv"], typer.Option("--format", "-f", help="jsonl (one object per line) or csv.")
    ] = "jsonl",
    db: DbOption = None,
) -> None:
    """Write article -> event -> story assignments, one row per placed article in stream order:
    article_id, event_id, story_id, seq (position in the stream), published, outlet, title.

    Exit codes: 0 written (an empty store writes no rows, CSV keeps its header); 4 no store
    at --db, or the output file cannot be written.
    """
    from newsfuse.app import Newsroom

    with Reporter().failures():
        with Newsroom(db, create=False) as room:
            rows = [dataclasses.asdict(row) for row in room.assignments()]
        try:
            handle = sys.stdout if out is None else out.open("w", encoding="utf-8", newline="")
        except OSError as error:
            raise Errors.E014.error(path=out, detail=error.strerror) from None
        try:
            if format == "csv":
                writer = csv.DictWriter(handle, fieldnames=FIELDS)
                writer.writeheader()
                writer.writerows(rows)
            else:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if out is not None:
                handle.close()
