"""Inputs given as bytes (web uploads, pasted text) rather than paths.

Nothing a client sends becomes a path: the client's file name only picks the
format (by its suffix) and seeds the article id (through `safe_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from newsfuse.ingest.build import Draft, safe_id
from newsfuse.ingest.drafts import drafts_from_text
from newsfuse.ingest.files import FORMATS, SUPPORTED_HINT, decode_bytes, over_limit, sniff_format
from newsfuse.errors import Warnings
from newsfuse.models import Problem

PASTED_NAME = "pasted"


@dataclass
class Upload:
    """One uploaded file or pasted text: the client's name for it (untrusted) and its bytes."""

    name: str
    data: bytes


def upload_label(name: str) -> str:
    """A display name for an upload: the last part of the client's name, made id-safe."""
    return safe_id(PurePosixPath(name.replace("\\", "/")).name or PASTED_NAME)


def upload_format(name: str, text: str) -> str | None:
    """'text', 'markdown', 'html', 'json' or 'jsonl' from the name's suffix (sniffed if none); None if refused."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if not suffix:
        return sniff_format(text)
    return FORMATS.get(suffix)


def read_upload(upload: Upload, *, max_bytes: int) -> tuple[list[Draft], list[Problem]]:
    """Drafts of the articles in one upload, or the problems that stopped them (codes as for files).

    `max_bytes`: larger uploads are refused (W004).
    """
    label = upload_label(upload.name)
    where = f"upload:{label}"
    if len(upload.data) > max_bytes:
        return [], [Warnings.W004.problem(where, f"{over_limit(len(upload.data), max_bytes)}; split it")]
    decoded = decode_bytes(upload.data)
    if decoded is None:
        return [], [Warnings.W003.problem(where, "looks binary, not text; " + SUPPORTED_HINT)]
    text, flags = decoded
    if not text.strip():
        return [], [Warnings.W002.problem(where, "is empty; add the article text")]
    kind = upload_format(upload.name, text)
    if kind is None:
        return [], [Warnings.W007.problem(where, f"unsupported file type; {SUPPORTED_HINT}")]
    return drafts_from_text(text, flags, kind=kind, stem=PurePosixPath(label).stem, where=where)
