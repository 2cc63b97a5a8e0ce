"""`newsfuse config`: the settings in effect, as a newsfuse.toml; the `--config` option other commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.report import Reporter
from newsfuse.errors import EXIT_NO_INPUT, NewsfuseError

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (a newsfuse.toml with annotate, fuse and cluster tables); keys it "
                                   "leaves out keep their defaults. Print the settings with `newsfuse config`."),
]


@app.command()
def config(config: ConfigOption = None) -> None:
    """Print the settings in effect (the defaults, or those of --config) as a newsfuse.toml to edit.

    Exit code 4 when the file cannot be read or holds an unknown key or a bad value.
    """
    from newsfuse.params import load_params

    try:
        params = load_params(config)
    except NewsfuseError as error:
        Reporter().error(error.code, error.message)
        raise typer.Exit(EXIT_NO_INPUT) from None
    typer.echo(params.to_toml(), nl=False)
