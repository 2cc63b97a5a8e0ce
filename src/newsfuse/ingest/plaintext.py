"""Header and boilerplate conventions of plain-text news feeds.

Feeds and clipping services put metadata into the text itself::

     date 2021-08-27 First sentence of the body ...      (date prefix)
    National Post                                        (outlet line)
    IS-K attack reveals Taliban's vulnerability          (title line)
    Used Kabul's airport as place to mark arrival        (sub-title)
    - Raffaello Pantucci The Daily Telegraph ...         (byline)
    ...
    Newspapers in English                                (trailing boilerplate)

`parse_plain` recognises such lines by their shape, not by their words:
a title is short, has at least two words and no sentence-final punctuation;
an outlet line is a short name-like line before the title. Recognised lines
move into fields; everything else stays in the body, unchanged. Credit lines
like "(With inputs from AFP)" are body text and stay.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from newsfuse.ingest.dates import to_iso_date
from newsfuse.ingest.repair import normalise_whitespace

MAX_HEADER_LINES = 8  # non-blank lines examined for header fields
MAX_HEADINGS = 3  # outlet, title, sub-title
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 200
MAX_EXCLAIMED_TITLE_WORDS = 12  # longer lines ending in ? or ! are sentences
MAX_OUTLET_WORDS = 6
MAX_BARE_OUTLET_WORDS = 3  # an outlet name without a word like "News"
MAX_SHOUTED_OUTLET_WORDS = 3  # a longer line in capitals is a shouted headline
MAX_NAME_WORDS = 4  # words of one person's name in a byline
FALLBACK_TITLE_CHARS = 200

_DATE_VALUE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}(?!\d))"
    r"|\d{1,2}(?:st|nd|rd|th)? [a-z]{3,9}\.?,? \d{4}"
    r"|[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
)
_DATE_IN_LINE = re.compile(_DATE_VALUE, re.IGNORECASE)
# "date 2021-08-27 The blasts ...": a labelled date opening the first line of text.
_DATE_PREFIX = re.compile(rf"^(?:date|dated|published|posted|updated)\s*[:\-–—]?\s*({_DATE_VALUE})\b[\s,;:\-–—]*",
                          re.IGNORECASE)
_SPACED_SEPARATOR = re.compile(r"(?<=\d) ?([/:.]) ?(?=\d)")  # "05 / 02 / 2013", "1: 12 PM"
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\b[ap]\.? ?m\b\.?", re.IGNORECASE)
# Words that may surround a date on a date line ("Updated Fri., May 3, 2013 at 11:00 AM EDT").
_DATE_LINE_WORDS = frozenset(
    "updated published posted created edited modified first originally last date dated time story on at "
    "am pm hrs et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist z monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
_ZONE = re.compile(r"^[A-Z]{2,5}$")  # time-zone or country abbreviations: EDT, AEST, UK
_BYLINE = re.compile(r"^(?:by|written by|author:?|[-–—]|by:)\s+(?=\S)", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
# A sentence ends at . ! ? or … (but not an initial like "P.") before a capitalised word.
_SENTENCE_END = re.compile(r"(?:(?<!\b[A-Z])\.|[!?…])[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_CLOSING = "\"'”’)]"
_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+")
_WORD_3 = re.compile(r"[^\W\d_]{3,}")  # a title has at least two words of three letters

# Words that mark a name-like line as a news outlet ("National Post", "BBC News").
OUTLET_WORDS = frozenset(
    "news post times journal herald tribune telegraph guardian gazette press daily weekly chronicle "
    "observer express mail mirror star sun standard independent reuters afp ap agency radio tv "
    "television broadcasting network magazine review today insider wire bulletin courier record "
    "monitor register examiner inquirer dispatch globe sentinel citizen nation republic voice "
    "online media world report economist atlantic bbc cnn npr".split()
)
# Words written with a full stop that does not end the sentence ("Rep. Schiff").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof rev st jr sr gov sen rep gen lt col maj capt cmdr adm sgt pres dept inc corp co "
    "ltd no vs jan feb mar apr aug sept oct nov dec u.s u.k u.n".split()
)
# Capitalised words that start a phrase rather than continue a name.
_NOT_NAME = frozenset("the a an of in on at for from and with to is was by this that".split())
_NAME_PARTICLES = frozenset("al bin ibn de del della der di da van von la le du dos st".split())

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
        match = _DATE_PREFIX.match(line)
        if not match or not to_iso_date(match.group(1)):
            return line
        date, line = match.group(1), line[match.end():].strip()
    parsed.published = parsed.published or date
    return line if line and date_line(line) is None else None


def date_line(line: str) -> str | None:
    """The date written on `line` if the line holds only a date (with time, weekday, "Updated")."""
    squeezed = _SPACED_SEPARATOR.sub(r"\1", line)
    match = _DATE_IN_LINE.search(squeezed)
    if not match:
        return None
    rest = _TIME.sub(" ", _DATE_IN_LINE.sub(" ", squeezed))
    if any(word.lower() not in _DATE_LINE_WORDS and not _ZONE.match(word) for word in re.findall(r"[^\W_]+", rest)):
        return None
    return match.group() if to_iso_date(match.group()) else None


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
    if parsed.author is None and _BYLINE.match(line):
        byline = parse_byline(line, known_outlets=headings)
        if byline:
            parsed.author, extras = byline
            parsed.metadata.update(extras)
            return True
    heading = _MARKDOWN_HEADING.sub("", line)
    if len(headings) == MAX_HEADINGS:  # a run of short lines is body text, not a header
        return False
    shaped = is_heading_shaped(line) and not following.line[:1].islower()
    outlet_first = not headings and _is_name_like(line) and is_heading_shaped(following.text)
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


def is_heading_shaped(line: str) -> bool:
    """Short, two words or more, not ending like a sentence or clause, not a quotation.

    Lines ending in ? or ! pass only when short ("Who are the Taliban?").
    """
    words = line.split()
    if len(words) > MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS or len(_WORD_3.findall(line)) < 2:
        return False
    if line[0] in "\"“‘'(" or line.startswith("- "):
        return False
    ending = line.rstrip(_CLOSING + " ")
    if ending.endswith(("?", "!")):
        return len(words) <= MAX_EXCLAIMED_TITLE_WORDS
    return not ending.endswith((".", ",", ";", ":", "…", "-", "–", "—"))


def is_outlet_shaped(line: str, *, followed_by: str) -> bool:
    """A name-like line ("National Post", "Reuters", "bbc.co.uk") heading a title line.

    With a word like "News" or "Post", or as a web domain, any name-like line
    qualifies; otherwise it must be at most three words and the title at least
    twice as long.
    """
    if not _is_name_like(line):
        return False
    words = line.split()
    if _DOMAIN.fullmatch(line) or any(word.lower().strip(".,") in OUTLET_WORDS for word in words):
        return True
    return len(words) <= MAX_BARE_OUTLET_WORDS and len(followed_by.split()) >= 2 * len(words)


def _is_name_like(line: str) -> bool:
    """A few capitalised words (a shouted line only if short), or a web domain."""
    words = line.split()
    if len(words) > (MAX_SHOUTED_OUTLET_WORDS if line.isupper() else MAX_OUTLET_WORDS):
        return False
    return bool(_DOMAIN.fullmatch(line)) or all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in _NAME_PARTICLES or word == "&"


def parse_byline(line: str, known_outlets: Sequence[str] = ()) -> tuple[str, dict] | None:
    """Author(s) of a byline and extras: `byline` (the line), `byline_outlet` when named.

    A name also ends where one of `known_outlets` (header lines seen before the
    byline, such as an outlet line) starts: ``- Anna Lindqvist Meridian Press
    Agency`` under an outlet line "Meridian Press Agency" gives "Anna Lindqvist".

    ``- Raffaello Pantucci The Daily Telegraph Raffaello Pantucci is ...`` gives
    "Raffaello Pantucci" and byline_outlet "The Daily Telegraph". A name ends
    at a comma, a lower-case word, a phrase-starting word ("The"), an outlet
    word, or after four words. None when no name (of two words or more, unless
    it is the only word) starts it.
    """
    bare_line = _BYLINE.sub("", line)
    for outlet in known_outlets:
        cut = bare_line.find(f" {outlet}")
        if outlet and cut > 0:
            bare_line = bare_line[:cut]
    words = bare_line.split()
    if len(words) == 1 and _is_name_word(words[0]):  # "By Reuters", "By UPI"
        return words[0], {"byline": line}
    names, position = [], 0
    while position < len(words):
        name, position = _read_name(words, position)
        if len(name) < 2:
            break
        names.append(" ".join(name).rstrip(",;|"))
        if position < len(words) and words[position].lower() in ("and", "&"):
            position += 1
            continue
        break
    if not names:
        return None
    extras = {"byline": line}
    outlet = _read_outlet(words[position:])
    if outlet:
        extras["byline_outlet"] = outlet
    return " and ".join(names), extras


def _read_name(words: list[str], position: int) -> tuple[list[str], int]:
    name: list[str] = []
    while position < len(words) and len(name) < MAX_NAME_WORDS:
        word = words[position]
        bare = word.rstrip(",;|")
        if not bare or not (bare[0].isupper() or (name and bare.lower() in _NAME_PARTICLES)):
            break
        if bare.lower() in _NOT_NAME or (len(name) >= 2 and bare.lower() in OUTLET_WORDS):
            break
        name.append(bare)
        position += 1
        if bare != word:  # punctuation ends the name
            break
    return name, position


def _read_outlet(words: list[str]) -> str | None:
    """The leading capitalised words up to the last outlet word among them ("The Daily Telegraph")."""
    run: list[str] = []
    for word in words[: 2 * MAX_OUTLET_WORDS]:
        bare = word.strip(",;|()")
        if not bare or not (bare[0].isupper() or bare.lower() in ("of", "and", "&")):
            break
        run.append(bare)
    outlet_ends = [index for index, word in enumerate(run[:MAX_OUTLET_WORDS]) if word.lower() in OUTLET_WORDS]
    if not outlet_ends:
        return None
    return " ".join(run[: outlet_ends[-1] + 1])


def _boilerplate_start(lines: list[str], body_start: int) -> int:
    """Index after the last body line: trailing boilerplate and blank lines are cut."""
    end = len(lines)
    while end > body_start and (not lines[end - 1] or BOILERPLATE.match(lines[end - 1])):
        end -= 1
    return end
