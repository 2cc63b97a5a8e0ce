"""Quotation marks: which side a mark opens, the quoted spans of a text, and
whether a quoted span reads as speech. Offsets are character indices (end exclusive).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsfuse.annotate.quotes.lexicon import DASHES


# Quotation marks: openers, closers, and marks whose side depends on context.
OPENERS = "“„«‹‟"


_CLOSERS = "”»›"


_QUOTE_MARK = re.compile(r"''|``|[\"“”„«»‹›‟]")


_SINGLE_QUOTE = re.compile(r"(?<![\w’'])‘(?=\w)(?P<body>[^‘’\n]*?[^\s‘])’(?!\w)")


_MIN_QUOTE_WORDS = 4


@dataclass
class QuoteSpan:
    """Characters between (and including) a pair of quotation marks.

    `closed` is False when the closing mark was missing and the span stops at
    the end of the paragraph.
    """

    start: int
    end: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of `text`."""
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]+", text) if match.group().strip()]


def _mark_side(text: str, start: int, end: int) -> str:
    """"open", "close" or "either" for the quotation mark at text[start:end]."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if mark in OPENERS or mark == "``":
        return "open"
    if mark in _CLOSERS:
        # a closer typed at the start of a word is a mistyped opener (”Yes,” she said)
        return "open" if before.isspace() and after.isalnum() else "close"
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def _mark_family(mark: str) -> str:
    """The typographic family of a quotation mark: straight, curly or angle."""
    if mark in {'"', "''", "``"}:
        return "straight"
    return "angle" if mark in "«»‹›" else "curly"


def _paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted spans inside one paragraph; an unclosed quote runs to the paragraph end.

    A second opener while a quote is open closes it when it is followed by a
    space or punctuation (a mistyped closer, as in ``“Yes,“ he said``); an
    opener of another family before a word starts a quote nested in the open
    one (``"PENCE: ... an episode of “Shark Tank.” But ...``), which a closer
    of its own family ends; otherwise it starts a new quote.
    """
    spans: list[QuoteSpan] = []
    opened: int | None = None
    opened_family = nested = None
    for match in _QUOTE_MARK.finditer(text, start, end):
        side = _mark_side(text, match.start(), match.end())
        family = _mark_family(match.group())
        if opened is None:
            if side != "close":
                opened, opened_family = match.start(), family
            continue
        if nested is not None:
            if family == nested and side != "open":
                nested = None
            continue
        after = text[match.end()] if match.end() < len(text) else " "
        if side == "open" and not (after.isspace() or after in ".,;:!?"):
            if family != opened_family:
                nested = family
                continue
            spans.append(QuoteSpan(opened, match.start(), closed=False))
            opened = match.start()
            continue
        spans.append(QuoteSpan(opened, match.end()))
        opened = None
    if opened is not None:
        spans.append(QuoteSpan(opened, len(text[:end].rstrip()), closed=False))
    return spans


def _single_quotes(text: str, start: int, end: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Curly single-quoted spans (‘like this’) not inside double quotes; an
    apostrophe (“ISIS’ core”, “don’t”) never opens one."""
    found = []
    for match in _SINGLE_QUOTE.finditer(text, start, end):
        if not any(span.start <= match.start() < span.end for span in taken):
            found.append(QuoteSpan(match.start(), match.end()))
    return found


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quoted spans of `text`, in order, paragraph by paragraph."""
    spans: list[QuoteSpan] = []
    for start, end in paragraphs(text):
        double = _paragraph_quotes(text, start, end)
        spans.extend(double + _single_quotes(text, start, end, double))
    return sorted(spans, key=lambda span: span.start)


def _quote_words(text: str, span: QuoteSpan) -> list[str]:
    return re.findall(r"\w[\w’'-]*", text[span.start: span.end])


def looks_like_speech(text: str, span: QuoteSpan) -> bool:
    """True for quoted speech, False for scare quotes (“K”, “deplorables”):
    speech has at least _MIN_QUOTE_WORDS words, or ends with punctuation inside
    its marks."""
    words = _quote_words(text, span)
    inner = text[span.start: span.end].rstrip("\"”»›' ")
    ends_like_speech = inner[-1:] in {",", ".", "?", "!", "—"} and len(words) >= 2
    return len(words) >= _MIN_QUOTE_WORDS or ends_like_speech


def is_title(text: str, span: QuoteSpan) -> bool:
    """A short run of Title Case words ("Justice Against Sponsors of Terrorism Act")."""
    words = _quote_words(text, span)
    content = [word for word in words if len(word) > 3]
    if text[span.start: span.end].rstrip("\"”»›'’ ").endswith((".", "?", "!")):
        return False
    return not content or (all(word[0].isupper() for word in content) and len(words) < 8)


def inside(position: int, spans: list[QuoteSpan]) -> bool:
    """True when `position` falls in one of `spans` (sorted by start, not overlapping)."""
    index = bisect.bisect_right([span.start for span in spans], position) - 1
    return index >= 0 and position < spans[index].end


def ends_like_clause(text: str, span: QuoteSpan) -> bool:
    """True when the quote ends with a comma, question or exclamation mark or
    dash inside its marks: it hands over to an attribution that follows."""
    inner = text[span.start: span.end].rstrip("\"”»›'’ ")
    return inner.endswith((",", "?", "!", "…", *DASHES))


def dash_follows(text: str, span: QuoteSpan) -> bool:
    """True when a dash comes right after the quote (a byline: ``..." ― Nell Grey``)."""
    return text[span.end: span.end + 4].lstrip(" \u00a0\t")[:1] in DASHES


def opens_sentence(text: str, position: int) -> bool:
    """True when only spaces separate `position` from a sentence end or a colon."""
    before = text[:position].rstrip(" \t")
    return before[-1:] in {".", "!", "?", ":", "\n", ""}


def paragraph_of(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the line holding `position`, without edge spaces."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip())


def continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """True when `span` goes on with `previous`: in the same paragraph, or in
    the next one when `previous` was left open at its paragraph's end (the
    convention for a quote running over paragraphs)."""
    between = text[previous.end: span.start]
    return "\n" not in between or (not previous.closed and not between.strip())
