"""Check a briefing against the `newsfuse.briefing/1` contract.

Two layers: the JSON Schema (`briefing.schema.json`, draft 2020-12) checks
shapes, types, enums and date formats; :func:`check_references` checks what
a schema cannot: every span lies inside its article's text, evidence text is
exactly that span, and every article id a record names exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from newsfuse.errors import Errors

SCHEMA_FILE = "briefing.schema.json"


@cache
def briefing_schema() -> dict:
    """The contract as a dict (read once from the package)."""
    text = resources.files("newsfuse.render").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    schema = briefing_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_briefing(data: dict) -> None:
    """Raise NewsfuseError unless `data` (a `Briefing.to_json_dict()`) meets the contract.

    The message names the JSON path of the first problem (``$.quotes[2].kind``)
    and what is wrong there.
    """
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise Errors.E020.error(where=error.json_path, detail=f"{_shorten(error.message)}{_expected(error.schema)}")
    problem = next(check_references(data), None)
    if problem is not None:
        raise Errors.E021.error(detail=problem)


def check_references(data: dict) -> Iterator[str]:
    """Yield one sentence per broken reference in a schema-valid briefing, first found first."""
    texts = {article["id"]: article["text"] for article in data["articles"]}
    if len(texts) != len(data["articles"]):
        yield "at $.articles: two articles share one id"
    for path, article_id in _article_references(data):
        if article_id not in texts:
            yield f"at {path}: article id {article_id!r} is not in $.articles"
    for path, span in _spans(data):
        yield from _span_problems(path, span, texts)
    yield from _provenance_problems(data, texts)


def _article_references(data: dict) -> Iterator[tuple[str, str]]:
    """(JSON path, article id) for every list of article ids in the briefing."""
    lists = [("entities", "articles"), ("quotes", "articles"), ("timeline", "articles"),
             ("facts", "articles"), ("summary", "citations")]
    for section, field in lists:
        for i, record in enumerate(data.get(section, [])):
            for j, article_id in enumerate(record[field]):
                yield f"$.{section}[{i}].{field}[{j}]", article_id
    for i, conflict in enumerate(data.get("conflicts", [])):
        for j, value in enumerate(conflict["values"]):
            for k, article_id in enumerate(value["articles"]):
                yield f"$.conflicts[{i}].values[{j}].articles[{k}]", article_id


def _spans(data: dict) -> Iterator[tuple[str, dict]]:
    """(JSON path, object with article/start/end) for every span in the briefing."""
    for section in ("timeline", "facts", "relations", "provenance", "summary"):
        for i, record in enumerate(data.get(section, [])):
            for j, evidence in enumerate(record.get("evidence", [])):
                yield f"$.{section}[{i}].evidence[{j}]", evidence
    for i, conflict in enumerate(data.get("conflicts", [])):
        for j, value in enumerate(conflict["values"]):
            for k, evidence in enumerate(value.get("evidence", [])):
                yield f"$.conflicts[{i}].values[{j}].evidence[{k}]", evidence
    for i, quote in enumerate(data.get("quotes", [])):
        for j, variant in enumerate(quote["variants"]):
            yield f"$.quotes[{i}].variants[{j}]", {**variant, "text": ""}  # variant text may join pieces
    for i, number in enumerate(data.get("numbers", [])):
        yield f"$.numbers[{i}]", {**number, "text": ""}  # number text may be normalised
    for i, article in enumerate(data["articles"]):
        for j, flag in enumerate(article["flags"]):
            for k, evidence in enumerate(flag.get("evidence", [])):
                yield f"$.articles[{i}].flags[{j}].evidence[{k}]", evidence


def _span_problems(path: str, span: dict, texts: dict[str, str]) -> Iterator[str]:
    text = texts.get(span["article"])
    if text is None:
        yield f"at {path}.article: article id {span['article']!r} is not in $.articles"
        return
    start, end = span["start"], span["end"]
    if not 0 <= start <= end <= len(text):
        yield (f"at {path}: span {start}:{end} is outside article {span['article']!r} "
               f"({len(text)} characters) or ends before it starts")
    elif span.get("text") and span["text"] != text[start:end]:
        yield (f"at {path}.text: {_shorten(span['text'])!r} is not the article's text at "
               f"{start}:{end}, which reads {_shorten(text[start:end])!r}")


def _provenance_problems(data: dict, texts: dict[str, str]) -> Iterator[str]:
    """An edge's target is an article; its source too, unless the edge cites an outlet."""
    for i, edge in enumerate(data.get("provenance", [])):
        if edge["target"] not in texts:
            yield f"at $.provenance[{i}].target: article id {edge['target']!r} is not in $.articles"
        if edge["relation"] != "cites" and edge["source"] not in texts:
            yield f"at $.provenance[{i}].source: article id {edge['source']!r} is not in $.articles"


def _expected(schema) -> str:
    """" (expected: ...)" from the failing subschema's description, when it has a short one."""
    description = schema.get("description", "") if isinstance(schema, dict) else ""
    return f" (expected {description})" if description and len(description) < 80 else ""


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
