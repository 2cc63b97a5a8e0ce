"""Articles from uploaded bytes: the ingest readers, run on memory instead of files.

Nothing a client sends becomes a path: the client's file name only picks the
format (by its suffix) and seeds the article id (through `safe_id`). Limits on
sizes and counts are checked here and by the request handlers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from newsfuse.identity import renamed_problem, settle_id
from newsfuse.ingest.build import Draft, build_article, oversized, safe_id, unusable_text
from newsfuse.ingest.files import FORMATS, SUPPORTED_HINT, decode_bytes, over_limit, sniff_format
from newsfuse.ingest.html import read_html
from newsfuse.ingest.plaintext import parse_plain
from newsfuse.ingest.records import read_json, read_jsonl
from newsfuse.models import Article, Problem
from newsfuse.store import Store

MAX_FILE_BYTES = 2_000_000  # one uploaded file or pasted text
MAX_FILES = 20  # per request
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 100_000  # whole request body, form overhead included
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


def read_upload(upload: Upload, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[list[Draft], list[Problem]]:
    """Drafts of the articles in one upload, or the problems that stopped them (codes as in ingest)."""
    label = upload_label(upload.name)
    where = f"upload:{label}"
    if len(upload.data) > max_bytes:
        return [], [Problem(path=where, code="W004", message=f"{over_limit(len(upload.data), max_bytes)} "
                                                             "for uploads; split it")]
    decoded = decode_bytes(upload.data)
    if decoded is None:
        return [], [Problem(path=where, code="W003", message="looks binary, not text; " + SUPPORTED_HINT)]
    text, flags = decoded
    if not text.strip():
        return [], [Problem(path=where, code="W002", message="is empty; add the article text")]
    kind = upload_format(upload.name, text)
    if kind is None:
        return [], [Problem(path=where, code="W007", message=f"unsupported file type; {SUPPORTED_HINT}")]
    stem = PurePosixPath(label).stem
    if kind in ("json", "jsonl"):
        reader = read_json if kind == "json" else read_jsonl
        return reader(text, stem=stem, path=where, flags=flags)
    draft = _page_draft(text, kind, stem, where)
    if draft is None:
        return [], [Problem(path=where, code="W002", message="no article text found in the page")]
    draft.flags.extend(flags)
    return [draft], []


def _page_draft(text: str, kind: str, stem: str, where: str) -> Draft | None:
    if kind == "html":
        return read_html(text, id_hint=stem, path=where)
    parsed = parse_plain(text)
    return Draft(id_hint=stem, path=where, body=parsed.body, title=parsed.title, outlet=parsed.outlet,
                 author=parsed.author, published=parsed.published, metadata=parsed.metadata)


def new_articles(store: Store, drafts: list[Draft]) -> tuple[list[Article], list[Problem]]:
    """Finished articles from `drafts`, with ids unused in `store`; known texts become W009 problems.

    An upload never replaces a stored article: an id that names another text
    (stored or earlier in the batch) is replaced by the text-derived one, with a W010 note.
    """
    batch: dict[str, str] = {}  # id -> content hash, for this batch
    seen_hashes: dict[str, str] = {}
    articles, problems = [], []
    for draft in drafts:
        if refused := oversized(draft):
            problems.append(refused)
            continue
        asked = build_article(draft, safe_id(draft.id_hint))
        known = seen_hashes.get(asked.content_hash) or store.article_id_for_hash(asked.content_hash)
        if unusable := unusable_text(asked.text):
            code, reason = unusable
            problems.append(Problem(path=draft.path, code=code, message=f"'{asked.id}' {reason}"))
        elif known:
            problems.append(Problem(path=draft.path, code="W009",
                                    message=f"same text as the stored article '{known}'; not added again"))
        else:
            article = settle_id(asked, lambda article_id: batch.get(article_id) or store.hash_under(article_id))
            if article is not asked:
                problems.append(renamed_problem(asked, article))
            batch[article.id] = article.content_hash
            seen_hashes[article.content_hash] = article.id
            articles.append(article)
    return articles, problems
