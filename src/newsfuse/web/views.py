"""The app's HTML pages: stories list, story, article, upload form and the progress of background work."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from newsfuse.app import Added
from newsfuse.params import FuseParams
from newsfuse.errors import NewsfuseError
from newsfuse.ingest.files import FORMATS, SUPPORTED_HINT
from newsfuse.jobs import Job
from newsfuse.models import Article, Briefing
from newsfuse.web.listing import SORTS, list_stories
from newsfuse.web.pages import article_context, parse_span, story_context, story_href
from newsfuse.web.state import AddResult, App, SentencesQuery, WordsQuery, brief_params, working_page
from newsfuse.web.templating import page, render
from newsfuse.web.uploads import MAX_FILE_BYTES, MAX_FILES, form_uploads


def add_pages(app: FastAPI, state: App) -> None:
    """Register the HTML pages on `app`."""
    room = state.room

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(q: Annotated[str, Query(max_length=200)] = "",
                     sort: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
        listing = list_stories(state, q, sort)
        return page("stories.html.j2", query=q, sort=listing.sort, sorts=SORTS.items(), rows=listing.rows,
                    total_articles=listing.total_articles, total_stories=listing.total_stories)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str, request: Request, summary_sentences: SentencesQuery = None,
                         summary_words: WordsQuery = None) -> Response:
        # Async on purpose: a rendered page costs one small query, answered without a thread hop;
        # a story not briefed yet is briefed by the background worker, never in a request thread.
        params = brief_params(summary_sentences, summary_words)
        members = room.story_members(story_id)
        if not members:
            raise HTTPException(404, f"There is no story '{story_id}' in the store.")
        signature = room.signature(members, params)
        etag = f'"{signature[:32]}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        html = state.pages.get((story_id, signature))
        if html is None:
            briefing = await state.story_briefing(story_id, params)
            if isinstance(briefing, Job):
                return working_page(briefing, f"Briefing story {story_id}")
            html = await run_in_threadpool(_story_html, story_id, briefing)
            state.pages.put((story_id, signature), html)
        return HTMLResponse(html, headers={"ETag": etag, "Cache-Control": "no-cache"})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(article_id: str, mark: Annotated[str, Query(max_length=24)] = "") -> HTMLResponse:
        article = await run_in_threadpool(room.article, article_id)
        if article is None:
            raise HTTPException(404, f"There is no article '{article_id}' in the store.")
        story_id = await run_in_threadpool(room.story_of, article_id)
        briefing, note = None, ""
        if story_id is not None:
            try:
                found = await state.story_briefing(story_id, FuseParams())
            except NewsfuseError as error:  # the article is still worth reading without its story's briefing
                note = f"Its story could not be briefed: [{error.code}] {error.message}"
            else:
                briefing, note = _briefing_or_note(found)
        annotations = await _annotations(state, article)
        return page("article.html.j2", story_id=story_id, story_href=story_href(story_id) if story_id else "",
                    has_briefing=briefing is not None, briefing_problem=note,
                    **article_context(article, annotations, briefing, parse_span(mark, len(article.text))))

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page() -> HTMLResponse:
        return _add_form(None)

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_submit(request: Request) -> HTMLResponse:
        result = await state.add(await form_uploads(request))
        if isinstance(result, Job):
            return working_page(result, "Adding your articles")
        return _add_form(result, status_code=200 if result.placed or not result.problems else 422)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = room.background.job(job_id)
        if job is None:
            raise HTTPException(404, f"There is no job '{job_id}' (finished jobs are forgotten after a while).")
        if job.state == "done" and isinstance(job.future.result(), Added):  # an upload: show where each went
            return _add_form(state.add_result(job.future.result()))
        return working_page(job, job.label.capitalize())


def _story_html(story_id: str, briefing: Briefing) -> str:
    title = briefing.title or next((article.title for article in briefing.articles if article.title),
                                   "Untitled story")
    return render("story.html.j2", story_id=story_id, title=title, **story_context(briefing))


def _briefing_or_note(found: Briefing | Job) -> tuple[Briefing | None, str]:
    if not isinstance(found, Job):
        return found, ""
    progress = f" ({found.stage}: {found.done} of {found.total})" if found.total else ""
    return None, f"Its story is being briefed{progress}; reload this page in a moment."


async def _annotations(state: App, article: Article):
    """The article's annotations if cached or made within the app's wait, else None (shown unmarked)."""
    cached = await run_in_threadpool(state.room.cached_annotations, article)
    if cached is not None:
        return cached
    job = state.room.annotations_later(article)
    if not await state.finished(job) or job.state != "done":
        return None
    return job.future.result()


def _add_form(result: AddResult | None, status_code: int = 200) -> HTMLResponse:
    return page("add.html.j2", status_code, result=result, max_files=MAX_FILES, max_file_bytes=MAX_FILE_BYTES,
                formats=SUPPORTED_HINT.removeprefix("use "), accept=",".join(sorted(FORMATS)))
