"""Whether a date expression dates an event, and dates counted from the date before.

A timeline entry claims "this happened then". Some date expressions name a
time without dating what the sentence says: the end of a span ("from 1973
*to 1990*"), a bound ("crimes committed *before 1978*"), a habit ("the main
*Friday* prayers") or a description of a thing ("a *1987* Nissan").
`dates_no_event` tells them apart so that they stay off the timeline.

"Four years later" counts from the date mentioned before it ("moved to West
Germany in 1981 and to New York four years later" is 1985), never from the
publication date: `shift_back_or_forward` does that count, or abstains.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsfuse.annotate import timex_rules
from newsfuse.models import DateMention

_COARSE = re.compile(r"^(?:the )?(?:(?:early|mid|late)[\s-]+)?(?:[A-Z][a-z]+\.? )?\d{4}s?$")  # "1978", "May 1978"
_SPAN_END_WORDS = {"to", "and", "through", "until", "-", "–"}
_WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_COUNT = re.compile(r"(?:about |nearly |almost |some |only |just )?(.+?)[\s-]+(years?|decades?|months?|weeks?|days?)"
                    r" (later|earlier|after|afterwards?|before)$")


def dates_no_event(ent) -> bool:
    """True when the DATE entity `ent` bounds a span, names a habit, describes a thing or is a house number."""
    return _is_span_bound(ent) or _is_habit(ent) or _is_attributive_year(ent) or _is_street_number(ent)


def counts_from_previous(text: str) -> bool:
    """Whether a normalised expression counts from the date before it: "four years later", "a day earlier"."""
    count = _COUNT.match(text)
    return count is not None and timex_rules.number_value(count.group(1)) is not None


def shift_back_or_forward(text: str, previous: DateMention | None) -> tuple[date, str, bool] | None:
    """(date, precision, relative) of "four years later" / "two days earlier" counted from
    `previous`, the date mentioned before it; None without one or when the count is vague
    ("a few years later") or finer than what `previous` knows."""
    count = _COUNT.match(text)
    if count is None or previous is None:
        return None
    amount = timex_rules.number_value(count.group(1))
    if amount is None or not amount.isdigit():
        return None
    sign = -1 if count.group(3) in {"earlier", "before"} else 1
    unit, steps = count.group(2).rstrip("s"), sign * int(amount)
    start = date.fromisoformat((previous.date + "-01-01")[:10])
    if unit in {"year", "decade"}:
        years = steps * (10 if unit == "decade" else 1)
        return _replace_year(start, start.year + years), previous.precision, False
    if unit == "month" and previous.precision != "year":
        months = start.year * 12 + start.month - 1 + steps
        return start.replace(year=months // 12, month=months % 12 + 1, day=1), "month", False
    if unit in {"week", "day"} and previous.precision == "day":
        return start + timedelta(days=steps * (7 if unit == "week" else 1)), "day", False
    return None


def _replace_year(day: date, year: int) -> date:
    return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=year)


def _is_span_bound(ent) -> bool:
    """The end of "from 1973 to 1990" or "between Sept. 11, 1973, and Dec. 31, 1983" (the span
    goes on the timeline at its start; "1973-90" and "between 2015 and 2018" as one expression
    are read so), or "crimes committed before 1978"."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    bound = before in {"before", "after"} or (before == "to" and ent.start > 1 and doc[ent.start - 2].lower_ == "prior")
    if bound:  # "before 1978" bounds a span; "hours after Friday's bombing" is still that Friday
        return bool(_COARSE.search(ent.text))
    if before in _SPAN_END_WORDS:  # the span opened on a date: "between Sept. 11, 1973, ... and", "from 1973 to"
        openers = {"between"} if before == "and" else {"between", "from"}
        return any(token.lower_ in openers and doc[token.i + 1].ent_type_ == "DATE"
                   for token in doc[ent.sent.start:ent.start - 1])
    return False


def _is_habit(ent) -> bool:
    """A bare weekday modifying a plural noun: "Friday prayers", "Sunday services"."""
    return ent.text.lower() in _WEEKDAY_NAMES and ent.root.dep_ in {"compound", "amod", "nmod"} \
        and ent.root.head.tag_ in {"NNS", "NNPS"}


def _is_attributive_year(ent) -> bool:
    """A bare year describing a named thing after "a": "a 1987 Nissan", "a 1960s Cadillac"."""
    head = ent.root.head
    return bool(re.fullmatch(r"\d{4}s?", ent.text)) and ent.start > 0 \
        and ent.doc[ent.start - 1].lower_ in {"a", "an"} and head.pos_ == "PROPN" and head.i != ent.root.i


_STREET_WORDS = frozenset("street st st. avenue ave ave. road rd rd. boulevard blvd blvd. drive dr. lane way".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _is_street_number(ent) -> bool:
    """A bare number read as a year that is a house number: "at 2016 Ontario", "1600 Pennsylvania Avenue"."""
    doc = ent.doc
    if not re.fullmatch(r"\d{1,5}", ent.text) or ent.end >= len(doc):
        return False
    after = doc[ent.end]
    if not after.text[:1].isupper() or after.lower_ in _MONTHS:
        return False
    street = any(token.lower_ in _STREET_WORDS for token in doc[ent.end + 1: ent.end + 3])
    return street or (ent.start > 0 and doc[ent.start - 1].lower_ == "at")
