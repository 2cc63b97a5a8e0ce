"""Render stage: a Briefing -> briefing.json (the contract), briefing.md and briefing.html."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

from newsfuse.errors import Errors
from newsfuse.models import Briefing
from newsfuse.render.html import render_html
from newsfuse.render.markdown import render_markdown
from newsfuse.render.validate import briefing_schema, validate_briefing

OUTPUT_MODE = 0o644  # temporary files are private (0600); outputs are readable like any written file

__all__ = ["briefing_schema", "render_html", "render_markdown", "validate_briefing", "write_outputs"]


def write_outputs(briefing: Briefing, out_dir: str | Path) -> dict[str, Path]:
    """Write briefing.json (validated first), briefing.md and briefing.html into `out_dir`.

    Creates `out_dir` if needed; files are UTF-8. Returns {"json"|"md"|"html": path}.
    Each file is written to a temporary file beside it and renamed over it, so a
    reader (or a full disk) never sees a half-written or 0-byte briefing.
    Raises NewsfuseError: E020/E021 (nothing written) if the briefing breaks the
    contract, E046 if `out_dir` cannot be used, E045 if the disk is full.
    """
    data = briefing.to_json_dict()
    validate_briefing(data)
    out = Path(out_dir)
    contents = {
        "json": json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        "md": render_markdown(briefing),
        "html": render_html(briefing),
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = {}
        for kind, text in contents.items():
            paths[kind] = out / f"briefing.{kind}"
            _write_atomically(paths[kind], text)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise Errors.E045.error(path=out) from None
        raise Errors.E046.error(path=out, detail=error.strerror or error) from None
    return paths


def _write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file in `path`'s folder, flush it to disk, then rename it to `path`."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, OUTPUT_MODE)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
