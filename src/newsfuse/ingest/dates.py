"""Publication dates in any common format -> ISO ``YYYY-MM-DD``.

Only complete, absolute dates are accepted: "yesterday" or "27 August"
(no year) would depend on the day ingest runs, so they give ``None``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
_DOTTED_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")
_NUMERIC_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2}$")  # "6/6/13": month first, as dateparser reads English
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
    return _from_iso(text) or _from_english(text) or _from_words(text)


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
    if not (_YEAR.search(text) or _NUMERIC_DATE.match(text)):
        return None
    import dateparser  # imported on first use: most inputs never need it

    settings = _DATEPARSER_SETTINGS
    if _DOTTED_DATE.match(text):  # 08.07.2012 is day first wherever dots are used
        settings = {**settings, "DATE_ORDER": "DMY"}
    parsed = dateparser.parse(text, settings=settings)
    return parsed.strftime("%Y-%m-%d") if parsed else None
