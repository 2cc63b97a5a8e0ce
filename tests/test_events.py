"""Mixed input: articles about two events are flagged (briefing.json `events`, stderr) and `--split` briefs each."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import SAMPLE_STORY
from newsfuse.cli import app
from newsfuse.fuse.events import event_groups, mixed_events
from newsfuse.ingest import load

runner = CliRunner()


def test_one_event_is_not_called_mixed():
    articles = load([str(SAMPLE_STORY)]).articles
    groups = event_groups(articles)
    assert sorted(article for group in groups for article in group) == sorted(article.id for article in articles)
    assert not mixed_events(groups)


def test_lone_articles_are_no_second_event():
    assert not mixed_events([["a", "b", "c"], ["d"], ["e"]])
    assert not mixed_events([list("abcdefghij"), ["k", "l", "m"], ["n"]])  # 3 of 14: a follow-up, not an event
    assert mixed_events([["a", "b", "c", "d"], ["e", "f", "g"]])


def test_two_events_are_flagged_and_split(kabul_dir, tmp_path, models):
    out = tmp_path / "out"
    result = runner.invoke(app, ["brief", str(SAMPLE_STORY), str(kabul_dir), "-o", str(out), "--split",
                                 "--db", str(tmp_path / "cache.db"), "--json-logs"])
    assert result.exit_code == 0, result.output
    warnings = [json.loads(line) for line in result.stderr.splitlines() if '"W020"' in line]
    assert len(warnings) == 1
    briefing = json.loads((out / "briefing.json").read_text())
    sample_ids = {article.id for article in load([str(SAMPLE_STORY)]).articles}
    assert len(briefing["events"]) >= 2
    assert any(set(event["articles"]) == sample_ids for event in briefing["events"])
    folders = sorted(path.name for path in out.iterdir() if path.is_dir())
    assert folders == [f"event-{number}" for number in range(1, len(briefing["events"]) + 1)]
    for folder in folders:
        part = json.loads((out / folder / "briefing.json").read_text())
        assert part["events"] == [] and part["summary"]
