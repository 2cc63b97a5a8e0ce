"""The newsroom web app: stories list with search, story and article pages, uploads, JSON API.

    app = create_app("newsfuse.db")      # then: uvicorn.run(app, host="127.0.0.1", port=8000)

Pages are rendered on the server (Jinja2, autoescape) and use one small
script file. Everything is read from the SQLite store that `newsfuse ingest`
writes, on every request, so new articles show up without a restart. The app
is a thin shim over :class:`newsfuse.app.Newsroom`: analysis (uploads, a
story's first briefing) runs on the newsroom's background worker, never in a
request thread; a request waits for it at most `wait_seconds`, then answers
with the job's progress (a self-refreshing page, or 202 and the job as JSON).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsfuse import __version__
from newsfuse.annotate.nlp import Models
from newsfuse.app import Newsroom
from newsfuse.errors import Errors, NewsfuseError
from newsfuse.render.templating import SHARED_ASSETS, shared_asset
from newsfuse.web.api import add_api
from newsfuse.web.security import BodyTooLarge, HeadAsGet, SecurityMiddleware
from newsfuse.web.state import WAIT_SECONDS, App
from newsfuse.web.templating import page
from newsfuse.web.views import add_pages

LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
DOCS_ASSETS = "/docs-assets"


def create_app(db: str | Path | None = None, *, models: Models | None = None,
               allowed_hosts: list[str] | None = None, wait_seconds: float = WAIT_SECONDS,
               room: Newsroom | None = None) -> FastAPI:
    """The web app over the store at `db` (default: the CLI's default store), or over `room`.

    `models` default to the process-wide ones (loaded only when something
    must be analysed). `allowed_hosts` limits the Host header (e.g. loopback
    names when bound to loopback, against DNS rebinding); None allows any.
    `wait_seconds`: how long a request waits for analysis before answering
    with its progress. Raises a coded NewsfuseError when the store cannot be opened.
    """
    state = App(room or Newsroom(db, models=models), wait_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.room.close()  # stops the background worker at its next article

    app = FastAPI(title="newsfuse", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Stories, briefings (schema `newsfuse.briefing/1`) and article upload.")
    app.state.newsfuse = state
    app.add_middleware(SecurityMiddleware)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)
    _add_error_pages(app)
    _add_assets(app)
    add_pages(app, state)
    add_api(app, state)
    return app


# Coded errors that say "not now" (shutting down, store busy): 503, so a client may retry.
_UNAVAILABLE = {Errors.E031.code: 503, Errors.E044.code: 503}


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
    async def coded_error(request: Request, error: NewsfuseError):
        # a store that cannot be written, a briefing that breaks the contract (E020/E021)...: said, not hidden
        status = _UNAVAILABLE.get(error.code, 500)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.message, "code": error.code}, status_code=status)
        return page("error.html.j2", status, status=status, heading="This could not be done",
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


def _asset_endpoint(name: str, media_type: str) -> Callable[[], Response]:
    """A route handler serving the shared asset `name` (see render.templating.SHARED_ASSETS)."""
    def asset() -> Response:
        return Response(shared_asset(name), media_type=media_type)
    return asset
