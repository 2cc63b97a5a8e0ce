"""Store stage: the embedded SQLite database (articles, annotation cache, stories)."""

from newsfuse.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
