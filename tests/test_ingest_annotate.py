"""`newsfuse ingest --annotate`: annotations cached at ingest, so the first briefing only fuses."""

from __future__ import annotations

from typer.testing import CliRunner

from newsfuse.app import Newsroom
from newsfuse.cli import app
from newsfuse.ingest import load
from conftest import SAMPLE_STORY


def test_ingest_annotate_caches_every_text_and_the_first_briefing_analyses_none(tmp_path, models):
    plain, annotated = tmp_path / "plain.db", tmp_path / "annotated.db"
    for db, options in ((plain, []), (annotated, ["--annotate"])):
        done = CliRunner().invoke(app, ["ingest", "--db", str(db), "--quiet", *options, str(SAMPLE_STORY)])
        assert done.exit_code == 0, done.output
    articles = load([SAMPLE_STORY]).articles
    with Newsroom(plain, models=models) as room:
        assert all(room.cached_annotations(article) is None for article in articles)
    with Newsroom(annotated, models=models) as room:
        assert all(room.cached_annotations(article) is not None for article in articles)
        stories = room.stories()
        stats = [room.brief_story(story.id).stats for story in stories]
    assert sum(stat.analysed for stat in stats) == 0
    assert sum(stat.cached for stat in stats) == len(articles)


def test_ingest_brief_caches_the_briefing_of_every_story_it_touched(tmp_path, models):
    db = tmp_path / "newsfuse.db"
    done = CliRunner().invoke(app, ["ingest", "--db", str(db), "--quiet", "--brief", str(SAMPLE_STORY)])
    assert done.exit_code == 0, done.output
    with Newsroom(db, models=models) as room:
        stories = room.stories()
        assert stories and all(room.cached_story_briefing(story.id, room.story_members(story.id))
                               for story in stories)
