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
