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

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import Warnings
from newsfuse.identity import renamed_problem, settle_id
from newsfuse.ingest.build import Draft, build_article, oversized, safe_id, unusable_text
from newsfuse.ingest.drafts import drafts_from_text
from newsfuse.ingest.files import SUPPORTED_HINT, expand_paths, file_format, read_text, sniff_format
from newsfuse.ingest.repair import repair_text
from newsfuse.ingest.uploads import Upload, read_upload
from newsfuse.models import Article, Problem

__all__ = ["IngestResult", "Upload", "load", "load_file", "load_uploads", "repair_text"]

DEFAULT_MAX_BYTES = 20_000_000


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
    return _ingest((load_file(path, max_bytes=max_bytes) for path in files), problems)


def load_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Draft], list[Problem]]:
    """Drafts of the articles in one file, or the problems that stopped them."""
    kind = file_format(path)
    if kind is None:
        return [], [Warnings.W007.problem(path, f"unsupported file type '{path.suffix}'; {SUPPORTED_HINT}")]
    read = read_text(path, max_bytes)
    if isinstance(read, Problem):
        return [], [read]
    text, flags = read
    return drafts_from_text(text, flags, kind=kind or sniff_format(text), stem=path.stem, where=str(path))


def load_uploads(uploads: list[Upload], *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Like :func:`load`, for inputs given as bytes (web uploads, pasted text); never raises for bad input."""
    return _ingest((read_upload(upload, max_bytes=max_bytes) for upload in uploads), [])


def _ingest(reads: Iterable[tuple[list[Draft], list[Problem]]], problems: list[Problem]) -> IngestResult:
    """Articles from each input's (drafts, problems), after the `problems` met finding the inputs."""
    drafts: list[Draft] = []
    for found, refused in reads:
        drafts.extend(found)
        problems.extend(refused)
    articles, build_problems = _build_all(drafts)
    return IngestResult(articles=articles, problems=problems + build_problems)


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
            problems.append(code.problem(draft.path, f"'{asked.id}' {reason}"))
        elif asked.content_hash in first_by_hash:
            first = first_by_hash[asked.content_hash]
            problems.append(Warnings.W009.problem(draft.path, f"'{asked.id}' has the same text as '{first.id}' "
                                                        f"({first.path}); kept '{first.id}' only"))
        else:
            article = settle_id(asked, hash_by_id.get)
            if article is not asked:
                problems.append(renamed_problem(asked, article))
            hash_by_id[article.id] = article.content_hash
            first_by_hash[article.content_hash] = article
            articles.append(article)
    return articles, problems
