"""Shared fixtures: models load once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_STORY = PROJECT / "samples" / "harbour-bridge-collapse"
KABUL_STORY = PROJECT.parent / "shared" / "stories" / "kabul-airport-2021-08-27"


@pytest.fixture(scope="session")
def models():
    from newsfuse.annotate.nlp import shared_models

    return shared_models()


@pytest.fixture(scope="session")
def nlp(models):
    return models.nlp


@pytest.fixture(scope="session")
def kabul_dir():
    if not KABUL_STORY.is_dir():
        pytest.skip("../shared/stories/kabul-airport-2021-08-27 is not beside the project")
    return KABUL_STORY


def _brief(folder: Path, models):
    from newsfuse.ingest import load
    from newsfuse.pipeline import brief_articles

    loaded = load([folder])
    return brief_articles(loaded.articles, problems=loaded.problems, use_cache=False, models=models)


@pytest.fixture(scope="session")
def sample_result(models):
    """The bundled sample story, briefed once per session."""
    return _brief(SAMPLE_STORY, models)


@pytest.fixture(scope="session")
def kabul_result(models, kabul_dir):
    """The real Kabul story, briefed once per session."""
    return _brief(kabul_dir, models)
