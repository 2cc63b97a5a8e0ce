"""Render stage: a Briefing -> briefing.json (the contract), briefing.md and briefing.html."""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.models import Briefing
from newsfuse.render.html import render_html
from newsfuse.render.markdown import render_markdown
from newsfuse.render.validate import briefing_schema, validate_briefing

__all__ = ["briefing_schema", "render_html", "render_markdown", "validate_briefing", "write_outputs"]


def write_outputs(briefing: Briefing, out_dir: str | Path) -> dict[str, Path]:
    """Write briefing.json (validated first), briefing.md and briefing.html into `out_dir`.

    Creates `out_dir` if needed; files are UTF-8. Returns {"json"|"md"|"html": path}.
    Raises NewsfuseError (nothing written) if the briefing breaks the contract.
    """
    data = briefing.to_json_dict()
    validate_briefing(data)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    contents = {
        "json": json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        "md": render_markdown(briefing),
        "html": render_html(briefing),
    }
    paths = {}
    for kind, text in contents.items():
        paths[kind] = out / f"briefing.{kind}"
        paths[kind].write_text(text, encoding="utf-8")
    return paths
