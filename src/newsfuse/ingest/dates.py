"""Publication dates in any common format -> ISO ``YYYY-MM-DD``.

Only complete, absolute dates are accepted: "yesterday" or "27 August"
(no year) would depend on the day ingest runs, so they give ``None``.
Impossible dates are rejected, never read another way: "02.29.12" is not
2029-12-02 (it can only be 29 February 2012), "2021-02-30" and a year before
MIN_YEAR or after next year give ``None``. All-numeric dates are read by the
only day/month order that makes a date; when both do ("08.07.12") dots are
read day first and slashes month first, and :func:`day_month_guessed` says so.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
# "08.07.2012", "6/6/13", "2012/02/29", optionally followed by a time.
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,4})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:$|[T\s,])")
MIN_YEAR = 1900
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ENGLISH_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_EPOCH_MS = 10**11  # a numeric timestamp above this counts milliseconds
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def to_iso_date(value) -> str | None:
    """ISO date of `value` (str, epoch seconds/milliseconds, date or datetime) or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return _from_string(value.strip())


@lru_cache(maxsize=4096)
def _from_string(text: str) -> str | None:
    if text.isdigit():
        return _from_epoch(int(text))
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        read = _from_numeric(numeric)
        return read[0].isoformat() if read else None
    return _plausible(_from_iso(text) or _from_english(text) or _from_words(text))


def day_month_guessed(value) -> bool:
    """Whether `value` is an all-numeric date whose day/month order had to be guessed ("08.07.12")."""
    numeric = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
    read = _from_numeric(numeric) if numeric else None
    return bool(read and read[1])


def _from_numeric(match: re.Match) -> tuple[date, bool] | None:
    """(date, whether the day/month order was a guess) of a _NUMERIC_DATE match, None when impossible."""
    first, separator, second, third = match.groups()
    if len(first) == 4:
        chosen = _valid(int(first), int(second), int(third))
        return (chosen, False) if chosen else None
    year = int(third) if len(third) == 4 else _century(int(third))
    month_first = _valid(year, int(first), int(second))
    day_first = _valid(year, int(second), int(first))
    if month_first and day_first and month_first != day_first:
        return (day_first if separator == "." else month_first), True
    chosen = month_first or day_first
    return (chosen, False) if chosen else None


def _century(year: int) -> int:
    """A two-digit year: this century unless that would be after next year."""
    return 2000 + year if 2000 + year <= date.today().year + 1 else 1900 + year


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if MIN_YEAR <= year <= date.today().year + 1 else None


def _plausible(iso: str | None) -> str | None:
    """`iso` unless its year is before MIN_YEAR or after next year."""
    return iso if iso and MIN_YEAR <= int(iso[:4]) <= date.today().year + 1 else None


def _from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_MS:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d")
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> str | None:
    match = _ISO.match(text)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _from_english(text: str) -> str | None:
    """Fast path for "May 3rd, 2013", "27 Aug. 2021" and the like (dateparser takes milliseconds)."""
    cleaned = " ".join(_ORDINAL.sub("", text).replace(",", " ").replace(".", " ").split())
    for pattern in _ENGLISH_FORMATS:
        try:
            return datetime.strptime(cleaned.replace("Sept ", "Sep "), pattern).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def _from_words(text: str) -> str | None:
    # No year, no complete date: skip dateparser, which is slow on hopeless input.
    if not _YEAR.search(text):
        return None
    import dateparser  # imported on first use: most inputs never need it

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    return parsed.strftime("%Y-%m-%d") if parsed else None
