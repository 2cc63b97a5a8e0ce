"""Ray as the engine: a local 2-CPU Ray gives the outputs of one process, and loses nothing to dead actors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason='Ray is an optional extra: pip install "newsfuse[ray]"')

from newsfuse.app import Newsroom  # noqa: E402
from newsfuse.distributed import connect  # noqa: E402
from newsfuse.distributed.engine import clusterer_name  # noqa: E402
from newsfuse.ingest import load  # noqa: E402
from newsfuse.store import Store  # noqa: E402
from conftest import KABUL_STORY, SAMPLE_STORY  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def local_ray():
    if not KABUL_STORY.is_dir():
        pytest.skip("../shared/stories/kabul-airport-2021-08-27 is not beside the project")
    path = os.pathsep.join([str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])
    ray.init(num_cpus=2, include_dashboard=False, namespace="newsfuse", log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": path, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}})
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def single_process(models, tmp_path_factory) -> dict:
    """The sample and Kabul stories ingested, annotated and briefed in this process."""
    db = tmp_path_factory.mktemp("single") / "newsfuse.db"
    with Newsroom(db, models=models) as room:
        room.add([SAMPLE_STORY, KABUL_STORY], analyse_texts=True)
        for story in room.stories():
            room.brief_story(story.id)
    return outputs(db, models)


def outputs(db: Path, models) -> dict:
    """What a reader gets from the store: assignments, annotations (with vectors), each story's briefing
    (but the time it was made)."""
    with Newsroom(db, models=models, create=False) as room:
        briefings = {}
        for story in room.stories():
            found = room.cached_story_briefing(story.id, room.story_members(story.id))
            data = found.to_json_dict() if found else None
            if data:
                data.pop("generated_at")  # the clock, not the content
            briefings[story.id] = json.dumps(data, sort_keys=True)
        articles = [room.article(row.article_id) for row in room.assignments()]
        annotations = {article.id: room.cached_annotations(article) for article in articles}
        return {
            "assignments": room.assignments(),
            "annotations": {key: (value.model_dump_json(exclude={"vectors"}), value.vectors.tobytes())
                            for key, value in annotations.items() if value is not None},
            "briefings": briefings,
        }


def test_ingest_through_ray_gives_the_outputs_of_one_process(local_ray, single_process, models, tmp_path):
    db = tmp_path / "newsfuse.db"
    engine = connect(None, db)
    try:
        with Newsroom(db, models=models, annotate=engine.annotate, place=engine.place) as room:
            added = room.add([SAMPLE_STORY, KABUL_STORY], analyse_texts=True)
            assert added.placements.placements
            engine.brief_stories([story.id for story in room.stories()] * 2)  # asked twice, briefed once each
    finally:
        engine.shutdown(keep_clusterer=False)
    found = outputs(db, models)
    assert all(found["briefings"].values())
    assert len(found["annotations"]) == len(found["assignments"])
    assert found == single_process


def test_killed_annotator_and_clusterer_actors_lose_and_change_nothing(local_ray, single_process, models, tmp_path):
    db = tmp_path / "newsfuse.db"
    articles = load([SAMPLE_STORY, KABUL_STORY]).articles
    engine = connect(None, db)
    try:
        with Store(db) as store:
            stored = sorted((store.put_article(article) for article in articles), key=lambda a: a.published or "")
        engine.ready()
        batches = [engine.annotators[index % 2].annotate.remote([article]) for index, article in enumerate(stored)]
        ray.kill(engine.annotators[0], no_restart=False)  # its batches are retried on the restarted actor
        annotated = [item for batch in ray.get(batches) for item in batch]
        with Store(db) as store:
            for annotations in annotated:
                store.put_annotations(annotations)
        half = len(stored) // 2
        first = engine.clusterer.place.remote([article.id for article in stored[:half]], None)
        ray.kill(engine.clusterer, no_restart=False)  # in flight or done: retried or resumed from the snapshot
        ray.get(first)
        ray.kill(engine.clusterer, no_restart=False)  # between calls: the next one resumes from the snapshot
        ray.get(engine.clusterer.place.remote([article.id for article in stored], None))
        with Newsroom(db, models=models) as room:
            engine.brief_stories([story.id for story in room.stories()])
    finally:
        engine.shutdown(keep_clusterer=False)
    assert outputs(db, models) == single_process


def test_the_ingest_command_on_ray_gives_the_outputs_of_one_process(local_ray, single_process, models, tmp_path):
    from typer.testing import CliRunner

    from newsfuse.cli import app

    db = tmp_path / "newsfuse.db"
    done = CliRunner().invoke(app, ["ingest", "--db", str(db), "--quiet", "--ray", "auto", "--annotate", "--brief",
                                    str(SAMPLE_STORY), str(KABUL_STORY)])
    assert done.exit_code == 0, done.output
    ray.kill(ray.get_actor(clusterer_name(str(db.resolve())), namespace="newsfuse"), no_restart=True)
    assert outputs(db, models) == single_process
