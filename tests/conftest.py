"""Shared fixtures: models load once per test session; stores on SQLite and on Postgres."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_STORY = PROJECT / "samples" / "harbour-bridge-collapse"
KABUL_STORY = PROJECT.parent / "shared" / "stories" / "kabul-airport-2021-08-27"
# The Postgres server the store tests use; each test gets a schema of its own, dropped after it.
POSTGRES_URL = os.environ.get("NEWSFUSE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


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


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The test server's URL ($NEWSFUSE_TEST_POSTGRES); skips when psycopg or the server is missing."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[postgres]'): Postgres store tests skipped")
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=5).close()
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        pytest.skip(f"no Postgres at $NEWSFUSE_TEST_POSTGRES={POSTGRES_URL} ({first}): Postgres store tests skipped")
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server):
    """A ``postgresql://`` store URL on a new empty schema (random name), dropped after the test."""
    import psycopg

    schema = f"newsfuse_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in postgres_server else "?"
    yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """A new store's location, once an SQLite file and once a Postgres schema (a str either way)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")
