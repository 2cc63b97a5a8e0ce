"""Command-line interface: `newsfuse brief | ingest | stories | serve`.

Each command lives in its own module and registers itself on `app`.
"""

from newsfuse.cli import brief as _brief  # noqa: F401  (registers `brief`)
from newsfuse.cli.app import app

__all__ = ["app"]
