"""From a format reader's draft to a finished :class:`Article`.

Every format (plain text, HTML, JSON) produces :class:`Draft` records; this
module repairs the body, normalises the fields, guesses the language, and
computes the content hash, the same way for all of them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from newsfuse.errors import Code, Warnings
from newsfuse.ingest.dates import to_iso_date
from newsfuse.ingest.language import guess_language, non_english_reason
from newsfuse.ingest.plaintext import fallback_title
from newsfuse.ingest.repair import repair_text
from newsfuse.models import MAX_ARTICLE_CHARS, TITLE_FROM_TEXT, Article, Flag, Problem

NON_ENGLISH = "non-english"
DATE_UNPARSED = "date-unparsed"
_UNSAFE_ID_CHARS = re.compile(r"[^\w.-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Draft:
    """One article as a reader found it: raw body (header removed) and raw fields."""

    id_hint: str  # file stem, JSON id, or stem-line
    path: str
    body: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: object = None  # anything to_iso_date understands
    url: str | None = None
    metadata: dict = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)


def safe_id(hint: str) -> str:
    """`hint` with runs of characters other than letters, digits, `.`, `_`, `-` made `-`."""
    return _UNSAFE_ID_CHARS.sub("-", hint).strip("-") or "article"


def oversized(draft: Draft) -> Problem | None:
    """W013 when the draft's body is over MAX_ARTICLE_CHARS: refused before any repair or analysis."""
    if len(draft.body) <= MAX_ARTICLE_CHARS:
        return None
    return Warnings.W013.problem(draft.path, f"'{safe_id(draft.id_hint)}' has {len(draft.body):,} characters, "
                                              f"over the {MAX_ARTICLE_CHARS:,}-character limit of one article; split it")


def unusable_text(text: str) -> tuple[Code, str] | None:
    """(code, reason) when `text` cannot be an article: empty (W002) or without a letter (W011)."""
    if not text:
        return Warnings.W002, "has no article text; remove it or add the text"
    if not any(character.isalpha() for character in text):
        return Warnings.W011, "has no words (only punctuation, digits or symbols); give an article text"
    return None


def build_article(draft: Draft, article_id: str) -> Article:
    """The finished article: repaired text, clean fields, language, flags, hash.

    When the draft has no title, the first sentence of the text becomes the
    title (and stays in the text), and `metadata["title_from"]` says so.
    """
    text, repair_flags = repair_text(draft.body)
    flags = [*draft.flags, *repair_flags]
    published = to_iso_date(draft.published)
    metadata = _encodable(draft.metadata)
    if draft.published not in (None, "") and published is None:
        metadata["published_raw"] = str(draft.published)
        flags.append(Flag(name=DATE_UNPARSED, detail=f"Publication date {str(draft.published)[:80]!r} "
                                                     "is not a complete date; left empty."))
    language = guess_language(text)
    reason = non_english_reason(text, language)
    if reason:
        flags.append(Flag(name=NON_ENGLISH, detail=reason))
    title = clean_field(draft.title)
    if title is None and (title := fallback_title(text)):
        metadata["title_from"] = TITLE_FROM_TEXT
    for flag in flags:
        for evidence in flag.evidence:
            evidence.article = article_id
    return Article(
        id=article_id,
        path=draft.path,
        title=title,
        outlet=clean_field(draft.outlet),
        author=clean_field(draft.author),
        published=published,
        url=clean_field(draft.url),
        language=language,
        text=text,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        flags=flags,
        metadata=metadata,
    )


def _encodable(value):
    """`value` (a record's extra fields) with lone surrogates, which no UTF-8 store can hold, made U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_encodable(key): _encodable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encodable(item) for item in value]
    return value


def clean_field(value) -> str | None:
    """A header field repaired like the text and put on one line; None when empty."""
    if value is None:
        return None
    text, _ = repair_text(str(value))
    return " ".join(text.split()) or None

