"""Header and boilerplate conventions of plain-text news feeds.

Feeds and clipping services put metadata into the text itself::

     date 2021-08-27 First sentence of the body ...      (date prefix)
    National Post                                        (outlet line)
    IS-K attack reveals Taliban's vulnerability          (title line)
    Used Kabul's airport as place to mark arrival        (sub-title)
    - Raffaello Pantucci The Daily Telegraph ...         (byline)
    ...
    Newspapers in English                                (trailing boilerplate)

`parse_plain` recognises such lines by their shape, not by their words
(:mod:`newsfuse.ingest.header_lines` tests one line):
a title is short, has at least two words and no sentence-final punctuation;
an outlet line is a short name-like line before the title. Recognised lines
move into fields; everything else stays in the body, unchanged. Credit lines
like "(With inputs from AFP)" are body text and stay.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from newsfuse.ingest.header_lines import (date_line, is_heading_shaped, is_name_like, is_outlet_shaped, opens_byline,
                                          parse_byline, split_date_prefix)
from newsfuse.ingest.repair import normalise_whitespace

MAX_HEADER_LINES = 8  # non-blank lines examined for header fields
MAX_HEADINGS = 3  # outlet, title, sub-title
FALLBACK_TITLE_CHARS = 200

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
# A sentence ends at . ! ? or … (but not an initial like "P.") before a capitalised word.
_SENTENCE_END = re.compile(r"(?:(?<!\b[A-Z])\.|[!?…])[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Words written with a full stop that does not end the sentence ("Rep. Schiff").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof rev st jr sr gov sen rep gen lt col maj capt cmdr adm sgt pres dept inc corp co "
    "ltd no vs jan feb mar apr aug sept oct nov dec u.s u.k u.n".split()
)

# Whole lines that are page furniture, not article text.
BOILERPLATE = re.compile(
    r"""^(?:
        newspapers\s+(?:in|from)\s+[\w .'-]{2,40}
      | (?:©|\(c\)\s|copyright\b).{0,150}
      | all\s+rights\s+reserved\.?
      | advertisement
      | (?:share|print|email|tweet)(?:\s+this(?:\s+(?:article|story|page))?)?
      | (?:subscribe|sign\s+up)\b.{0,100}
      | follow\s+us\b.{0,100}
      | (?:read|see)\s+more\b.{0,100}
      | related(?:\s+(?:articles?|stories|coverage|content))?\s*:.{0,100}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


class _Following(NamedTuple):
    """What comes after a header line: the very next line (maybe blank) and the next non-blank one."""

    line: str
    text: str


@dataclass
class ParsedText:
    """Body and header fields found in a plain text; `metadata` holds extras (subtitle, byline)."""

    body: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # as written; normalised later
    metadata: dict = field(default_factory=dict)


def parse_plain(text: str, *, known_title: str | None = None) -> ParsedText:
    """Split a plain-text article into header fields and body.

    Input: decoded text (Markdown front matter and `#` headings understood).
    `known_title`: the title is already known (from JSON or front matter): then
    only a leading line repeating it, Markdown headings, date/byline lines and
    boilerplate are removed.
    Output: :class:`ParsedText`; the body keeps its original line structure.
    """
    lines = normalise_whitespace(text).split("\n")
    parsed = ParsedText(body="")
    lines = _take_front_matter(lines, parsed)
    body_start = _take_header(lines, parsed, known_title or parsed.title)
    body_end = _boilerplate_start(lines, body_start)
    parsed.body = "\n".join(lines[body_start:body_end]).strip()
    return parsed


def fallback_title(text: str) -> str | None:
    """First sentence (or line) of `text`, cut at a word boundary to a title's length."""
    first_line = text.strip().split("\n", 1)[0]
    ends = (match.end() for match in _SENTENCE_END.finditer(first_line) if not _after_abbreviation(first_line, match))
    sentence = first_line[: next(ends, len(first_line))]
    if len(sentence) <= FALLBACK_TITLE_CHARS:
        return sentence or None
    return sentence[:FALLBACK_TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def _after_abbreviation(line: str, match: re.Match) -> bool:
    words = line[: match.start()].split()
    return bool(words) and words[-1].lower().lstrip("(\"'“‘") in ABBREVIATIONS


def _take_front_matter(lines: list[str], parsed: ParsedText) -> list[str]:
    """Consume a `---` delimited block of `key: value` lines (Markdown front matter)."""
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        return lines
    end = lines.index("---", 1)
    fields = {}
    for line in lines[1:end]:
        match = _FRONT_MATTER_FIELD.match(line)
        if match:
            fields[match.group(1).lower()] = match.group(2).strip().strip("\"'")
    for key in ("title", "outlet", "author", "published"):
        setattr(parsed, key, fields.pop(key, None) or None)
    parsed.outlet = parsed.outlet or fields.pop("source", None) or fields.pop("publisher", None)
    parsed.published = parsed.published or fields.pop("date", None)
    parsed.metadata.update(fields)
    return lines[end + 1:]


def _take_header(lines: list[str], parsed: ParsedText, known_title: str | None) -> int:
    """Move leading header lines into `parsed`; return the index where the body starts.

    A date prefix sharing its line with the first sentence is cut off that line
    (the list is edited in place so the body keeps the rest of the line).
    """
    headings: list[str] = []
    index, seen = 0, 0
    while index < len(lines) and seen < MAX_HEADER_LINES:
        line = lines[index]
        if not line:
            index += 1
            continue
        seen += 1
        rest = _take_date_prefix(line, parsed)
        if rest is None:
            index += 1
            continue
        if rest != line:
            lines[index] = line = rest
        following = _Following(lines[index + 1] if index + 1 < len(lines) else "", _next_text(lines, index + 1))
        if not _take_header_line(line, following, parsed, headings, known_title):
            break
        index += 1
    if index >= len(lines):  # the whole text looked like a header: it is the body
        return _keep_all_as_body(parsed)
    _assign_headings(headings, parsed)
    return index


def _take_date_prefix(line: str, parsed: ParsedText) -> str | None:
    """The line without a leading date (kept as `published` if none yet); None for a date-only line."""
    date = date_line(line)
    if date is None:
        prefixed = split_date_prefix(line)
        if prefixed is None:
            return line
        date, line = prefixed
    parsed.published = parsed.published or date
    return line if line and date_line(line) is None else None


def _next_text(lines: list[str], start: int) -> str:
    return next((line for line in itertools.islice(lines, start, start + MAX_HEADER_LINES) if line), "")


def _take_header_line(line: str, following: _Following, parsed: ParsedText, headings: list[str],
                      known_title: str | None) -> bool:
    """Record `line` if it is a header line (byline, heading); False when the body begins.

    A heading-shaped line whose next line starts in lower case is a wrapped body
    line; a short name-like line opens the header only before a heading-shaped line.
    """
    if known_title is not None and not headings and _same_text(line, known_title):
        return True  # the known title repeated as the first line
    if parsed.author is None and opens_byline(line):
        byline = parse_byline(line, known_outlets=headings)
        if byline:
            parsed.author, extras = byline
            parsed.metadata.update(extras)
            return True
    heading = _MARKDOWN_HEADING.sub("", line)
    if len(headings) == MAX_HEADINGS:  # a run of short lines is body text, not a header
        return False
    shaped = is_heading_shaped(line) and not following.line[:1].islower()
    outlet_first = not headings and is_name_like(line) and is_heading_shaped(following.text)
    if heading != line or (known_title is None and (shaped or outlet_first)):
        headings.append(heading)
        return True
    return False


def _keep_all_as_body(parsed: ParsedText) -> int:
    """Forget the byline when no body line followed the header; the body starts at 0."""
    parsed.author = None
    parsed.metadata.pop("byline", None)
    parsed.metadata.pop("byline_outlet", None)
    return 0


def _assign_headings(headings: list[str], parsed: ParsedText) -> None:
    """First heading an outlet if it looks like one, then title, then sub-titles."""
    if len(headings) >= 2 and is_outlet_shaped(headings[0], followed_by=headings[1]):
        parsed.outlet = parsed.outlet or headings.pop(0)
    if headings:
        parsed.title = parsed.title or headings.pop(0)
    if headings:
        parsed.metadata["subtitle"] = " / ".join(headings)


def _same_text(line: str, other: str) -> bool:
    def squash(value: str) -> str:
        return " ".join(value.lower().split())

    return squash(_MARKDOWN_HEADING.sub("", line)) == squash(other)


def _boilerplate_start(lines: list[str], body_start: int) -> int:
    """Index after the last body line: trailing boilerplate and blank lines are cut."""
    end = len(lines)
    while end > body_start and (not lines[end - 1] or BOILERPLATE.match(lines[end - 1])):
        end -= 1
    return end
