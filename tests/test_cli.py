"""`newsfuse brief` from the command line: outputs, exit codes, bad input, nothing modified."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, NewsfuseError

from conftest import SAMPLE_STORY

runner = CliRunner()


def fingerprint(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def story_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story")
    for path in SAMPLE_STORY.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def bad_items(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "text": "The mayor said the bridge would reopen in May."}\n{not json\n')
    (folder / "nothing-here").mkdir()
    return folder


def test_brief_writes_three_outputs_and_uses_the_cache(story_copy, tmp_path, models):
    before = fingerprint(story_copy)
    db = tmp_path / "cache.db"
    first = runner.invoke(app, ["brief", str(story_copy), "-o", str(tmp_path / "out"), "--db", str(db), "--json-logs"])
    assert first.exit_code == EXIT_OK, first.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))
    assert data["schema"] == "newsfuse.briefing/1"
    assert len(data["articles"]) == 6
    assert (tmp_path / "out" / "briefing.md").read_text("utf-8").strip()
    assert "<html" in (tmp_path / "out" / "briefing.html").read_text("utf-8").lower()
    second = runner.invoke(app, ["brief", str(story_copy), "-o", str(tmp_path / "out2"), "--db", str(db), "--json-logs"])
    assert second.exit_code == EXIT_OK
    assert "6 from cache" in second.output
    assert fingerprint(story_copy) == before


def test_bad_items_are_reported_one_line_each_and_the_rest_is_briefed(bad_items, tmp_path, models):
    before = fingerprint(bad_items)
    result = runner.invoke(app, ["brief", str(bad_items), str(tmp_path / "does-not-exist.txt"),
                                 "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == EXIT_PARTIAL, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) >= 4  # empty, binary, the broken line, the missing path (and the empty folder)
    assert "Traceback" not in result.output
    assert json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))["articles"][0]["id"] == "ok-1"
    assert fingerprint(bad_items) == before


def test_no_usable_article_exits_4(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["brief", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_NO_INPUT
    assert not (tmp_path / "out").exists()


def test_brief_without_arguments_explains_itself(tmp_path):
    result = runner.invoke(app, ["brief"])
    assert result.exit_code == EXIT_USAGE
    assert "give article paths" in result.output and "[E010]" in result.output


# ------------------------------------------------- store and output problems: one coded line, exit 4

TINY = "Tarn Courier\nFerries resume after Tarn eruption\n\nFerries to Tarn island resumed on Wednesday.\n"


@pytest.fixture
def tiny_story(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "a.txt").write_text(TINY, encoding="utf-8")
    return folder


def _coded(result, code: str) -> None:
    assert result.exit_code == EXIT_NO_INPUT, result.output
    assert f"[{code}]" in result.output and "Traceback" not in result.output


def test_stories_of_a_mistyped_store_says_so_and_creates_nothing(tmp_path):
    typo = tmp_path / "newsfsue.db"
    _coded(runner.invoke(app, ["stories", "--db", str(typo)]), "E043")
    assert not typo.exists()


def test_brief_of_a_missing_story_is_coded_and_creates_no_store(tmp_path):
    _coded(runner.invoke(app, ["brief", "--story", "3", "--db", str(tmp_path / "none.db")]), "E043")
    runner.invoke(app, ["ingest", str(SAMPLE_STORY / "01-meridian-press.txt"), "--db", str(tmp_path / "s.db")])
    _coded(runner.invoke(app, ["brief", "--story", "999", "--db", str(tmp_path / "s.db")]), "E012")


def test_a_store_path_that_is_a_folder_is_coded(tmp_path, tiny_story):
    _coded(runner.invoke(app, ["ingest", str(tiny_story), "--db", str(tmp_path)]), "E042")


def test_a_damaged_store_is_coded_and_left_as_it_was(tmp_path, tiny_story):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 100)
    before = junk.read_bytes()
    _coded(runner.invoke(app, ["ingest", str(tiny_story), "--db", str(junk)]), "E041")
    _coded(runner.invoke(app, ["stories", "--db", str(junk)]), "E041")
    assert junk.read_bytes() == before


def test_a_read_only_store_is_coded(tmp_path, tiny_story, monkeypatch):
    import sqlite3

    from newsfuse.store import db as store_db

    path = tmp_path / "ro.db"
    store_db.Store(path).close()
    real_connect = sqlite3.connect
    # What a read-only file gives (chmod alone does not stop root, who may run the tests).
    monkeypatch.setattr(store_db.sqlite3, "connect",
                        lambda target, **options: real_connect(f"file:{target}?mode=ro", uri=True, **options))
    _coded(runner.invoke(app, ["ingest", str(tiny_story), "--db", str(path)]), "E040")
    listed = runner.invoke(app, ["stories", "--db", str(path), "--json"])  # reading still works
    assert listed.exit_code == 0 and json.loads(listed.output) == []


def test_an_output_path_that_is_a_file_is_coded(tmp_path, monkeypatch):
    from newsfuse.render import write_outputs

    taken = tmp_path / "briefing"
    taken.write_text("keep me")
    briefing = _tiny_briefing()
    with pytest.raises(NewsfuseError) as raised:
        write_outputs(briefing, taken)
    assert raised.value.code == "E046" and taken.read_text() == "keep me"


def test_a_full_disk_never_leaves_a_half_written_briefing(tmp_path, monkeypatch):
    import errno
    import os

    import newsfuse.render as render

    out = tmp_path / "out"
    render.write_outputs(_tiny_briefing(), out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}

    def full(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(render.os, "fsync", full)
    with pytest.raises(NewsfuseError) as raised:
        render.write_outputs(_tiny_briefing(), out)
    assert raised.value.code == "E045"
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before  # old files whole, no temp files


def _tiny_briefing():
    from newsfuse.models import ArticleOut, Briefing

    text = "Ferries to Tarn island resumed on Wednesday."
    return Briefing(newsfuse_version="0.1.0", generated_at="2026-01-01T00:00:00+00:00", title="Ferries resume",
                    articles=[ArticleOut(id="a", path="a.txt", title=None, outlet=None, author=None, published=None,
                                         url=None, language="en", text=text, words=7, cites=[], flags=[])])


def test_two_concurrent_ingests_of_one_input_serialise(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "feed"
    folder.mkdir()
    for number in range(200):  # enough for the two placements to overlap without the writer lock
        (folder / f"{number:02}.txt").write_text(f"Outlet {number}\nStory {number} headline\n\n"
                                                  f"Article number {number} says the council met on Monday.\n")
    db = tmp_path / "c.db"
    command = [sys.executable, "-c", "from newsfuse.cli import app; app()", "ingest", str(folder), "--db", str(db),
               "--json-logs"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("Traceback" not in err and "IntegrityError" not in err for _, err in outputs)
    listed = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).output)
    assert sum(story["size"] for story in listed) == 200


def test_help_is_there_for_newcomers():
    result = runner.invoke(app, ["brief", "--help"])
    assert result.exit_code == 0
    assert "--summary-sentences" in result.output


def test_serve_on_a_busy_port_or_a_damaged_store_is_coded(tmp_path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        _coded(runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--port", str(port)]), "E050")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 100)
    _coded(runner.invoke(app, ["serve", "--db", str(junk)]), "E041")
