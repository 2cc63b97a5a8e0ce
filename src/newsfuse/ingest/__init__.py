"""Ingest stage: files, folders and glob patterns in, repaired :class:`Article` records out.

    result = load(["stories/kabul/", "extra/*.json"])
    result.articles   # list[Article], in input order, ids unique
    result.problems   # list[Problem], one line per bad input item

Bad input is normal input: a missing path, an empty, binary, oversized or
unreadable file, malformed JSON, or a copy of an article already loaded each
become one Problem (codes W001-W013, see `newsfuse.errors`) while the rest
is processed. Files are opened read-only; no network is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.identity import renamed_problem, settle_id
from newsfuse.ingest.build import Draft, build_article, oversized, safe_id, unusable_text
from newsfuse.ingest.files import SUPPORTED_HINT, expand_paths, file_format, problem, read_text, sniff_format
from newsfuse.ingest.html import read_html
from newsfuse.ingest.plaintext import parse_plain
from newsfuse.ingest.records import read_json, read_jsonl
from newsfuse.ingest.repair import repair_text
from newsfuse.models import Article, Problem

__all__ = ["IngestResult", "load", "load_file", "repair_text"]

DEFAULT_MAX_BYTES = 20_000_000
MAX_HTML_CHARS = 5_000_000  # markup of one page; extraction costs ~1 s of CPU per MB


@dataclass
class IngestResult:
    """Articles loaded (input order) and the problems met on the way."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load(paths, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Load every article under `paths` (files, folders searched recursively, globs).

    `max_bytes`: files larger than this are reported (W004) without being read.
    Articles with text identical to one loaded earlier are reported (W009) and
    skipped. Never raises for bad input.
    """
    files, problems = expand_paths(paths)
    drafts: list[Draft] = []
    for path in files:
        file_drafts, file_problems = load_file(path, max_bytes=max_bytes)
        drafts.extend(file_drafts)
        problems.extend(file_problems)
    articles, build_problems = _build_all(drafts)
    return IngestResult(articles=articles, problems=problems + build_problems)


def load_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Draft], list[Problem]]:
    """Drafts of the articles in one file, or the problems that stopped them."""
    kind = file_format(path)
    if kind is None:
        return [], [problem(path, "W007", f"unsupported file type '{path.suffix}'; {SUPPORTED_HINT}")]
    read = read_text(path, max_bytes)
    if isinstance(read, Problem):
        return [], [read]
    text, flags = read
    kind = kind or sniff_format(text)
    if kind in ("json", "jsonl"):
        reader = read_json if kind == "json" else read_jsonl
        return reader(text, stem=path.stem, path=str(path), flags=flags)
    if kind == "html" and len(text) > MAX_HTML_CHARS:
        return [], [problem(path, "W004", f"has {len(text):,} characters of HTML, over the {MAX_HTML_CHARS:,} "
                                          "one page may have; save the article alone, or its text")]
    draft = _read_page(text, kind, path)
    if draft is None:
        return [], [problem(path, "W002", "no article text found in the page; check it is an article page")]
    draft.flags.extend(flags)
    return [draft], []


def _read_page(text: str, kind: str, path: Path) -> Draft | None:
    if kind == "html":
        return read_html(text, id_hint=path.stem, path=str(path))
    parsed = parse_plain(text)
    return Draft(id_hint=path.stem, path=str(path), body=parsed.body, title=parsed.title,
                 outlet=parsed.outlet, author=parsed.author, published=parsed.published,
                 metadata=parsed.metadata)


def _build_all(drafts: list[Draft]) -> tuple[list[Article], list[Problem]]:
    """Articles from drafts; empty texts and repeated contents become problems.

    An id asked for by two different texts goes to the first; the other gets
    its text-derived id and a W010 note (see `newsfuse.identity`).
    """
    hash_by_id: dict[str, str] = {}
    first_by_hash: dict[str, Article] = {}
    articles, problems = [], []
    for draft in drafts:
        if refused := oversized(draft):
            problems.append(refused)
            continue
        asked = build_article(draft, safe_id(draft.id_hint))
        if unusable := unusable_text(asked.text):
            code, reason = unusable
            problems.append(problem(draft.path, code, f"'{asked.id}' {reason}"))
        elif asked.content_hash in first_by_hash:
            first = first_by_hash[asked.content_hash]
            problems.append(problem(draft.path, "W009", f"'{asked.id}' has the same text as '{first.id}' "
                                                        f"({first.path}); kept '{first.id}' only"))
        else:
            article = settle_id(asked, hash_by_id.get)
            if article is not asked:
                problems.append(renamed_problem(asked, article))
            hash_by_id[article.id] = article.content_hash
            first_by_hash[article.content_hash] = article
            articles.append(article)
    return articles, problems
