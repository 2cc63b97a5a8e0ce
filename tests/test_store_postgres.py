"""The store's two backends give the same answers: briefings identical from SQLite and from
Postgres, and concurrent writer processes lose nothing on either."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import PROJECT, SAMPLE_STORY

from newsfuse.app import Newsroom
from newsfuse.store import Store

INGEST = "import sys; from newsfuse.cli import app; sys.argv[0] = 'newsfuse'; app()"


def _briefings(db: str, folder, models) -> tuple[list, dict[str, dict]]:
    """The stories of `folder` ingested into `db`, and each story's briefing (JSON, without its time)."""
    with Newsroom(db, models=models) as room:
        room.add([folder])
        stories = room.stories()
        briefed = {story.id: _without_time(room.brief_story(story.id).briefing) for story in stories}
    with Newsroom(db, models=models) as room:  # another process: briefings read back from the store
        again = {story.id: _without_time(room.brief_story(story.id).briefing) for story in stories}
        assert again == briefed
        with room.store().conn as conn:
            conn.execute("DELETE FROM briefings")
    with Newsroom(db, models=models) as room:  # and made again from the stored annotations and vectors
        assert {story.id: _without_time(room.brief_story(story.id).briefing) for story in stories} == briefed
    return stories, briefed


def _without_time(briefing) -> dict:
    data = briefing.to_json_dict()
    data.pop("generated_at")
    return data


@pytest.mark.parametrize("story", ["sample", "kabul"])
def test_briefings_are_identical_from_sqlite_and_postgres(story, tmp_path, postgres_url, models, request):
    folder = SAMPLE_STORY if story == "sample" else request.getfixturevalue("kabul_dir")
    on_sqlite = _briefings(str(tmp_path / "s.db"), folder, models)
    on_postgres = _briefings(postgres_url, folder, models)
    assert on_postgres == on_sqlite
    assert on_sqlite[1]  # at least one story briefed


def _feed(folder, names: range) -> None:
    folder.mkdir()
    for number in names:
        (folder / f"a{number:03d}.txt").write_text(
            f"Wire {number % 7}\nReport {number}: storm hits town {number % 5}\n\n"
            f"Storm number {number} hit the town of Kessel {number % 5} on Monday, officials said. "
            f"Crews counted {number * 3} damaged homes.\n")


def test_two_processes_ingesting_at_once_lose_nothing(store_url, tmp_path):
    _feed(tmp_path / "one", range(0, 40))
    _feed(tmp_path / "two", range(25, 65))  # 15 articles in both feeds
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    runs = [subprocess.Popen([sys.executable, "-c", INGEST, "ingest", str(tmp_path / feed), "--db", store_url, "-q"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for feed in ("one", "two")]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors
    with Store(store_url) as store:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY id")]
        assert ids == [f"a{number:03d}" for number in range(65)]
        placed = store.conn.execute("SELECT article_id, seq, event_id, story_id FROM story_articles").fetchall()
        assert sorted(row[0] for row in placed) == ids  # each article placed once
        assert sorted(row[1] for row in placed) == list(range(1, 66))  # one stream, no gap, no repeat
        live_events = {row[0] for row in store.conn.execute("SELECT id FROM events WHERE merged_into IS NULL")}
        live_stories = {row[0] for row in store.conn.execute("SELECT id FROM stories WHERE merged_into IS NULL")}
        assert {row[2] for row in placed} <= live_events and {row[3] for row in placed} <= live_stories


def test_the_cli_takes_a_postgres_url_and_an_unreachable_server_is_one_coded_line(postgres_url):
    import json

    from typer.testing import CliRunner

    from newsfuse.cli import app

    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(SAMPLE_STORY), "--db", postgres_url, "-q"])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(app, ["stories", "--db", postgres_url, "--json"])
    assert listed.exit_code == 0 and sum(story["size"] for story in json.loads(listed.stdout)) == 6
    refused = runner.invoke(app, ["stories", "--db", "postgresql://news:s3cret@127.0.0.1:1/news?connect_timeout=2"])
    assert refused.exit_code == 4
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "[E047]" in lines[0] and "s3cret" not in lines[0]


def test_the_web_app_lists_and_searches_a_postgres_store_as_an_sqlite_one(tmp_path, postgres_url, models):
    from fastapi.testclient import TestClient

    from newsfuse.web.app import create_app

    answers = []
    for db in (str(tmp_path / "web.db"), postgres_url):
        client = TestClient(create_app(db, models=models, wait_seconds=600))
        files = [("files", (path.name, path.read_bytes())) for path in sorted(SAMPLE_STORY.iterdir())]
        assert client.post("/api/articles", files=files).status_code == 200
        found = client.get("/api/stories", params={"q": "corrosion"}).json()["stories"]
        answers.append((client.get("/api/stories").json(), [story["id"] for story in found]))
        assert "<mark>corrosion</mark>" in client.get("/", params={"q": "corrosion"}).text.lower()
    assert answers[0] == answers[1] and answers[0][1]
