"""The app's Jinja2 environment (package templates, autoescape always on)."""

from __future__ import annotations

from functools import cache

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

