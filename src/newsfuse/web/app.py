"""The newsroom web app: stories list with search, story and article pages, uploads, JSON API.

    app = create_app("newsfuse.db")      # then: uvicorn.run(app, host="127.0.0.1", port=8000)

Pages are rendered on the server (Jinja2, autoescape) and use one small
script file. Everything is read from the SQLite store that `newsfuse ingest`
writes, on every request, so new articles show up without a restart.
Briefings are computed on first view of a story and cached in the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
import threading
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsfuse import __version__
from newsfuse.annotate.nlp import Models, shared_models
from newsfuse.errors import NewsfuseError
from newsfuse.ingest.files import FORMATS, SUPPORTED_HINT
from newsfuse.models import Annotations, Article, Problem
from newsfuse.render.templating import SHARED_ASSETS, shared_asset
from newsfuse.store import Store
from newsfuse.store.db import articles_signature
from newsfuse.store.search import ensure_search_index
from newsfuse.web import stories as story_data
from newsfuse.web.briefings import Briefings, Lru
from newsfuse.web.listing import SORTS, list_stories
from newsfuse.web.pages import article_context, parse_span, story_context, story_href
from newsfuse.web.security import BodyTooLarge, SecurityMiddleware, read_capped, replayed
from newsfuse.web.templating import page, render
from newsfuse.web.uploads import (MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES, PASTED_NAME, Upload,
                                  new_articles, read_upload)

LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
PAGE_ENTRIES = 64  # rendered story pages kept in memory, by briefing signature
DOCS_ASSETS = "/docs-assets"


class AddResult(BaseModel):
    """What `POST /api/articles` did: each new article's story, and the inputs it refused."""

    placed: list[dict] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class ArticlesIn(BaseModel):
    """JSON body of `POST /api/articles`: article objects as in a .json input file."""

    articles: list[dict] = Field(min_length=1, max_length=MAX_FILES * 50)


class App:
    """Per-app state: the store path, one store connection per worker thread, caches."""

    def __init__(self, db: Path, models: Models):
        self.db = db
        self.models = models
        self.briefings = Briefings(models)
        self.pages = Lru(PAGE_ENTRIES)
        self.ingest_lock = threading.Lock()  # one upload placed at a time: placements replay and extend the stories
        self._local = threading.local()
        with Store(db) as store:
            ensure_search_index(store.conn)
            story_data.ensure_tables(store)

    def store(self) -> Store:
        """This thread's connection to the store (SQLite connections are not shared across threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db)
        return store


def create_app(db: str | Path | None = None, *, models: Models | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over the store at `db` (default: the CLI's default store).

    `models` default to the process-wide ones (loaded only when something
    must be analysed). `allowed_hosts` limits the Host header (e.g. loopback
    names when bound to loopback, against DNS rebinding); None allows any.
    """
    from newsfuse.store.db import default_db_path

    state = App(Path(db) if db is not None else default_db_path(), models or shared_models())
    app = FastAPI(title="newsfuse", version=__version__, docs_url=None, redoc_url=None,
                  description="Stories, briefings (schema `newsfuse.briefing/1`) and article upload.")
    app.state.newsfuse = state
    app.add_middleware(SecurityMiddleware)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    _add_error_pages(app)
    _add_assets(app)
    _add_pages(app, state)
    _add_api(app, state)
    return app


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        return page("error.html.j2", error.status_code, status=error.status_code,
                    heading="Not found" if error.status_code == 404 else "Request refused", message=error.detail)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, error: BodyTooLarge):
        return JSONResponse({"detail": error.message, "code": error.code}, status_code=413)

    @app.exception_handler(NewsfuseError)
    async def pipeline_error(request: Request, error: NewsfuseError):
        # e.g. a briefing that breaks the contract (E020/E021): say so instead of showing a broken page
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.message, "code": error.code}, status_code=500)
        return page("error.html.j2", 500, status=500, heading="This story could not be briefed",
                    message=f"[{error.code}] {error.message}")


def _add_assets(app: FastAPI) -> None:
    for name, media_type in SHARED_ASSETS.items():  # the briefing file's own CSS and JS
        app.add_api_route(f"/static/{name}", _asset_endpoint(name, media_type), include_in_schema=False)

    app.mount("/static", StaticFiles(packages=[("newsfuse.web", "static")]), name="static")
    # Swagger UI's files ship inside the swagger-ui-py wheel: the API page needs no CDN.
    app.mount(DOCS_ASSETS, StaticFiles(packages=[("swagger_ui", "static")]), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="newsfuse API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css", swagger_favicon_url="data:,")

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "ok"}


def _story_or_404(state: App, story_id: str) -> list[Article]:
    articles = story_data.story_articles(state.store(), story_id)
    if not articles:
        raise HTTPException(404, f"There is no story '{story_id}' in the store.")
    return articles


def _add_pages(app: FastAPI, state: App) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(q: Annotated[str, Query(max_length=200)] = "",
                     sort: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
        listing = list_stories(state.store(), state.briefings, q, sort)
        return page("stories.html.j2", query=q, sort=listing.sort, sorts=SORTS.items(), rows=listing.rows,
                    total_articles=listing.total_articles, total_stories=listing.total_stories)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str, request: Request) -> Response:
        # Async on purpose: a cached page costs one small query, answered without a thread hop;
        # only a page not rendered yet (maybe not even briefed) goes to a worker thread.
        members = story_data.story_members(state.store(), story_id)
        if not members:
            raise HTTPException(404, f"There is no story '{story_id}' in the store.")
        signature = articles_signature(members)
        etag = f'"{signature[:32]}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        html = state.pages.get((story_id, signature))
        if html is None:
            html = await run_in_threadpool(_story_html, state, story_id)
        return HTMLResponse(html, headers={"ETag": etag, "Cache-Control": "no-cache"})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, mark: Annotated[str, Query(max_length=24)] = "") -> HTMLResponse:
        store = state.store()
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"There is no article '{article_id}' in the store.")
        story_id = story_data.story_of(store, article_id)
        briefing, problem = None, ""
        if story_id is not None:
            try:
                briefing = state.briefings.get(store, story_id, story_data.story_articles(store, story_id))
            except NewsfuseError as error:  # the article is still worth reading without its story's briefing
                problem = f"[{error.code}] {error.message}"
        return page("article.html.j2", story_id=story_id, story_href=story_href(story_id) if story_id else "",
                    has_briefing=briefing is not None, briefing_problem=problem,
                    **article_context(article, _annotations(state, article), briefing,
                                      parse_span(mark, len(article.text))))

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page() -> HTMLResponse:
        return _add_form(None)

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_submit(request: Request) -> HTMLResponse:
        uploads = await _form_uploads(request)
        result = await _run_ingest(state, uploads)
        return _add_form(result, status_code=200 if result.placed or not result.problems else 422)


def _story_html(state: App, story_id: str) -> str:
    """Render (and remember) the story page; computes the briefing if the store has none for these articles."""
    articles = _story_or_404(state, story_id)
    briefing = state.briefings.get(state.store(), story_id, articles)
    html = render("story.html.j2", story_id=story_id, title=briefing.title or story_data.story_title(articles),
                  **story_context(briefing))
    state.pages.put((story_id, articles_signature(articles)), html)
    return html


def _add_form(result: AddResult | None, status_code: int = 200) -> HTMLResponse:
    return page("add.html.j2", status_code, result=result, max_files=MAX_FILES, max_file_bytes=MAX_FILE_BYTES,
                formats=SUPPORTED_HINT.removeprefix("use "), accept=",".join(sorted(FORMATS)))


def _annotations(state: App, article: Article) -> Annotations:
    """The article's cached annotations, else made now (and cached)."""
    from newsfuse.pipeline import analyse

    store = state.store()
    return store.annotations(article.content_hash) or analyse([article], store=store, models=state.models)[article.id]


async def _form_uploads(request: Request) -> list[Upload]:
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
    return uploads


async def _run_ingest(state: App, uploads: list[Upload]) -> AddResult:
    return await run_in_threadpool(ingest_uploads, state, uploads)


def ingest_uploads(state: App, uploads: list[Upload]) -> AddResult:
    """Read uploads, store the new articles and place them into stories; one batch at a time."""
    if not uploads:
        nothing = Problem(path="form", code="W002", message="nothing to add: choose files or paste text")
        return AddResult(problems=[nothing])
    drafts, problems = [], []
    for upload in uploads[:MAX_FILES]:
        found, refused = read_upload(upload)
        drafts.extend(found)
        problems.extend(refused)
    with state.ingest_lock:
        store = state.store()
        articles, duplicates = new_articles(store, drafts)
        placed = story_data.add_articles(store, articles)
    return AddResult(placed=placed, problems=problems + duplicates)


def _add_api(app: FastAPI, state: App) -> None:
    @app.get("/api/stories", tags=["stories"])
    def api_stories(q: Annotated[str, Query(max_length=200, description="Words that must all occur")] = "",
                    sort: Annotated[str, Query(description=f"One of: {', '.join(SORTS)}")] = "",
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
        """Stories in the store, optionally filtered by a full-text search over titles and texts."""
        listing = list_stories(state.store(), state.briefings, q, sort)
        return {"sort": listing.sort, "total": len(listing.rows),
                "stories": [row.as_json() for row in listing.rows[:limit]]}

    @app.get("/api/stories/{story_id}/briefing", tags=["stories"])
    def api_briefing(story_id: str) -> Response:
        """The story's briefing as `newsfuse.briefing/1` JSON (computed on first request, then cached)."""
        articles = _story_or_404(state, story_id)
        briefing = state.briefings.get(state.store(), story_id, articles)
        return Response(json.dumps(briefing.to_json_dict(), ensure_ascii=False), media_type="application/json")

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict:
        """One stored article (repaired text, metadata, flags) and its story id."""
        store = state.store()
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"There is no article '{article_id}' in the store.")
        return {"article": article.model_dump(mode="json"), "story": story_data.story_of(store, article_id)}

    @app.post("/api/articles", tags=["articles"], response_model=AddResult, openapi_extra=_UPLOAD_DOC)
    async def api_add(request: Request) -> AddResult:
        """Add articles: multipart `files` (and/or a `text` field), or a JSON body `{"articles": [...]}`.

        Each article is repaired, stored and placed into a story; the answer
        lists where each went and which inputs were refused (codes W002-W009).
        """
        if request.headers.get("content-type", "").startswith("application/json"):
            body = await read_capped(request, MAX_REQUEST_BYTES)
            try:
                payload = ArticlesIn.model_validate_json(body)
            except ValueError as error:
                raise HTTPException(422, f"expected {{\"articles\": [objects]}}: {error}") from None
            uploads = [Upload("request.json", json.dumps(payload.articles).encode("utf-8"))]
        else:
            uploads = await _form_uploads(request)
        return await _run_ingest(state, uploads)


_UPLOAD_DOC = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "text": {"type": "string", "description": "pasted article text, HTML or JSON"}}}},
    "application/json": {"schema": {"type": "object", "required": ["articles"], "properties": {
        "articles": {"type": "array", "items": {"type": "object"}}}}},
}}}


def _asset_endpoint(name: str, media_type: str) -> Callable[[], Response]:
    """A route handler serving the shared asset `name` (see render.templating.SHARED_ASSETS)."""
    def asset() -> Response:
        return Response(shared_asset(name), media_type=media_type)
    return asset
