"""The settings object, newsfuse.toml, `newsfuse config` and the fuse steps' declared order."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.cluster.events import DEFAULT_WEIGHTS
from newsfuse.errors import EXIT_NO_INPUT, NewsfuseError
from newsfuse.fuse.story import STEPS, Step, check_steps
from newsfuse.models import Briefing
from newsfuse.params import FuseParams, Params

runner = CliRunner()


def test_defaults_are_the_values_the_code_used_before():
    params = Params()
    assert params.fuse == FuseParams(summary_sentences=7, summary_words=120)  # a phone screen (issue 17)
    assert params.annotate.workers == 1
    assert params.cluster.join_threshold == 0.4 and params.cluster.weights == DEFAULT_WEIGHTS
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.fuse.summary_sentences = 3  # type: ignore[misc]


def test_a_file_sets_some_keys_and_the_rest_keep_their_defaults(tmp_path):
    path = tmp_path / "newsfuse.toml"
    path.write_text("[fuse]\nsummary_words = 80\n[cluster.weights]\nbody = 5.0\n", encoding="utf-8")
    params = Params.from_toml(path)
    assert params.fuse == FuseParams(summary_sentences=7, summary_words=80)
    assert params.cluster.weights == {**DEFAULT_WEIGHTS, "body": 5.0}


@pytest.mark.parametrize("text", [
    "[fuse]\nsummary_sentence = 5\n",  # misspelt key
    "[fuse]\nsummary_sentences = \"many\"\n",  # wrong type
    "[cluster.weights]\nbody_text = 1.0\n",  # a weight the model does not have
    "[summary]\nsentences = 5\n",  # unknown table
    "[fuse\n",  # not TOML
])
def test_bad_settings_are_refused_with_a_code(tmp_path, text):
    path = tmp_path / "newsfuse.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NewsfuseError) as raised:
        Params.from_toml(path)
    assert raised.value.code == "E060"


def test_config_prints_a_file_that_loads_back_to_the_same_settings(tmp_path):
    path = tmp_path / "newsfuse.toml"
    path.write_text("[fuse]\nsummary_sentences = 9\n[annotate]\nworkers = 0\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "--config", str(path)])
    assert result.exit_code == 0, result.output
    printed = tmp_path / "printed.toml"
    printed.write_text(result.stdout, encoding="utf-8")
    assert Params.from_toml(printed) == Params.from_toml(path)
    assert runner.invoke(app, ["config", "--config", str(tmp_path / "missing.toml")]).exit_code == EXIT_NO_INPUT


def test_fuse_steps_make_every_briefing_part_once_each_after_what_it_needs():
    check_steps(STEPS)
    made = {step.assigns for step in STEPS}
    assert made == set(Briefing.model_fields) - {"schema_", "newsfuse_version", "generated_at", "problems"}
    reordered = [STEPS[-1], *STEPS[:-1]]  # the summary before the facts it needs
    with pytest.raises(ValueError, match="summary"):
        check_steps(reordered)
    twice = Step(requires=frozenset(), assigns="facts", run=lambda story, parts, params: [])
    with pytest.raises(ValueError, match="two fuse steps assign 'facts'"):
        check_steps([*STEPS, twice])


def test_brief_takes_its_settings_from_config_and_the_command_line_over_them(tmp_path):
    import json

    from conftest import SAMPLE_STORY

    path = tmp_path / "newsfuse.toml"
    path.write_text("[fuse]\nsummary_sentences = 3\nsummary_words = 400\n", encoding="utf-8")
    db = tmp_path / "nf.db"
    lengths = {}
    for name, extra in (("config", []), ("flag", ["--summary-sentences", "2"])):
        result = runner.invoke(app, ["brief", str(SAMPLE_STORY), "-o", str(tmp_path / name), "--db", str(db),
                                     "--config", str(path), "-q", *extra])
        assert result.exit_code == 0, result.output
        lengths[name] = len(json.loads((tmp_path / name / "briefing.json").read_text(encoding="utf-8"))["summary"])
    assert lengths == {"config": 3, "flag": 2}
