"""The JSON API (documented at /docs): stories, briefings, articles, uploads and background jobs.

Work that needs analysis answers 202 with the job (`{"job": {...}}`, a
`Location` to poll and `Retry-After`) when it takes longer than the app waits.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from newsfuse.app import Added
from newsfuse.jobs import Job
from newsfuse.web.listing import SORTS, list_stories
from newsfuse.web.state import REFRESH_SECONDS, AddResult, App, SentencesQuery, WordsQuery, brief_params
from newsfuse.web.uploads import request_uploads

_UPLOAD_DOC = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "text": {"type": "string", "description": "pasted article text, HTML or JSON"}}}},
    "application/json": {"schema": {"type": "object", "required": ["articles"], "properties": {
        "articles": {"type": "array", "items": {"type": "object"}}}}},
}}}
_ACCEPTED = {202: {"description": "Still running in the background: the job, to poll at /api/jobs/{id}"}}


def add_api(app: FastAPI, state: App) -> None:
    """Register the JSON API on `app`."""
    room = state.room

    @app.get("/api/stories", tags=["stories"])
    def api_stories(q: Annotated[str, Query(max_length=200, description="Words that must all occur")] = "",
                    sort: Annotated[str, Query(description=f"One of: {', '.join(SORTS)}")] = "",
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
        """Stories in the store, optionally filtered by a full-text search over titles and texts."""
        listing = list_stories(state, q, sort)
        return {"sort": listing.sort, "total": len(listing.rows),
                "stories": [row.as_json() for row in listing.rows[:limit]]}

    @app.get("/api/stories/{story_id}/briefing", tags=["stories"], responses=_ACCEPTED)
    async def api_briefing(story_id: str, summary_sentences: SentencesQuery = None,
                           summary_words: WordsQuery = None) -> Response:
        """The story's briefing as `newsfuse.briefing/1` JSON (made in the background on first request, then cached)."""
        briefing = await state.story_briefing(story_id, brief_params(summary_sentences, summary_words))
        if isinstance(briefing, Job):
            return _accepted(briefing)
        return Response(json.dumps(briefing.to_json_dict(), ensure_ascii=False), media_type="application/json")

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict:
        """One stored article (repaired text, metadata, flags) and its story id."""
        article = room.article(article_id)
        if article is None:
            raise HTTPException(404, f"There is no article '{article_id}' in the store.")
        return {"article": article.model_dump(mode="json"), "story": room.story_of(article_id)}

    @app.post("/api/articles", tags=["articles"], response_model=AddResult, openapi_extra=_UPLOAD_DOC,
              responses=_ACCEPTED)
    async def api_add(request: Request) -> AddResult | Response:
        """Add articles: multipart `files` (and/or a `text` field), or a JSON body `{"articles": [...]}`.

        Each article is repaired, stored and placed into a story; the answer
        lists where each went and which inputs were refused (codes W002-W009).
        """
        result = await state.add(await request_uploads(request))
        return _accepted(result) if isinstance(result, Job) else result

    @app.get("/api/jobs/{job_id}", tags=["jobs"])
    def api_job(job_id: str) -> dict:
        """A background job: state (queued, running, done, failed), stage, done/total; an upload's result when done."""
        job = room.background.job(job_id)
        if job is None:
            raise HTTPException(404, f"There is no job '{job_id}' (finished jobs are forgotten after a while).")
        answer = job.as_json()
        if job.state == "done" and isinstance(job.future.result(), Added):
            answer["result"] = state.add_result(job.future.result()).model_dump(mode="json")
        return answer


def _accepted(job: Job) -> JSONResponse:
    return JSONResponse({"job": job.as_json()}, status_code=202,
                        headers={"Location": f"/api/jobs/{job.id}", "Retry-After": str(REFRESH_SECONDS)})
