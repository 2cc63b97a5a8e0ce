"""The one Jinja2 environment of the renderings: package templates, autoescape always on."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.render.view import format_date, format_value, plural, source_count


def make_environment(package: str) -> Environment:
    """Templates from `<package>/templates` with the briefing filters; every `{{ }}` is HTML-escaped."""
    env = Environment(loader=PackageLoader(package, "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=format_date, value=format_value, plural=plural)
    env.globals.update(source_count=source_count)
    env.tests["length_above_one"] = lambda items: len(items) > 1
    return env


@cache
def environment() -> Environment:
    """The renderings' templates, from `newsfuse/render/templates`."""
    return make_environment("newsfuse.render")


# The briefing file inlines these; the web app serves them as /static/<name>.
SHARED_ASSETS = {"briefing.css": "text/css", "evidence.js": "text/javascript"}


@cache
def shared_asset(name: str) -> str:
    """The text of one of SHARED_ASSETS, from `newsfuse/render/templates`."""
    return resources.files("newsfuse.render").joinpath("templates", name).read_text(encoding="utf-8")
