"""The app's Jinja2 environment (package templates, autoescape always on) and shared assets."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi.responses import HTMLResponse
from jinja2 import Environment

from newsfuse.render.templating import make_environment


@cache
def templates() -> Environment:
    """The app's templates, from `newsfuse/web/templates`."""
    return make_environment("newsfuse.web")


def render(name: str, **context) -> str:
    return templates().get_template(name).render(**context)


def page(name: str, status_code: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(render(name, **context), status_code=status_code)


@cache
def briefing_css() -> str:
    """The briefing renderer's stylesheet (`render/templates/briefing.css`), shared by the app's pages."""
    return resources.files("newsfuse.render").joinpath("templates/briefing.css").read_text(encoding="utf-8")
