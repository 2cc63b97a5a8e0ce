"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="newsfuse",
    help=(
        "Turn many news articles about one event into one sourced briefing: what is known, "
        "who said what, where sources disagree, who copied whom, and a cited summary."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Brief a story from article files (`brief`), or keep a store of stories from feeds
    (`ingest`, `stories`) and browse it (`serve`)."""
