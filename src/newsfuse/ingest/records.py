"""JSON (one object, a list, or ``{"articles": [...]}``) and JSON Lines files.

Known fields (and their usual other names in news exports) fill the article;
every other field goes to `metadata` unchanged. A malformed line or record is
one Problem and the rest still loads.
"""

from __future__ import annotations

import json
import re

from newsfuse.errors import Warnings
from newsfuse.ingest.build import Draft
from newsfuse.ingest.plaintext import parse_plain
from newsfuse.models import Flag, Problem

# Article field -> record keys that may hold it, in order of preference.
FIELD_NAMES = {
    "id": ("id", "doc_id", "article_id", "uid", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "publisher", "source", "sitename", "site_name", "site"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date", "publication_date", "published_at", "pubdate", "date_publish"),
}
MAX_DEPTH = 100  # levels of nested arrays and objects; an article needs a handful
_TOO_DEEP = f"JSON nested more than {MAX_DEPTH} levels deep; an article record needs only a few"
# Strings (skipped whole, escapes included) and the brackets outside them.
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def read_json(text: str, *, stem: str, path: str, flags: list[Flag]) -> tuple[list[Draft], list[Problem]]:
    """Drafts from a JSON document: an object, a list of objects, or {"articles": [...]}."""
    try:
        document = _parse(text)
    except json.JSONDecodeError as error:
        return [], [Warnings.W005.problem(path, f"malformed JSON at line {error.lineno} column {error.colno} "
                                          f"({error.msg}); fix or re-export the file")]
    except _TooDeep:
        return [], [Warnings.W012.problem(path, _TOO_DEEP)]
    if isinstance(document, dict) and isinstance(document.get("articles"), list) and _pick(document, "text") is None:
        document = document["articles"]
    if isinstance(document, dict):
        records = [(stem, "the object", document)]
    elif isinstance(document, list):
        records = [(f"{stem}-{number}", f"item {number}", item) for number, item in enumerate(document, 1)]
    else:
        return [], [Warnings.W005.problem(path, "JSON must be an object or a list of objects")]
    if not records:
        return [], [Warnings.W002.problem(path, "the JSON list holds no articles; add article objects")]
    return _read_records(records, path, flags)


def read_jsonl(text: str, *, stem: str, path: str, flags: list[Flag]) -> tuple[list[Draft], list[Problem]]:
    """Drafts from JSON Lines: one object per line; blank lines are skipped."""
    records, problems = [], []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append((f"{stem}-{number}", f"line {number}", _parse(line)))
        except json.JSONDecodeError as error:
            problems.append(Warnings.W005.problem(path, f"line {number}: malformed JSON ({error.msg} at column "
                                                  f"{error.colno}); the other lines were loaded"))
        except _TooDeep:
            problems.append(Warnings.W012.problem(path, f"line {number}: {_TOO_DEEP}; the other lines were loaded"))
    drafts, record_problems = _read_records(records, path, flags)
    return drafts, problems + record_problems


class _TooDeep(Exception):
    """A JSON document nests arrays and objects deeper than MAX_DEPTH."""


def _parse(text: str):
    """`json.loads(text)`, refusing nesting deeper than MAX_DEPTH before the parser recurses into it."""
    if _depth(text) > MAX_DEPTH:
        raise _TooDeep
    return json.loads(text)


def _depth(text: str) -> int:
    """Deepest nesting of `[` and `{` outside strings (a linear scan; malformed text is left to the parser)."""
    deepest = depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _read_records(records, path: str, flags: list[Flag]) -> tuple[list[Draft], list[Problem]]:
    drafts, problems = [], []
    for default_id, where, record in records:
        result = _draft(record, default_id=default_id, where=where, path=path, flags=flags)
        (drafts if isinstance(result, Draft) else problems).append(result)
    return drafts, problems


def _draft(record, *, default_id: str, where: str, path: str, flags: list[Flag]) -> Draft | Problem:
    if not isinstance(record, dict):
        return Warnings.W005.problem(path, f"{where}: expected a JSON object, found {type(record).__name__}")
    record = dict(record)
    fields = {name: _take(record, name) for name in FIELD_NAMES}
    text = fields["text"]
    if not isinstance(text, str) or not text.strip():
        found = "no" if text is None else f"a non-text ({type(text).__name__})"
        return Warnings.W002.problem(path, f"{where}: {found} 'text' field; give the article text as a string")
    title = _as_text(fields["title"])
    parsed = parse_plain(text, known_title=title)
    return Draft(
        id_hint=default_id if fields["id"] is None else str(fields["id"]),
        path=path,
        body=parsed.body,
        title=title or parsed.title,
        outlet=_as_text(fields["outlet"]) or parsed.outlet,
        author=_as_text(fields["author"]) or parsed.author,
        published=parsed.published if fields["published"] is None else fields["published"],
        url=_as_text(fields["url"]),
        metadata={**parsed.metadata, **record},
        flags=[flag.model_copy(deep=True) for flag in flags],
    )


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def _pick(record: dict, name: str) -> str | None:
    """The first key of field `name` with a non-empty value in `record`."""
    return next((key for key in FIELD_NAMES[name] if not _empty(record.get(key))), None)


def _take(record: dict, name: str):
    """Value of field `name` (None if absent); its key and empty alias keys leave `record`."""
    chosen = _pick(record, name)
    value = record.pop(chosen) if chosen else None
    for key in FIELD_NAMES[name]:
        if key in record and _empty(record[key]):
            del record[key]
    return value


def _as_text(value) -> str | None:
    """A field value as text: lists joined ("A and B"), objects by their name."""
    if value is None:
        return None
    if isinstance(value, list):
        return " and ".join(filter(None, map(_as_text, value))) or None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    return str(value)
