"""What one line at the head of a plain-text article is, by its shape, not its words.

A date line ("Updated Fri., May 3, 2013 at 11:00 AM EDT"), a date prefix
("date 2021-08-27 The blasts ..."), a heading (short, two words or more, not
ending like a sentence), an outlet line ("National Post", "bbc.co.uk") and a
byline ("- Raffaello Pantucci The Daily Telegraph"). :mod:`newsfuse.ingest.plaintext`
walks the header with these tests and moves what they recognise into fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.ingest.dates import to_iso_date

MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 200
MAX_EXCLAIMED_TITLE_WORDS = 12  # longer lines ending in ? or ! are sentences
MAX_OUTLET_WORDS = 6
MAX_BARE_OUTLET_WORDS = 3  # an outlet name without a word like "News"
MAX_SHOUTED_OUTLET_WORDS = 3  # a longer line in capitals is a shouted headline
MAX_NAME_WORDS = 4  # words of one person's name in a byline

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
# Capitalised words that start a phrase rather than continue a name.
_NOT_NAME = frozenset("the a an of in on at for from and with to is was by this that".split())
_NAME_PARTICLES = frozenset("al bin ibn de del della der di da van von la le du dos st".split())


def split_date_prefix(line: str) -> tuple[str, str] | None:
    """The labelled date opening `line` ("date 2021-08-27 The blasts ...") and the rest of the line, or None."""
    match = _DATE_PREFIX.match(line)
    if not match or not to_iso_date(match.group(1)):
        return None
    return match.group(1), line[match.end():].strip()


def opens_byline(line: str) -> bool:
    """Whether `line` starts like a byline ("By ...", "- ...", "Author: ...")."""
    return bool(_BYLINE.match(line))


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
    if not is_name_like(line):
        return False
    words = line.split()
    if _DOMAIN.fullmatch(line) or any(word.lower().strip(".,") in OUTLET_WORDS for word in words):
        return True
    return len(words) <= MAX_BARE_OUTLET_WORDS and len(followed_by.split()) >= 2 * len(words)


def is_name_like(line: str) -> bool:
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
