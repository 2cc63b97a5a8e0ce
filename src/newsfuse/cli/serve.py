"""`newsfuse serve`: the newsroom web app over the store."""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from newsfuse.cli.app import app
from newsfuse.cli.report import Reporter
from newsfuse.errors import Errors
from newsfuse.store.backends import shown_location

SHUTDOWN_SECONDS = 3  # open requests get this long to finish after Ctrl+C or SIGTERM
BACKLOG = 2048  # uvicorn's own default


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store (the one `newsfuse ingest` fills): an SQLite file, or a postgresql:// URL. "
                                  "Default: $NEWSFUSE_DB or ~/.cache/newsfuse/newsfuse.db."),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on. The default serves this computer only; "
                                         "give 0.0.0.0 to open the app to your network on purpose.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Open the newsroom web app: stories, briefings, articles, uploads and a JSON API (/docs).

    Exit codes: 0 stopped with Ctrl+C or SIGTERM; 4 a coded error (the store cannot be
    opened, the port is taken).
    """
    import uvicorn

    from newsfuse.web.app import LOOPBACK_HOSTS, create_app

    reporter = Reporter()
    # Bound to IPv4 loopback, only loopback Host names are answered, so a web page cannot point a
    # name of its own at the app (DNS rebinding). Starlette's host check cannot parse IPv6 hosts.
    allowed = sorted({host, *LOOPBACK_HOSTS}) if is_loopback(host) and ":" not in host else None
    with reporter.failures():
        web_app = create_app(db, allowed_hosts=allowed)
        listening = listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    store = shown_location(web_app.state.newsfuse.db)
    typer.echo(f"newsfuse web app on http://{shown}:{port}/ (store: {store}); Ctrl+C stops it", err=True)
    config = uvicorn.Config(web_app, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_SECONDS)
    uvicorn.Server(config).run(sockets=[listening])


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host`:`port`, or E050 when the address is taken or cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=BACKLOG)
    except OSError as error:
        raise Errors.E050.error(host=host, port=port, detail=error.strerror or error) from None
