"""`newsfuse brief` from the command line: outputs, exit codes, bad input, nothing modified."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL

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
    assert result.exit_code == EXIT_NO_INPUT
    assert "give article paths" in result.output


def test_help_is_there_for_newcomers():
    result = runner.invoke(app, ["brief", "--help"])
    assert result.exit_code == 0
    assert "--summary-sentences" in result.output
