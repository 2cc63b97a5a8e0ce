"""The app's Jinja2 environment (package templates, autoescape always on) and shared assets."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.render.view import format_date, format_value, plural, source_count


@cache
def templates() -> Environment:
    """Templates from `newsfuse/web/templates`; every `{{ }}` is HTML-escaped."""
    env = Environment(loader=PackageLoader("newsfuse.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=format_date, value=format_value, plural=plural)
    env.globals.update(source_count=source_count)
    return env


def render(name: str, **context) -> str:
    return templates().get_template(name).render(**context)


def page(name: str, status_code: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(render(name, **context), status_code=status_code)


@cache
def briefing_css() -> str:
    """The briefing renderer's stylesheet (`render/templates/briefing.css`), shared by the app's pages."""
    return resources.files("newsfuse.render").joinpath("templates/briefing.css").read_text(encoding="utf-8")
