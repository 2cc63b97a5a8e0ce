"""TIMEX3 values of the expressions a calendar parser cannot read.

Each rule reads one normalised expression (lower case, see
`dates.normalise`) and returns its TIMEX3 ``(type, value)`` or None:
durations ("nearly two years" -> DURATION P2Y), sets ("daily" -> SET P1D),
vague references ("now" -> PRESENT_REF, "recently" -> PAST_REF), quarters
("the third quarter" -> 1989-Q3), ISO weeks ("last week" -> 1998-W08),
weekends, seasons ("last fall" -> 1997-FA), decades ("the 1990s" -> 199),
centuries, spelt-out years ("nineteen ninety-six") and years named relative
to publication ("this year", "year-end"). Calendar days and months
("Friday", "Aug. 26") are left to `dates.resolve`; anchoring to an earlier
mention ("a year earlier") is done by `timex`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
          "quarter": "Q", "year": "Y", "decade": "E", "century": "C", "centurie": "C"}
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_NUMBER = {word: index for index, word in enumerate(_ONES)} | {
    word: index * 10 for index, word in enumerate(_TENS) if word} | {
    "a": 1, "an": 1, "single": 1, "couple of": 2, "a couple of": 2, "dozen": 12, "a dozen": 12,
    "hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000}
_VAGUE_AMOUNT = {"few", "a few", "several", "many", "some", "the", "more", "a number of"}
_NUMBER = (r"(?:\d{1,3}(?:\.\d+)?|(?:(?:a |)couple of|a few|few|several|many|some|a dozen|dozen|a hundred|hundred|"
           r"a thousand|thousand|a|an|single|(?:" + "|".join(_TENS[2:]) + r")(?:[\s-]+(?:" + "|".join(_ONES[1:10])
           + r"))?|" + "|".join(_ONES) + r"))")
_UNIT = r"(seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|century|centuries)"
_HEDGE = re.compile(r"^(?:about|around|nearly|almost|roughly|approximately|some|only|just|barely|over|under|"
                    r"more than|less than|fewer than|at least|at most|up to|no more than|as long as|as many as|"
                    r"an additional|another|a full|the|its|their|his|her|for|within)\s+")
_DURATION = re.compile(rf"^(?:(?:the |its )?(?:past|last|next|first|previous|coming|latest|final|following|"
                       rf"remaining|year-earlier|prior|ensuing|initial) )?({_NUMBER})(?:\s*(?:to|or|-)\s*{_NUMBER})?"
                       rf"( 1/2| 1-2| and a half)?[\s-]+(?:more |additional |straight |consecutive |long |full |"
                       rf"trading |business |calendar )?{_UNIT}( and a half)?(?:[\s-]+(?:long|period|ahead|or so|later|"
                       rf"earlier|ago))?(?: of (?:the|this|last|next) year| of (?:fiscal )?\d{{4}})?$")
# half of a unit in the next smaller one: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
_HALF_UNIT = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S", "M": "15D"}
_BARE_UNITS = re.compile(rf"^(?:the )?(?:(?:past|last|coming|next|recent|several|many|few|more) )*{_UNIT}"
                         r"(?: ahead| or so)?$")
_AGO = re.compile(rf"^({_NUMBER})[\s-]+(years?|decades?|months?|weeks?|days?) ago$")
_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
         "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W"}  # not "quarterly", "annually": mostly
# adjectives or manner ("quarterly dividend", "payable annually") that TimeML leaves unmarked
_EVERY = re.compile(rf"^(?:every|each|per|once a|twice a|(?:\w+ )?times a)\s+(?:single )?{_UNIT}$")
# a recurrence anywhere in an expression, for keeping it off a timeline ("every Monday", "twice a year", "annually")
_RECURRENCE = re.compile(rf"^(?:every|each)\b|\b(?:{'|'.join(_SETS)}|annually|quarterly)\b|"
                         rf"\b(?:(?:once|twice|times) a|per) {_UNIT}")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
# "every Thursday", "each July", "Mondays", "Tuesday nights": a weekday or month that recurs
_EVERY_DAY = re.compile(rf"^(?:(?:every|each)\s+(?:({'|'.join(WEEKDAYS)})s?|({'|'.join(_MONTHS)}))"
                        rf"(?:\s+(morning|afternoon|evening|night)s?)?|({'|'.join(WEEKDAYS)})s"
                        rf"|({'|'.join(WEEKDAYS)})\s+(morning|afternoon|evening|night)s)$")
_REFS = {
    "PRESENT_REF": {"now", "right now", "just now", "currently", "current", "these days", "nowadays", "at present",
                    "the present", "present", "this time", "this moment", "today's"},
    "PAST_REF": {"recently", "recent", "more recently", "the past", "in the past", "previously", "formerly",
                 "earlier", "once", "lately", "the recent past", "past years", "recent years", "recent months",
                 "recent weeks", "recent days", "recent weeks and months", "the past several quarters",
                 "the past several years", "years ago", "months ago", "long ago", "a while ago"},
    "FUTURE_REF": {"the future", "future", "soon", "the near future", "the near term", "the short term",
                   "the long term", "the longer term", "a later date", "later date", "coming months",
                   "coming years", "the coming months", "the coming years", "future quarters", "coming quarters",
                   "the years ahead", "the months ahead", "as soon as possible", "someday", "one day"},
}
_REF_OF = {phrase: ref for ref, phrases in _REFS.items() for phrase in phrases}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "last": 4, "final": 4}
_QUARTER = re.compile(r"^(?:(this|last|next|the) year[’']s |(?:the )?(?:(\d{4}) )?)?(?:fiscal[\s-]+)?"
                      r"(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal[\s-]+)?quarters?"
                      r"(?: of (?:fiscal )?(\d{4}|this year|last year|next year))?$")
_HALF = re.compile(r"^(?:the )?(first|second|last|latter) half(?: of (?:fiscal )?(\d{4}|this year|the year|"
                   r"last year|next year))?$")
_SEASONS = {"spring": ("SP", 5), "summer": ("SU", 8), "fall": ("FA", 11), "autumn": ("FA", 11),
            "winter": ("WI", 2)}  # code, last month of the season
_SEASON = re.compile(r"^(?:(last|this|next|this past|this coming|the|past|coming)\s+)?(spring|summer|fall|autumn|"
                     r"winter)(?: of (\d{4}))?$")
_WEEK = re.compile(r"^(?:(last|this|next|the past|the previous|the last|past|previous|the coming|coming|"
                   r"the following|the same) )?week$")
_WEEKEND = re.compile(r"^(?:(last|this|next|the past|the coming|the) )?weekend$")
_DECADE_DIGITS = r"(?:(1[0-9]|20)?([0-9])0[’']?s|[’'](\d)0s)"
_DECADE = re.compile(rf"^(?:the )?(?:(?:early|mid|late)[\s-]+)?{_DECADE_DIGITS}$")
_DECADE_IN = re.compile(rf"(?<![\w’']){_DECADE_DIGITS}(?!\w)")  # "from the late 1970's to early 1990's"
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_CENTURY = re.compile(r"^(?:the |this |a |last )?(?:(\d{1,2})(?:st|nd|rd|th)|(this|last|next)) century$")
_THIS_YEAR = re.compile(r"^(?:the |this |its )?(?:current |full |same |present )?(?:fiscal |calendar )?year"
                        r"(?:[’']s)?(?:[\s-]+end| to date)?$|^(?:the )?(?:end of the |year[’']s |)year[\s-]?end$|"
                        r"^(?:the )?end of (?:the|this) year$|^year[’']s end$|^earlier (?:in )?(?:the|this) year$")
_RELATIVE_YEAR = re.compile(r"^(?:the )?(last|next|past|previous|coming|prior) (?:fiscal )?year$")
_RELATIVE_MONTH = re.compile(rf"^(?:(last|this|next|this past|this coming|past|coming) ({'|'.join(_MONTHS)})|"
                             rf"({'|'.join(_MONTHS)}),? (last|this|next) year)$")
_FISCAL_YEAR = re.compile(r"^(?:fiscal|calendar|model)(?: year)?\s+[’']?(\d{4}|\d{2})$")
_PART_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
                "midday": "T12:00", "noon": "T12:00", "midnight": "T24:00", "mid-afternoon": "TAF",
                "tonight": "TNI", "mid afternoon": "TAF", "nights": "TNI", "mornings": "TMO"}
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\b\.?|o[’']clock|in the (morning|afternoon|evening))")
ZONES = r"(?:gmt|utc|edt|est|bst|cst|pst)"
_CLOCK_FIGURE = re.compile(rf"\b\d{{1,2}}[:.]\d{{2}}\b|\b{ZONES}\b")  # "10:55", "0737 GMT"


def rule_value(text: str, published: date) -> tuple[str, str] | None:
    """TIMEX3 (type, value) of a normalised expression by the rules above, or None."""
    for rule in (_set_value, _ref_value, _duration_value, _ago_value, _quarter_value, _week_value, _season_value,
                 _month_value, _decade_value, _year_value):
        found = rule(text, published)
        if found is not None:
            return found if found[1] else None
    return None


def is_recurring(text: str) -> bool:
    """Whether a normalised expression names a recurrence (a TIMEX3 SET) anywhere in it."""
    return _RECURRENCE.search(text) is not None or _set_value(text, date(2000, 1, 1)) is not None


def names_decade(text: str) -> bool:
    """Whether a normalised expression names a decade anywhere in it ("the late 1970's", "the '90s")."""
    return _DECADE_IN.search(text) is not None or _decade_value(text, date(2000, 1, 1)) is not None


def is_clock_time(text: str) -> bool:
    """Whether a normalised expression holds a clock time ("7:30 p.m.", "0737 gmt", "4 o'clock")."""
    return _CLOCK.search(text) is not None or _CLOCK_FIGURE.search(text) is not None


def number_value(text: str) -> str | None:
    """Digits of a count in words or figures: "twenty four" -> "24", "several" -> "X"."""
    text = text.strip().replace("-", " ")
    if text in _VAGUE_AMOUNT or text == "X":
        return "X"
    if re.fullmatch(r"\d+", text):
        return text
    if text in _WORD_NUMBER:
        return str(_WORD_NUMBER[text])
    parts = text.split()
    if len(parts) == 2 and parts[0] in _WORD_NUMBER and parts[1] in _WORD_NUMBER and parts[1] in _ONES:
        return str(_WORD_NUMBER[parts[0]] + _WORD_NUMBER[parts[1]])
    return None


def duration_value(amount: str, unit: str) -> str | None:
    """ISO 8601 duration of an amount and unit: ("three", "years") -> "P3Y", ("48", "hours") -> "PT48H"."""
    count = number_value(amount)
    code = _UNITS.get(unit.rstrip("s") if unit != "centuries" else "centurie")
    if count is None or code is None:
        return None
    if code in {"E", "C"} and count != "X":
        count, code = str(int(count) * (10 if code == "E" else 100)), "Y"
    return f"PT{count}{code[1]}" if code.startswith("T") else f"P{count}{code}"


def year_in_words(text: str) -> int | None:
    """A year spelt out: "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    text = re.sub(r"^(?:the )?(?:year )?", "", text).replace("-", " ")
    if text in {"two thousand", "the year two thousand"}:
        return 2000
    parts = text.split()
    if len(parts) < 2 or parts[0] not in {"nineteen", "eighteen", "two"}:
        return None
    if parts[0] == "two" and parts[1:3] == ["thousand", "and"]:
        rest = number_value(" ".join(parts[3:]))
        return 2000 + int(rest) if rest and rest.isdigit() else None
    rest = number_value(" ".join(parts[1:]))
    if parts[0] == "two" or rest is None or not rest.isdigit() or int(rest) >= 100:
        return None
    return _WORD_NUMBER[parts[0]] * 100 + int(rest)


def part_of_day(text: str) -> str | None:
    """TIMEX3 time suffix of a clock time or part of day: "10 p.m." -> "T22:00", "night" -> "TNI"."""
    clock = _CLOCK.search(text)
    if clock:
        hour, minute = int(clock.group(1)) % 12, clock.group(2) or "00"
        afternoon = clock.group(3) == "p" or clock.group(4) in {"afternoon", "evening"}
        hour = hour + 12 if afternoon else hour
        return f"T{hour:02d}:{minute}" if hour < 24 else None
    for word in sorted(_PART_OF_DAY, key=len, reverse=True):
        if re.search(rf"\b{word}\b", text):
            return _PART_OF_DAY[word]
    return None


def shift_years(value: str, years: int) -> str:
    """`value` (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-SU...) moved by whole years; 29 February -> 28."""
    if not re.match(r"^\d{4}", value):
        return value
    shifted = f"{int(value[:4]) + years:04d}{value[4:]}"
    return shifted[:-2] + "28" if shifted.endswith("-02-29") else shifted


def iso_week(day: date) -> str:
    """ISO week of `day`: 1998-03-01 -> "1998-W09"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _strip_hedges(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _HEDGE.sub("", text)
    return text


def _set_value(text: str, published: date) -> tuple[str, str] | None:
    if text in _SETS:
        return "SET", _SETS[text]
    every = _EVERY.match(text)
    if every:
        return "SET", duration_value("1", every.group(1))
    recurring = _EVERY_DAY.match(text)
    if recurring is None:
        return None
    every_weekday, month, part, plural_weekday, weekday_with_part, plural_part = recurring.groups()
    if month:
        return "SET", f"XXXX-{_MONTHS.index(month) + 1:02d}"
    weekday = every_weekday or plural_weekday or weekday_with_part
    suffix = _PART_OF_DAY.get(part or plural_part or "", "")
    return "SET", f"XXXX-WXX-{WEEKDAYS.index(weekday) + 1}{suffix}"


def _ref_value(text: str, published: date) -> tuple[str, str] | None:
    ref = _REF_OF.get(text) or _REF_OF.get(re.sub(r"^(?:the|in|until|for|since|by|as of) ", "", text))
    return ("DATE", ref) if ref else None


def _duration_value(text: str, published: date) -> tuple[str, str] | None:
    bare = _strip_hedges(text)
    if re.search(r"\b(?:ago|earlier|later|before|after)$", bare):
        return None  # a point in time ("three years ago"), not a span
    duration = _DURATION.match(bare)
    if duration:
        amount, half, unit, half_after = duration.groups()
        value = duration_value(amount, unit)
        if value and (half or half_after):
            value = _with_half(value)
        return ("DURATION", value) if value else None
    plural = _BARE_UNITS.match(bare)
    if plural and plural.group(1).endswith("s"):
        return "DURATION", duration_value("X", plural.group(1))
    return None


def _with_half(value: str) -> str | None:
    """ "P2Y" -> "P2Y6M", "PT5H" -> "PT5H30M", "P1D" -> "P1DT12H"; None for a vague count ("PXY")."""
    unit = ("T" + value[-1]) if value.startswith("PT") else value[-1]
    half = _HALF_UNIT.get(unit)
    if half is None or "X" in value:
        return None
    return value + half


def _ago_value(text: str, published: date) -> tuple[str, str] | None:
    """"nearly four years ago" -> 1994 (a 1998 paper), "two months ago" -> 1998-01; "several years ago" -> PAST_REF."""
    ago = _AGO.match(_strip_hedges(text))
    if ago is None:
        return None
    count, unit = number_value(ago.group(1)), ago.group(2).rstrip("s")
    if count is None:
        return None
    if count == "X":
        return "DATE", "PAST_REF"
    steps = int(count)
    if unit in {"year", "decade"}:
        return "DATE", f"{published.year - steps * (10 if unit == 'decade' else 1):04d}"
    if unit == "month":
        months = published.year * 12 + published.month - 1 - steps
        return "DATE", f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit in {"week", "day"}:
        day = published - timedelta(days=steps * (7 if unit == "week" else 1))
        return "DATE", iso_week(day) if unit == "week" else day.isoformat()
    return None


def _quarter_value(text: str, published: date) -> tuple[str, str] | None:
    if text in {"the current quarter", "this quarter", "the current fiscal quarter"}:
        return "DATE", f"{published.year:04d}-Q{(published.month - 1) // 3 + 1}"
    quarter = _QUARTER.match(text)
    if quarter:
        number = _ORDINALS[quarter.group(3)]
        year = _year_of(quarter.group(1) or quarter.group(4), quarter.group(2), published)
        if not (quarter.group(1) or quarter.group(2) or quarter.group(4)) and number > (published.month + 2) // 3:
            year -= 1  # "the fourth quarter" in a January paper: the one just reported
        return "DATE", f"{year:04d}-Q{number}"
    half = _HALF.match(text)
    if half:
        year = _year_of(half.group(2), None, published)
        return "DATE", f"{year:04d}-H{1 if half.group(1) == 'first' else 2}"
    return None


def _year_of(relative: str | None, explicit: str | None, published: date) -> int:
    """Year named by "this year"/"last year"/"next year"/"1988"/nothing (the publication year)."""
    if explicit:
        return int(explicit)
    if relative and relative.isdigit():
        return int(relative)
    offset = {"last": -1, "next": 1}.get((relative or "").split(" ")[0], 0)
    return published.year + offset


def _week_value(text: str, published: date) -> tuple[str, str] | None:
    week = _WEEK.match(text)
    if week:
        direction = week.group(1) or ""
        if direction in {"", "the", "the same", "the following"}:
            return "DATE", f"{published.year:04d}-WXX" if direction in {"", "the"} else None
        offset = -7 if "last" in direction or "past" in direction or "previous" in direction else \
            7 if "next" in direction or "coming" in direction else 0
        return "DATE", iso_week(published + timedelta(days=offset))
    weekend = _WEEKEND.match(text)
    if weekend:
        direction = weekend.group(1) or ""
        days_to_saturday = (5 - published.weekday()) % 7
        if direction in {"next", "the coming"}:
            saturday = published + timedelta(days=days_to_saturday or 7)
        elif direction == "this" and days_to_saturday:
            saturday = published + timedelta(days=days_to_saturday)
        else:  # the most recent weekend, the current one on a Saturday or Sunday
            saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return "DATE", f"{iso_week(saturday)}-WE"
    return None


def _season_value(text: str, published: date) -> tuple[str, str] | None:
    season = _SEASON.match(text)
    if season is None:
        return None
    code, last_month = _SEASONS[season.group(2)]
    if season.group(3):
        return "DATE", f"{season.group(3)}-{code}"
    year = published.year
    direction = season.group(1) or ""
    if direction in {"last", "this past", "past"}:
        year = year if last_month < published.month else year - 1
    elif direction in {"next", "this coming", "coming"}:
        year = year if last_month > published.month + 2 else year + 1
    return "DATE", f"{year:04d}-{code}"


def _month_value(text: str, published: date) -> tuple[str, str] | None:
    """"last April" (the latest April before this month), "this September", "June last year"."""
    month = _RELATIVE_MONTH.match(text)
    if month is None:
        return None
    if month.group(3):
        number = _MONTHS.index(month.group(3)) + 1
        return "DATE", f"{_year_of(month.group(4), None, published):04d}-{number:02d}"
    direction, number = month.group(1), _MONTHS.index(month.group(2)) + 1
    year = published.year
    if direction in {"last", "this past", "past"} and number >= published.month:
        year -= 1
    elif direction in {"next", "this coming", "coming"} and number <= published.month:
        year += 1
    return "DATE", f"{year:04d}-{number:02d}"


def _decade_value(text: str, published: date) -> tuple[str, str] | None:
    decade = _DECADE.match(text)
    if decade:
        if decade.group(3):
            return "DATE", f"19{decade.group(3)}"
        century = decade.group(1) or "19"
        return "DATE", f"{century}{decade.group(2)}"
    words = re.sub(r"^(?:the )?(?:(?:early|mid|late)[\s-]+)?", "", text)
    if words in _DECADE_WORDS:
        return "DATE", f"19{_DECADE_WORDS[words]}"
    century = _CENTURY.match(text)
    if century:
        if century.group(1):
            return "DATE", f"{int(century.group(1)) - 1:02d}"
        offset = {"this": 0, "last": -1, "next": 1}[century.group(2)]
        return "DATE", f"{published.year // 100 + offset:02d}"
    return None


def _year_value(text: str, published: date) -> tuple[str, str] | None:
    if _THIS_YEAR.match(text):
        return "DATE", f"{published.year:04d}"
    relative = _RELATIVE_YEAR.match(text)
    if relative:
        offset = 1 if relative.group(1) in {"next", "coming"} else -1
        return "DATE", f"{published.year + offset:04d}"
    fiscal = _FISCAL_YEAR.match(text)
    if fiscal:
        year = fiscal.group(1)
        return "DATE", year if len(year) == 4 else f"{published.year // 100:02d}{year}"
    spelt = year_in_words(text)
    return ("DATE", f"{spelt:04d}") if spelt else None
