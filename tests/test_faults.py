"""Fault tests: `kill -9` of a running ingest loses nothing, and a rerun finishes the job."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.store import Store
from newsfuse.store.stories import list_stories

from conftest import PROJECT

ARTICLES = 12
KILL_WAIT_SECONDS = 120  # at most, for the first article to reach the store


def _article(number: int) -> str:
    place = ["Port Veldra", "Kessel", "Marrow Bay", "Ostend Hill"][number % 4]
    return (f"Storm damage in {place} {number}\n\nA storm damaged {number + 3} houses in {place} on Monday, "
            f"officials said. Crews cleared roads and {number + 10} families stayed with relatives.\n")


def _stored_ids(db) -> set[str]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return {row[0] for row in conn.execute("SELECT id FROM articles")}
    except sqlite3.Error:
        return set()


def test_kill_9_during_ingest_then_rerun_loses_nothing(tmp_path, models):
    feed = tmp_path / "feed"
    feed.mkdir()
    for number in range(ARTICLES):
        (feed / f"{number:03d}.txt").write_text(_article(number), encoding="utf-8")
    before = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in feed.iterdir()}
    db = tmp_path / "store.db"
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    child = subprocess.Popen([sys.executable, "-c", "from newsfuse.cli import app; app()", "ingest", str(feed),
                              "--db", str(db), "--quiet"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + KILL_WAIT_SECONDS
    while child.poll() is None and not _stored_ids(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()

    rerun = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db)])
    assert rerun.exit_code == 0, rerun.output
    expected = {f"{number:03d}" for number in range(ARTICLES)}
    assert _stored_ids(db) == expected
    with Store(db) as store:
        assert sum(story.size for story in list_stories(store)) == ARTICLES  # every article placed once
    assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in feed.iterdir()} == before
