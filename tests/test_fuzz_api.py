"""The web API fuzzed from its own OpenAPI schema (Schemathesis, in process): no request gets a 500.

The app runs over a small store holding one story; Schemathesis generates
path parameters, queries and bodies (JSON and multipart uploads) for every
documented operation. Bounded: EXAMPLES per operation, derandomized.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from newsfuse.web.app import create_app

from conftest import SAMPLE_STORY

EXAMPLES = 40
_FOLDER = tempfile.TemporaryDirectory(prefix="nf-api-fuzz-")
APP = create_app(db=Path(_FOLDER.name) / "api.db")  # models load on the first request that needs them
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def one_story(models):
    files = [("files", (path.name, path.read_bytes())) for path in sorted(SAMPLE_STORY.iterdir())[:3]]
    assert TestClient(APP).post("/api/articles", files=files).status_code == 200


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
