"""Publication dates in any common format -> ISO ``YYYY-MM-DD``.

Only complete, absolute dates are accepted: "yesterday" or "27 August"
(no year) would depend on the day ingest runs, so they give ``None``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
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
    text = value.strip()
    if text.isdigit():
        return _from_epoch(int(text))
    return _from_iso(text) or _from_words(text)


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


def _from_words(text: str) -> str | None:
    # No year, no complete date: skip dateparser, which is slow on hopeless input.
    if not _YEAR.search(text):
        return None
    import dateparser  # imported on first use: most inputs never need it

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    return parsed.strftime("%Y-%m-%d") if parsed else None
