"""Command-line interface: `newsfuse brief | ingest | stories | export | serve | config`.

Each command lives in its own module and registers itself on `app`.
"""

from newsfuse.cli import brief, config, export, serve, stories  # noqa: F401  (each registers its commands)
from newsfuse.cli.app import app

__all__ = ["app"]
