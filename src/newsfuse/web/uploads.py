"""Uploads from a request: files and pasted text of a form, or a JSON body, read from memory with limits.

Reading the articles in them is the ingest stage's job (:func:`newsfuse.ingest.load_uploads`).
"""

from __future__ import annotations

import json

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field

from newsfuse.ingest.uploads import PASTED_NAME, Upload
from newsfuse.web.security import read_capped, replayed

MAX_FILE_BYTES = 2_000_000  # one uploaded file or pasted text
MAX_FILES = 20  # per request
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 100_000  # whole request body, form overhead included


class ArticlesIn(BaseModel):
    """JSON body of `POST /api/articles`: article objects as in a .json input file."""

    articles: list[dict] = Field(min_length=1, max_length=MAX_FILES * 50)


async def request_uploads(request: Request) -> list[Upload]:
    """The uploads of a request: a JSON body `{"articles": [...]}`, else a multipart form."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await read_capped(request, MAX_REQUEST_BYTES)
        try:
            payload = ArticlesIn.model_validate_json(body)
        except ValueError as error:
            raise HTTPException(422, f"expected {{\"articles\": [objects]}}: {error}") from None
        return [Upload("request.json", json.dumps(payload.articles).encode("utf-8"))]
    return await form_uploads(request)


async def form_uploads(request: Request) -> list[Upload]:
    """Files and pasted text of a multipart form, read from memory with size and count limits."""
    body = await read_capped(request, MAX_REQUEST_BYTES)
    form = await replayed(request, body).form(max_files=MAX_FILES, max_fields=10, max_part_size=MAX_FILE_BYTES)
    uploads = []
    for value in form.getlist("files"):
        if hasattr(value, "read") and value.filename:
            uploads.append(Upload(value.filename, await value.read(MAX_FILE_BYTES + 1)))
    pasted = form.get("text")
    if isinstance(pasted, str) and pasted.strip():
        uploads.append(Upload(PASTED_NAME, pasted.encode("utf-8")))
    await form.close()
    return uploads[:MAX_FILES]
