"""One input's decoded text -> drafts, whatever it came from (a file, an upload, pasted text)."""

from __future__ import annotations

from newsfuse.ingest.build import Draft
from newsfuse.ingest.html import read_html
from newsfuse.ingest.plaintext import parse_plain
from newsfuse.errors import Warnings
from newsfuse.ingest.records import read_json, read_jsonl
from newsfuse.models import Flag, Problem

MAX_HTML_CHARS = 5_000_000  # markup of one page; extraction costs ~1 s of CPU per MB


def drafts_from_text(text: str, flags: list[Flag], *, kind: str, stem: str,
                     where: str) -> tuple[list[Draft], list[Problem]]:
    """Drafts of the articles in one decoded input of format `kind`, or the problems that stopped them.

    `stem` seeds the article ids, `where` is the path (or ``upload:NAME``) the
    drafts and problems name; `flags` (e.g. a guessed encoding) go to every draft.
    """
    if kind in ("json", "jsonl"):
        reader = read_json if kind == "json" else read_jsonl
        return reader(text, stem=stem, path=where, flags=flags)
    if kind == "html" and len(text) > MAX_HTML_CHARS:
        return [], [Warnings.W004.problem(where, f"has {len(text):,} characters of HTML, over the {MAX_HTML_CHARS:,} "
                                                 "one page may have; save the article alone, or its text")]
    draft = _read_page(text, kind, stem, where)
    if draft is None:
        return [], [Warnings.W002.problem(where, "no article text found in the page; check it is an article page")]
    draft.flags.extend(flags)
    return [draft], []


def _read_page(text: str, kind: str, stem: str, where: str) -> Draft | None:
    if kind == "html":
        return read_html(text, id_hint=stem, path=where)
    parsed = parse_plain(text)
    return Draft(id_hint=stem, path=where, body=parsed.body, title=parsed.title, outlet=parsed.outlet,
                 author=parsed.author, published=parsed.published, metadata=parsed.metadata)
