"""What commands print: one line per bad input item, progress, a closing line.

Human output goes to stderr through Rich (so stdout stays clean for JSON);
`--json-logs` prints one JSON object per line instead, for scripts.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.errors import EXIT_OK, EXIT_PARTIAL, NewsfuseError
from newsfuse.models import Problem


def exit_code(problems: Sequence[Problem]) -> int:
    """0 when every input item was used, 3 when some were bad (the rest processed)."""
    return EXIT_PARTIAL if problems else EXIT_OK


class Reporter:
    """Prints problems, errors, progress and the final line of a command."""

    def __init__(self, quiet: bool = False, json_logs: bool = False):
        self.quiet = quiet
        self.json_logs = json_logs
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)

    def _log(self, level: str, **fields) -> None:
        record = {"time": round(time.time(), 3), "level": level, **fields}
        print(json.dumps(record, ensure_ascii=False), file=sys.stderr, flush=True)

    def problem(self, problem: Problem) -> None:
        """One line for one bad input item (shown even with --quiet)."""
        if self.json_logs:
            self._log("warning", code=problem.code, path=problem.path, message=problem.message)
        else:
            self.console.print(f"[yellow]skipped[/] {escape(problem.path)}: {escape(problem.message)} [{problem.code}]")

    def warning(self, code: str, message: str) -> None:
        """One line about the output as a whole (shown even with --quiet)."""
        if self.json_logs:
            self._log("warning", code=code, message=message)
        else:
            self.console.print(f"[yellow]warning[/] {escape(message)} [{code}]")

    def error(self, code: str, message: str) -> None:
        if self.json_logs:
            self._log("error", code=code, message=message)
        else:
            self.console.print(f"[red]error[/] {escape(message)} [{code}]")

    @contextmanager
    def failures(self) -> Iterator[None]:
        """Report a coded error raised inside as one `[Ennn]` line and exit with its exit code."""
        try:
            yield
        except NewsfuseError as error:
            self.error(error.code, error.message)
            raise typer.Exit(error.exit_code) from None

    def done(self, message: str, **fields) -> None:
        if self.json_logs:
            self._log("info", message=message, **fields)
        elif not self.quiet:
            self.console.print(f"[green]done[/] {escape(message)}")
            for name, value in fields.get("outputs", {}).items():
                self.console.print(f"  {escape(name)}: {escape(value)}")

    @contextmanager
    def progress(self) -> Iterator:
        """A `progress(stage, done, total)` callback; a Rich bar on a terminal, else silent
        (or JSON lines with --json-logs)."""
        if self.json_logs:
            yield lambda stage, done, total: self._log("progress", stage=stage, done=done, total=total)
            return
        if self.quiet or not self.console.is_terminal:
            yield lambda stage, done, total: None
            return
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                   TimeElapsedColumn())
        with Progress(*columns, console=self.console, transient=True) as bar:
            tasks: dict[str, int] = {}

            def update(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            yield update
