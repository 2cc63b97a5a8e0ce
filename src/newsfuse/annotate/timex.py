"""TIMEX3 annotation: every time expression of an article with its type and value.

Where `dates.extract_dates` keeps only what can go on a timeline (calendar
dates), this finds all the expressions TempEval-3 annotates and normalises
them the TimeML way: DATE ("1998-02-06", "1989-Q3", "1998-W08",
"PRESENT_REF"), TIME ("1998-02-12TNI", "1998-02-11T22:00"), DURATION
("P3Y", "PXM") and SET ("P1D", "XXXX-WXX-4").

Spans are spaCy's DATE/TIME entities, split where one entity holds two
expressions ("the quarter ended Sept. 30", "Aug. 26 to Oct. 20"), plus the
few words the entity recogniser misses ("now", "currently", "recently",
"daily"). Values come from `timex_rules` first, then from the calendar
resolver `dates.resolve`. Expressions that compare with an earlier period
("a year earlier", "the year-ago quarter", "the quarter") are anchored to the
last quarter mentioned before them, else to the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsfuse.annotate import dates, timex_rules
from newsfuse.models import Article


@dataclass(frozen=True)
class Timex:
    """One TIMEX3: `start`/`end` are character offsets into the article text."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: "1998-02-06", "1989-Q3", "P3Y", "PRESENT_REF", ...


_SPLIT = re.compile(r"\s+(?:ended|ending|to|through|until|and)\s+(?=\S*[^\W\d_]|\d{4}\b)|(?<=\d{4}),\s+(?=\d{4}\b)",
                    re.IGNORECASE)  # not "two to three weeks": the left piece must stand alone
_MISSED_WORDS = re.compile(r"\b(?:right now|now|currently|current|recently|the future|the past|daily|every day)\b",
                           re.IGNORECASE)
_EARLIER_PERIOD = re.compile(r"^(?:the )?(?:(?:a|one) year (?:earlier|ago|before)|(?:comparable |same )?"
                             r"year-(?:earlier|ago)(?: (?:first|second|third|fourth|fiscal))*(?: quarter| period)?|"
                             r"(?:the )?(?:same |corresponding |comparable )?(?:quarter|period) (?:a year (?:ago|earlier)"
                             r"|last year|of last year)|last year[’']s (?:quarter|period))$")
_SAME_PERIOD = re.compile(r"^(?:the |that |this |its )?(?:latest |same |comparable |most recent |recent |just-ended |"
                          r"past )?(\d{4} )?(?:fiscal )?(?:quarter|period)$")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_PERIOD = re.compile(r"^(?:the |its )?(?:fiscal |full |latest |calendar )?year$")
_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d$")
_NOT_TIMEX_LABELS = {"DATE", "TIME"}
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", "mornings", "afternoons", "evenings", "nights"}
_RECURRING = {"every", "each"}


def find_timexes(doc, article: Article) -> list[Timex]:
    """All TIMEX3 expressions of `doc` (spaCy Doc of `article.text`), in text order.

    Without a publication date only expressions that carry their own value
    (durations, sets, named years) are kept.
    """
    published = dates.parse_published(article.published)
    parsers = {prefer: dates.date_parser(published, prefer) for prefer in ("past", "future")}
    anchor = _Anchor(published)
    found = []
    for span in _candidate_spans(doc):
        anchored = _anchored_value(dates.normalise(span.text), published, anchor) if published else None
        typed = anchored or _value(span, published, parsers, anchor)
        if typed is None:
            continue
        kind, value = typed
        found.append(Timex(start=span.start_char, end=span.end_char, text=span.text, type=kind, value=value))
        if anchored is None:  # "a year earlier" does not move the anchor: the next one compares with the same
            anchor.remember(value)
    return found


class _Anchor:
    """The last quarter and day mentioned so far, for "a year earlier" and "the quarter"."""

    def __init__(self, published: date | None):
        self.quarter: str | None = None
        self.day: str | None = published.isoformat() if published else None

    def remember(self, value: str) -> None:
        if _QUARTER_VALUE.match(value):
            self.quarter = value
        elif _DAY_VALUE.match(value):
            self.day = value


def _candidate_spans(doc) -> list:
    """spaCy DATE/TIME entities split at connectors, then missed words outside them."""
    spans = []
    for start_char, end_char in _joined_entities(doc):
        start = start_char
        for piece in _SPLIT.finditer(doc.text, start_char, end_char):
            if timex_rules.number_value(doc.text[start:piece.start()].lower()) is not None:
                continue  # "two to three weeks": a bare count is no expression of its own
            spans.append((start, piece.start()))
            start = piece.end()
        spans.append((start, end_char))
    covered = [(ent.start_char, ent.end_char) for ent in doc.ents]
    for word in _MISSED_WORDS.finditer(doc.text):
        if not any(start < word.end() and word.start() < end for start, end in covered):
            spans.append((word.start(), word.end()))
    result = []
    for start, end in sorted(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.text.strip():
            result.append(span)
    return result


def _joined_entities(doc) -> list[tuple[int, int]]:
    """Char spans of DATE/TIME entities, a clock time joined to the day after it ("10 p.m.
    Wednesday", "5 p.m. EST, Nov. 9", not "for four hours Friday"), a day to the part of day after
    it ("Thursday evening") and "every"/"each" before a day ("each Thursday")."""
    joined: list[list[int]] = []
    previous_clock = False
    for ent in doc.ents:
        if ent.label_ not in _NOT_TIMEX_LABELS:
            previous_clock = False
            continue
        start_char = ent.start_char
        if ent.start > 0 and doc[ent.start - 1].lower_ in _RECURRING:
            start_char = doc[ent.start - 1].idx
        end = ent.end
        if end < len(doc) and doc[end].lower_ in _PARTS_OF_DAY:
            end += 1
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        gap = doc.text[joined[-1][1]:ent.start_char] if joined else None
        if previous_clock and gap is not None and re.fullmatch(r",?\s{1,2}", gap):
            joined[-1][1] = end_char
        else:
            joined.append([start_char, end_char])
        previous_clock = ent.label_ == "TIME" and timex_rules.part_of_day(dates.normalise(ent.text)) is not None
    return [(start, end) for start, end in joined]


def _value(span, published: date | None, parsers, anchor: _Anchor) -> tuple[str, str] | None:
    """(type, value) of one candidate span, None when it is no time expression."""
    text = dates.normalise(span.text)
    if not text or not dates.looks_like_date(text):
        return None
    if published is None:
        return _absolute_value(text)
    if _YEAR_PERIOD.match(text) and span.end < len(span.doc) and span.doc[span.end].lower_ in {"ended", "ending"}:
        return "DURATION", "P1Y"  # "the fiscal year ended Sept. 30": a year's span, not this year
    ruled = timex_rules.rule_value(text, published)
    if ruled is not None and ruled[0] == "SET":
        return ruled  # "Tuesday nights", "every morning": before the part of day reads one night
    clock = timex_rules.part_of_day(text)
    if clock is not None:
        return _time_value(span, text, clock, published, parsers, anchor)
    if ruled is not None:
        return ruled
    resolved = dates.resolve(span, published, parsers["future" if dates.is_future(span) else "past"])
    if resolved is None:
        return None
    day, precision, relative = resolved
    if relative and precision != "year" and dates.mentions_month(text) and not re.search(r"\b(?:last|next|this|past|coming)\b", text):
        day = dates.nearest_year(day, published, precision)
    return "DATE", dates.format_date(day, precision)


def _absolute_value(text: str) -> tuple[str, str] | None:
    """Values that need no publication date: durations, sets and explicit years."""
    ruled = timex_rules.rule_value(text, date(2000, 1, 1))
    if ruled is not None and ruled[0] in {"DURATION", "SET"}:
        return ruled
    if _YEAR.match(text):
        return "DATE", text
    return None


def _anchored_value(text: str, published: date, anchor: _Anchor) -> tuple[str, str] | None:
    """"a year earlier", "the year-ago quarter": the anchor quarter a year back; "the quarter": the anchor."""
    if _EARLIER_PERIOD.match(text):
        if anchor.quarter is not None:
            return "DATE", timex_rules.shift_years(anchor.quarter, -1)
        return "DATE", f"{published.year - 1:04d}"
    same = _SAME_PERIOD.match(text)
    if same:
        if anchor.quarter is not None:
            return "DATE", f"{same.group(1) or anchor.quarter[:4]}".strip() + anchor.quarter[4:]
        last_quarter = (published.month - 1) // 3
        return "DATE", f"{published.year:04d}-Q{last_quarter}" if last_quarter else f"{published.year - 1:04d}-Q4"
    return None


def _time_value(span, text: str, clock: str, published: date, parsers, anchor: _Anchor) -> tuple[str, str] | None:
    """A part of day or clock time on the day the rest of the span names (else the anchor day)."""
    rest = re.sub(r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|o[’']clock)|in the (?:morning|afternoon|evening)|"
                  r"morning|afternoon|evening|night|overnight|midday|noon|midnight|mid-afternoon|hours of|"
                  rf"{timex_rules.ZONES}|the early|early|late|of|about|around|approximately|roughly|"
                  r"nearly|shortly|just|after|before|at|by|until)\b", " ", text)
    rest = re.sub(r"\s+", " ", rest).strip(" ,.")
    day = None
    if rest in {"last", "yesterday"}:
        day = dates.resolve_day_word("yesterday", span, published)
    elif rest in {"", "this", "today", "tonight"}:
        day = published if text in {"tonight", "this morning", "this afternoon", "this evening"} or rest else None
    else:
        resolved = dates.resolve_day_word(rest, span, published)
        if resolved is None:
            data = parsers["past"].get_date_data(rest)
            resolved = data.date_obj.date() if data.date_obj is not None and data.period == "day" else None
            if resolved is not None and dates.mentions_month(rest) and not re.search(r"\d{4}", rest):
                resolved = dates.nearest_year(resolved, published)  # "5 p.m. EST Nov. 9" in a Nov. 2 paper
        day = resolved
    if day is None:
        if rest or not re.search(r"\d", text):
            return None  # a bare "night" or "noon" names no time TimeML marks; "10 p.m." is on the anchor day
        day_value = anchor.day
    else:
        day_value = day.isoformat()
    return ("TIME", f"{day_value}{clock}") if day_value else None
