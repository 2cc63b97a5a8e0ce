"""Dated statements: absolute dates and relative ones resolved against publication.

spaCy's DATE (and TIME, for "last night") entities find the expressions;
dateparser reads them with its clock pinned to the article's publication date
(`RELATIVE_BASE`, `PREFER_DATES_FROM="past"`), never the machine's clock.

Rules, all relative to `article.published`:

* a bare weekday ("on Thursday") is the most recent such day before
  publication; the publication day itself when it is that weekday ("on
  Friday" in a Friday paper); the next such day when the verb is future
  ("will meet on Monday") or an announcing present ("the trial opens
  Monday", "is expected to vote Tuesday"); "next" looks forward, "last"
  back to last week's ("last Thursday" in a Friday paper is not yesterday);
* a month or a month-and-day without a year is the latest one not after
  publication ("in August" in an August paper is that August), or the next
  one when the verb is future ("will vote in September"); under a verb
  neither past nor future, the coming one when it is at most
  FUTURE_WINDOW_DAYS ahead ("pre-orders beginning April 29" in an April 24
  paper);
* "four years later" counts from the date mentioned before it, and dates
  that date no event stay out (`date_roles`: "from 1973 *to 1990*",
  "before 1978", "Friday prayers", "a 1987 Nissan");
* "last week", "this week", "three weeks ago" have no week precision in the
  output: they are kept at month precision;
* durations ("two years", "48 hours"), decades ("the 1990s") and vague
  spans ("recent years", "the past decade") are not dates and are skipped.

Without a publication date only expressions that name their year are kept;
relative ones are skipped rather than guessed. Each mention also records the
span of the clause that says what happened at that date (`clause`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser

from newsfuse.annotate import timex_rules
from newsfuse.annotate.timex_rules import WEEKDAYS
from newsfuse.annotate.date_roles import counts_from_previous, dates_no_event, shift_back_or_forward
from newsfuse.annotate.sentences import TITLES
from newsfuse.models import Article, DateMention

_YEAR_IN = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_YEAR_RANGE = re.compile(r"^(?:between |from )?(1[0-9]{3}|20[0-9]{2})\s*(?:-|–|—|to|and)\s*(?:\d{2}|\d{4})$")
_NOT_A_DATE = re.compile(r"[%$€£¥]|\bper ?cent\b|\b(?:dollars?|euros?|pounds?)\b")
_YEAR_ONLY = re.compile(r"^(?:1[5-9]\d\d|20\d\d)(?:s)?$")
_NUMERIC_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})$")
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b\.?(?!\s*\d{4})")
_MODIFIER = re.compile(r"^(?:early|mid|late|the end of|the start of|the beginning of|the middle of|"
                       r"earlier|later|as of|by|until|since|in|on|at(?! least| most)|during)[\s-]+")
_WEEKDAY = re.compile(rf"^(?:(last|past|next|this|coming)\s+)?({'|'.join(WEEKDAYS)})"
                      r"(?:\s+(?:morning|afternoon|evening|night))?$")
_PART_OF_DAY = {"last night": -1, "yesterday": -1, "today": 0, "tonight": 0, "this morning": 0,
                "this afternoon": 0, "this evening": 0, "tomorrow": 1}
PRECISION_OF_PERIOD = {"year": "year", "month": "month", "week": "month", "day": "day",
                       "part_of_day": "day"}
FUTURE_WINDOW_DAYS = 120  # a yearless month or day this close ahead is the coming one
CLIMB_DEPS = {"conj", "xcomp", "pcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLAUSE_BREAK_DEPS = {"advcl", "conj", "parataxis", "relcl", "ccomp", "csubj", "cc"}
OCCASION_NOUNS = {"election", "elections", "vote", "ballot", "referendum", "poll", "polls", "runoff", "summit",
                  "meeting", "talks", "deadline", "hearing", "trial", "debate", "game", "match", "final", "race",
                  "ceremony", "inauguration", "launch", "session", "primary", "caucus", "deadline"}
PLAN_LEMMAS = {"plan", "schedule"}  # the date a plan names is after the plan is made
DELAY_LEMMAS = {"postpone", "delay", "adjourn", "defer"}
REPORTING_VERBS = {"say", "tell", "report", "announce", "confirm", "add", "note"}
FUTURE_MARKERS = {"will", "shall", "'ll", "wo"}
REPORTED_FUTURE_MARKERS = {"would"}
REPORTED_CLAUSE_DEPS = {"ccomp", "conj"}
_ABBREVIATION = re.compile(rf"(?:\b(?:{'|'.join(TITLES + ('St', 'Jr', 'Sr', 'No'))})|\b[A-Z])\.$")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘A-Z])")


def extract_dates(doc, article: Article) -> list[DateMention]:
    """Dated mentions in `doc` (spaCy Doc of `article.text`), in text order.

    `date` is YYYY, YYYY-MM or YYYY-MM-DD as `precision` says; `relative` is
    True when the publication date was needed to resolve it.
    """
    published = parse_published(article.published)
    parsers = {prefer: date_parser(published, prefer) for prefer in ("past", "future")}
    mentions: list[DateMention] = []
    named_years: dict[tuple[int, int], int] = {}  # (month, day or 0) -> the year the article gave it
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"} or dates_no_event(ent):
            continue
        future = is_future(ent)
        if counts_from_previous(normalise(ent.text)):  # "four years later": after the date before, when written out
            written = mentions[-1] if mentions and not mentions[-1].relative else None
            resolved = shift_back_or_forward(normalise(ent.text), written)
        else:
            resolved = resolve(ent, published, parsers["future" if future else "past"])
        if resolved is None:
            continue
        value, precision, relative = resolved
        if relative and not future and not is_past(ent) and mentions_month(ent.text.lower()):
            value = nearest_year(value, published, precision)
        if relative and mentions_month(ent.text.lower()):
            value, relative = _year_named_before(value, precision, normalise(ent.text), named_years)
        elif not relative and precision in {"month", "day"}:
            named_years.setdefault((value.month, value.day if precision == "day" else 0), value.year)
            named_years.setdefault((value.month, 0), value.year)
        mentions.append(DateMention(
            date=format_date(value, precision), precision=precision, text=ent.text,
            start=ent.start_char, end=ent.end_char, relative=relative, clause=clause_span(ent),
        ))
    return mentions


def _year_named_before(value: date, precision: str, text: str, named_years: dict) -> tuple[date, bool]:
    """A yearless month or day the article already named with its year ("the June 21 meeting" after
    "June 21, 1995") takes that year, not the publication's: (date, still relative)."""
    year = named_years.get((value.month, value.day if precision == "day" else 0))
    if year is None or re.search(r"\b(?:last|next|this|past|coming)\b", text):
        return value, True
    try:
        return value.replace(year=year), False
    except ValueError:  # 29 February
        return value, True


def parse_published(published: str | None) -> date | None:
    """The publication date from its ISO text, None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def date_parser(published: date | None, prefer: str = "past") -> DateDataParser:
    """A dateparser pinned to the publication date (or to a fixed date when unknown)."""
    base = published or date(2000, 1, 1)
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    })


def resolve(ent, published: date | None, parser) -> tuple[date, str, bool] | None:
    """(date, precision, relative) for one DATE/TIME entity, or None when it is no date."""
    text = normalise(ent.text)
    relative = _YEAR_IN.search(text) is None
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    kind = timex_type(f"{before} {text}" if before in {"every", "each"} else text)  # "every [Monday]"
    if not text or (relative and published is None) or kind != "DATE" or not looks_like_date(text) \
            or timex_rules.names_decade(ent.text.lower()) or _is_split_decade(ent):
        return None  # a decade or century is no day, month or year of a timeline
    year_range = _YEAR_RANGE.match(text)
    if year_range:
        return date(int(year_range.group(1)), 1, 1), "year", False
    if relative and is_undecided_occasion(ent, text, published):
        return None
    if relative:
        special = resolve_day_word(text, ent, published)
        if special is not None:
            return special, "day", True
    data = parser.get_date_data(text)
    precision = PRECISION_OF_PERIOD.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    return data.date_obj.date(), precision, relative


def timex_type(text: str) -> str:
    """TIMEX3 type of a normalised expression: DURATION ("three years"), SET ("every
    Monday", "weekly"), TIME (a clock time) or DATE. Only DATEs go on a timeline."""
    if timex_rules.is_recurring(text):
        return "SET"
    ruled = timex_rules.rule_value(text, date(2000, 1, 1))
    if ruled is not None and ruled[0] == "DURATION":
        return "DURATION"
    return "TIME" if timex_rules.is_clock_time(text) else "DATE"


def looks_like_date(text: str) -> bool:
    """False for figures that are no date: an age ("Jeffs, 54"), a phone or clock number
    ("9324", "0737"), a score ("3-2"), a percentage or an amount of money."""
    if _NOT_A_DATE.search(text):
        return False
    if re.search(r"[^\W\d_]", text):
        return True  # words: "May 3", "last year"
    return bool(_YEAR_ONLY.match(text) or _YEAR_RANGE.match(text) or _NUMERIC_DATE.match(text))


def normalise(text: str) -> str:
    """Lower case, no possessive, no leading "the"/prepositions/"early"/"mid-"."""
    text = re.sub(r"[’']s$", "", text.strip().lower())
    text = re.sub(r"\s+", " ", text)
    previous = None
    while previous != text:
        previous = text
        text = _MODIFIER.sub("", text)
    return text.strip(" ,.")


def resolve_day_word(text: str, ent, published: date) -> date | None:
    """Weekdays and day words ("yesterday", "last night") against the publication day."""
    if text in _PART_OF_DAY:
        return published + timedelta(days=_PART_OF_DAY[text])
    match = _WEEKDAY.match(text)
    if match is None:
        return None
    direction, weekday = match.group(1), WEEKDAYS.index(match.group(2))
    before = (published.weekday() - weekday) % 7
    after = (weekday - published.weekday()) % 7
    if direction in {"last", "past"}:  # yesterday is "Thursday", "last Thursday" is last week's
        return published - timedelta(days=before + 7 if before <= 1 else before)
    announced = ent.root.dep_ != "poss" and not (ent.start and ent.doc[ent.start - 1].lower_ == "since") \
        and is_scheduled(governing_verb(ent.root))  # not "Friday's close", "since Tuesday"
    if direction in {"next", "coming"} or is_future(ent) or announced:
        return published + timedelta(days=after)
    return published - timedelta(days=before)


def _is_split_decade(ent) -> bool:
    """ "the late 1970's" tokenised as "1970" + "'s": a decade, not the year (a year's possessive
    takes no "the", "early", "mid" or "late" before it)."""
    doc = ent.doc
    after = doc[ent.end].text if ent.end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start else ""
    return bool(re.fullmatch(r"\d{3}0", ent.text)) and after in {"'s", "’s", "s"} \
        and before in {"the", "early", "mid", "late", "mid-"}


def is_undecided_occasion(ent, text: str, published: date) -> bool:
    """A bare weekday naming a scheduled occasion ("Friday's election", "Monday's vote") more than a
    day before or after publication with no future verb: a Sunday paper's "wanted to run in Friday's
    election" may mean the coming Friday or the last; no tense says which, so it gets no date."""
    match = _WEEKDAY.match(text)
    if match is None or match.group(1) or ent.root.dep_ != "poss" or ent.root.head.lemma_.lower() not in OCCASION_NOUNS:
        return False
    before = (published.weekday() - WEEKDAYS.index(match.group(2))) % 7
    return before > 1 and not is_future(ent)


def is_future(ent) -> bool:
    """True when the verb governing the expression is in the future tense, or is the
    future-in-the-past of reported speech ("said ferries would run from Thursday")."""
    verb = governing_verb(ent.root)
    markers = FUTURE_MARKERS | REPORTED_FUTURE_MARKERS if verb.dep_ in REPORTED_CLAUSE_DEPS else FUTURE_MARKERS
    return any(child.lower_ in markers for child in verb.children if child.dep_ == "aux") or is_planned(ent, verb)


def is_planned(ent, verb) -> bool:
    """True for a date a plan points to: "planned to leave on Thursday", "were planning to drive on
    Monday", "has scheduled a news conference Thursday", "set to resume Monday", "postponed until
    Tuesday", "as soon as Tuesday". Not a plan told in the past perfect ("had been scheduled to expire
    Friday") nor one a past plan verb dates itself ("On Friday, the government planned to pay")."""
    before = ent.doc[max(ent.start - 3, 0):ent.start].text.lower()
    if before.endswith(("as soon as", "as early as")) or (before.endswith("until") and verb.lemma_ in DELAY_LEMMAS):
        return True
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ in PLAN_LEMMAS | {"set", "intend"}:
        return not _past_perfect(verb.head)
    if verb.lemma_ not in PLAN_LEMMAS or verb.dep_ in {"acl", "amod"}:
        return False
    auxiliaries = [child for child in verb.children if child.dep_ == "aux"]
    return verb.tag_ in {"VBZ", "VBP", "VBG"} or any(child.lower_ in {"has", "have"} for child in auxiliaries)


def _past_perfect(verb) -> bool:
    return any(child.dep_ in {"aux", "auxpass"} and child.lower_ == "had" for child in verb.children)


def is_scheduled(verb) -> bool:
    """True for a present tense that announces ("the trial opens Monday", "is due Friday",
    "is expected to vote Tuesday", "plans to meet Friday"): no past or perfect auxiliary."""
    if any(token.tag_ == "VBD" and token.lemma_ not in REPORTING_VERBS for token in verb.doc[verb.sent.start:verb.i]):
        return False  # a past verb before it: the present-tense reading is a mis-tag ("snow whitened ... snowfall")
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if verb.lemma_ in REPORTING_VERBS or any(child.tag_ in {"VBD", "VBN"} or child.lemma_ == "have" for child in auxiliaries):
        return False
    if verb.tag_ in {"VBZ", "VBP"}:
        return True
    if verb.tag_ == "VB" and any(child.lower_ == "to" for child in auxiliaries) and verb.head.i != verb.i:
        return verb.head.tag_ in {"VBZ", "VBP", "VBN"} and is_scheduled(verb.head)
    return any(child.tag_ in {"VBZ", "VBP"} for child in auxiliaries)


def is_past(ent) -> bool:
    """True when the verb governing the expression is past or perfect ("was arrested", "has met")."""
    verb = governing_verb(ent.root)
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(child.dep_ in SUBJECT_DEPS for child in verb.children)):
        return True  # the small model often tags a simple past "reopened" VBN
    return any(child.dep_ in {"aux", "auxpass"} and (child.tag_ == "VBD" or child.lemma_ == "have")
               for child in verb.children)


def mentions_month(text: str) -> bool:
    """True when a normalised expression names a month without a year ("aug. 26", "in august")."""
    return _MONTH_NAME.search(text) is not None


def nearest_year(value: date, published: date, precision: str = "day") -> date:
    """`value` (a past date) or the same day a year later when that is at most
    FUTURE_WINDOW_DAYS after `published` (for a month, its middle).

    For a month and day without a year under a verb that is neither past nor
    future ("pre-orders beginning April 29" in an April 24 paper): news names
    coming dates of the next few months ("the Dec. 15 meeting" in an October
    paper), while a month further ahead is more often the past one. Measured
    on TempEval-3 dev: 120 days beats both "the nearer one" and "always past".
    """
    try:
        later = value.replace(year=value.year + 1)
    except ValueError:  # 29 February
        return value
    ahead = (later - published).days + (14 if precision == "month" else 0)
    return later if value < published and ahead <= FUTURE_WINDOW_DAYS else value


def format_date(value: date, precision: str) -> str:
    return {"year": f"{value.year:04d}", "month": f"{value.year:04d}-{value.month:02d}"}.get(
        precision, value.isoformat())


# ------------------------------------------------------------------ clause


def governing_verb(token):
    """The nearest verb above `token` in the parse (the sentence root at worst)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def clause_verb(ent):
    """The verb of the clause holding `ent`; a subject-less verb ("...but *defected* in
    2013", "after *invading* Iraq in 2014") hands over to the verb it depends on."""
    verb = governing_verb(ent.root)
    while verb.dep_ in CLIMB_DEPS and not any(child.dep_ in SUBJECT_DEPS for child in verb.children):
        verb = governing_verb(verb.head)
    return verb


def clause_span(ent) -> tuple[int, int]:
    """Char span of the clause holding `ent`: its verb and that verb's dependents,
    less subordinate or coordinated clauses that do not contain the date."""
    verb = clause_verb(ent)
    inside = set(range(ent.start, ent.end))
    tokens = [verb]
    for child in verb.children:
        subtree = list(child.subtree)
        if child.dep_ in CLAUSE_BREAK_DEPS and not inside.intersection(token.i for token in subtree):
            continue
        tokens.extend(subtree)
    tokens = trim_edges(sorted(tokens, key=lambda token: token.i))
    if not tokens:
        return ent.start_char, ent.end_char
    return clip_to_sentence(ent, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def clip_to_sentence(ent, start: int, end: int) -> tuple[int, int]:
    """Cut a clause at sentence ends the parser missed ("... ISIS-K. ISIS in Syria ...")."""
    text = ent.doc.text
    for boundary in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATION.search(text, max(start, boundary.start() - 6), boundary.start() + 1):
            continue  # "Mr. Jones", "Sgt. Smith", "U.S. troops"
        if boundary.end() <= ent.start_char:
            start = boundary.end()
        elif boundary.start() >= ent.end_char:
            end = boundary.start() + 1
            break
    return start, end


def trim_edges(tokens):
    """Drop punctuation, conjunctions and markers at either end of a clause."""
    def is_edge(token):
        return token.is_punct or token.is_space or token.dep_ in {"cc", "mark", "punct"} \
            or token.tag_ in {"WDT", "WP"}  # "that ISIS established ..." 
    while tokens and is_edge(tokens[0]):
        tokens = tokens[1:]
    while tokens and is_edge(tokens[-1]):
        tokens = tokens[:-1]
    return tokens
