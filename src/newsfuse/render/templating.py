"""The one Jinja2 environment of the renderings: package templates, autoescape always on."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from newsfuse.render.view import format_date, format_value, plural, source_count


@cache
def environment() -> Environment:
    """Templates from `newsfuse/render/templates`; every `{{ }}` is HTML-escaped."""
    env = Environment(loader=PackageLoader("newsfuse.render", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=format_date, value=format_value, plural=plural)
    env.globals.update(source_count=source_count)
    env.tests["length_above_one"] = lambda items: len(items) > 1
    return env
