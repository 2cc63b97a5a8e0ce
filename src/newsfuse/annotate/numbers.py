"""Numbers with what they count: "at least 169 Afghans killed", "1,500 to 2,000 fighters".

Candidates are spaCy's CARDINAL / QUANTITY / MONEY / PERCENT entities plus
number-like tokens the entity recogniser missed. Each candidate is parsed into
a value (and `value_max` for a range), a bound ("at least", "about", ...) and
the thing it counts, found in the dependency tree (see
:mod:`newsfuse.annotate.counted`), with the places and the holder the parse
ties it to (see :mod:`newsfuse.annotate.figure_context`).

Skipped: numbers inside dates, times and ordinals (spaCy DATE/TIME/ORDINAL),
inside names ("Boeing 737", "G7"), years used as dates, ages ("aged 25",
"25-year-old", "the age of 9"), clock times ("7 p. m."), page/section/flight
numbers, street addresses, "no one", and bare figures with neither a counted
thing, a verb nor a unit.
"""

from __future__ import annotations

import re

from newsfuse.annotate.counted import (
    FRACTION_WORDS,
    DISTANCE_WORDS,
    LENGTH_UNITS,
    MAX_PHRASE_TOKENS,
    counted_noun,
    is_number_word,
    is_tallied,
    noun_phrase,
    number_anchor,
    outcome_verb,
    sized_noun,
    verb_text,
)
from newsfuse.annotate.figure_context import figure_holder, figure_places
from newsfuse.annotate.values import SCALES, VAGUE_PLURALS, parse_value
from newsfuse.models import Article, NumberMention
from newsfuse.text import OUTCOME_FORMS, number_unit

NUMERIC_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}

# Cue phrase before a figure -> bound. Longest cues are matched first.
BOUND_CUES = {
    "at least": "at-least", "more than": "at-least", "over": "at-least", "upwards of": "at-least",
    "no fewer than": "at-least", "no less than": "at-least", "in excess of": "at-least",
    "above": "at-least", "exceeding": "at-least", "at minimum": "at-least",
    "at most": "at-most", "up to": "at-most", "less than": "at-most", "fewer than": "at-most",
    "under": "at-most", "no more than": "at-most", "below": "at-most", "as many as": "at-most",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "approx.": "about",
    "just over": "about", "just under": "about",
}
MAX_CUE_WORDS = 3
RANGE_CONNECTORS = {"to", "and", "-", "–", "—"}
RANGE_OPENERS = {"between", "from"}
TIME_WORDS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
              "century", "centuries", "hour", "hours", "minute", "minutes", "ago", "old", "today",
              "yesterday", "tomorrow", "tonight", "night", "morning", "evening", "afternoon",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
              "friday", "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter",
              "weekend", "season", "quarter", "annual", "annually", "daily", "weekly", "monthly"}
LABEL_PREFIXES = {"page", "p.", "pp.", "chapter", "section", "article", "no.", "number", "vol.",
                  "volume", "paragraph", "item", "resolution", "flight", "route", "highway", "room",
                  "platform", "gate", "terminal", "line", "episode", "season", "round", "version",
                  "#", "aged", "age", "ages"}
STREET_WORDS = {"ave", "avenue", "st", "street", "road", "rd", "blvd", "boulevard", "lane", "drive", "way"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"}
CLOCK_SUFFIXES = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs", "h"}

# A figure some feeds break with a space after its separator: "15, 000", "6. 1 magnitude"
# (a decimal only when a lower-case word or a percent sign follows: "in 2012. 5 people" is two sentences).
_BROKEN_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:, \d{3})+(?![\d])|(?<![\w.,])\d{1,3}\. \d{1,2}(?=\s*(?:%|[a-z]))")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
# "7 p. m.", "9. 25 a. m.", "10: 55" as some feeds space them: a number then these, in the figure or after it
_SPACED_CLOCK = re.compile(r"^[\d.,\s]*?(?:\s*[ap]\.\s?m\.|\s?:\s?\d\d\b)", re.IGNORECASE)
CONVERSION_LOOKBACK = 4  # tokens before "(" searched for the figure a parenthesis converts
_GLUED_NAME = re.compile(r"^\d+[a-z]{2,}$", re.IGNORECASE)  # "76ers", "3com": a name, not a figure


def extract_numbers(doc, article: Article) -> list[NumberMention]:
    """Every counted figure in `doc` (a spaCy Doc of `article.text`), in text order.

    Offsets are character indices into `article.text`; `sentence` is left at -1
    for `annotate()` to fill in.
    """
    mentions = []
    broken = [match.span() for match in _BROKEN_NUMBER.finditer(doc.text)]
    for span in candidate_spans(doc):
        span = mended(span, broken)
        if span is None:
            continue
        mention = read_number(span)
        if mention is not None:
            mentions.append(mention)
    return sorted(mentions, key=lambda mention: mention.start)


def candidate_spans(doc):
    """Numeric entities, then runs of number-like tokens that no entity covers.

    A DATE entity with no time word in it is a misread count ("between 5 and
    10 million" is tagged DATE by the small model) and is read as a number.
    """
    covered = set()
    for ent in doc.ents:
        if ent.start in covered:
            continue  # the upper end of a range already read
        if ent.label_ in NUMERIC_LABELS or (ent.label_ == "DATE" and not is_temporal(ent)):
            ent = with_range_end(ent)
            covered.update(range(ent.start, ent.end))
            yield ent
        covered.update(range(ent.start, ent.end))
    run_start = None
    for token in list(doc) + [None]:
        inside = token is not None and token.i not in covered and is_number_word(token) \
            and (token.lower_ not in FRACTION_WORDS or following_word(token) == "of")
        if inside and run_start is None:
            run_start = token.i
        elif not inside and run_start is not None:
            yield doc[run_start:token.i if token is not None else len(doc)]
            run_start = None


def mended(span, broken: list[tuple[int, int]]):
    """`span` widened over the head of a figure whose spacing broke it ("15, 000", "6. 1"),
    or None for a piece that is not the figure's last (the "15" of "15, 000")."""
    for start, end in broken:
        if start <= span.start_char < end or span.start_char <= start < span.end_char:
            if span.end_char < end:
                return None
            return span.doc.char_span(min(start, span.start_char), span.end_char, alignment_mode="expand")
    return span


def following_word(token) -> str:
    doc = token.doc
    return doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""


def with_range_end(span):
    """`span` extended over the far end of a range the recogniser split off:
    "[Between 5] and [10] people", "[5] to [10] million"."""
    doc = span.doc
    connector = doc[span.end] if span.end < len(doc) else None
    if connector is None or connector.lower_ not in RANGE_CONNECTORS or span.end + 1 >= len(doc):
        return span
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    opens_range = span[0].lower_ in RANGE_OPENERS or before in RANGE_OPENERS
    if connector.lower_ == "and" and not opens_range:
        return span
    end = span.end + 1
    while end < len(doc) and (doc[end].like_num or doc[end].lower_ in SCALES):
        end += 1
    return doc[span.start:end] if end > span.end + 1 else span


def is_temporal(span) -> bool:
    """True when a span names a time: a time word, a year, a decade or no number at all."""
    return any(token.lower_ in TIME_WORDS or _YEAR.match(token.text) or token.text.endswith("0s")
               for token in span) or not any(token.like_num for token in span)


def read_number(span) -> NumberMention | None:
    """The mention for one candidate span, or None when it is not a counted figure."""
    core, bound_start, bound = split_bound(span)
    if core is None or is_excluded(core):
        return None
    parsed = parse_value(core.text)
    if parsed is None:
        return None
    value, value_max = parsed
    if _is_negative(core):  # "minus 20 degrees"
        value, value_max = -value, None if value_max is None else -value_max
        bound_start = min(bound_start, core.doc[core.start - 1].idx)
    if value_max is not None and is_change(core):
        value, value_max = value_max, None  # "rose from 30 to 45": the figure is now 45
    if core.text.lower().strip() in VAGUE_PLURALS:
        bound = "at-least"
    noun, verb = counted_noun(core), None
    if noun is not None:
        verb = outcome_verb(noun) or outcome_verb(number_anchor(core))  # "dozens of people were hurt"
    else:
        noun = sized_noun(core)
        if noun is None:  # "killed two": the number itself is the patient
            verb = outcome_verb(number_anchor(core), patient_noun=False)
        elif is_tallied(noun):  # "the number of people killed rose to 85"
            verb = outcome_verb(noun)
    phrase = noun_phrase(noun, core) if noun is not None else ""
    end = figure_end(core, noun)
    text = span.doc.text[bound_start:end]
    if not keep_figure(core, text, phrase, verb):
        return None
    what = " ".join(part for part in (phrase, verb_text(verb)) if part)
    if not what and number_unit(text) in LENGTH_UNITS and _names_distance(core):
        what = "distance"  # "some 13 miles away", "50 miles east of Port-au-Prince", not "above 3,000 feet"
    return NumberMention(value=value, value_max=value_max, what=what, text=text, start=bound_start, end=end,
                         approximate=bound != "exact", bound=bound,
                         where=figure_places(number_anchor(core), noun), of_whom=figure_holder(noun))


def figure_end(core, noun) -> int:
    """Char end of the figure's evidence: through a unit word right after it and a
    counted noun that follows closely ("13 American service *men*")."""
    doc = core.doc
    end = core.end_char
    if core.end < len(doc) and number_unit(doc[core.end].text) != "count":
        end = doc[core.end].idx + len(doc[core.end].text)
    if noun is not None and noun.i >= core.end and noun.i - core.end < MAX_PHRASE_TOKENS:
        end = max(end, noun.idx + len(noun.text))
    return end


def split_bound(span):
    """(core span without its bound cue, char start including the cue, bound).

    The cue may sit inside the entity ("at least 169") or just before it
    ("nearly [200]"). Core is None when nothing but the cue is left.
    """
    doc = span.doc
    words = [token.lower_ for token in span]
    for size in range(min(MAX_CUE_WORDS, len(words) - 1), 0, -1):
        cue = " ".join(words[:size])
        if cue in BOUND_CUES:
            return doc[span.start + size:span.end], span.start_char, BOUND_CUES[cue]
    for size in range(MAX_CUE_WORDS, 0, -1):
        if span.start - size < 0:
            continue
        before = doc[span.start - size:span.start]
        cue = before.text.lower()
        if cue in BOUND_CUES:
            return span, before.start_char, BOUND_CUES[cue]
    return span, span.start_char, "exact"


def _names_distance(core) -> bool:
    """A length followed by a distance word, past a converted figure in brackets ("(80 kilometers) east")."""
    return any(token.lower_ in DISTANCE_WORDS for token in _after_conversion(core))


def _after_conversion(core):
    """The two tokens after the figure and its unit, past a converted figure in brackets: "(80 kilometers)"."""
    doc = core.doc
    index = core.end
    if index < len(doc) and number_unit(doc[index].text) != "count":
        index += 1
    if index < len(doc) and doc[index].text == "(":
        index = next((token.i + 1 for token in doc[index:index + 6] if token.text == ")"), index)
    return doc[index:index + 2]


def _is_negative(core) -> bool:
    return core.start > 0 and core.doc[core.start - 1].lower_ == "minus"


def is_change(core) -> bool:
    """ "from X to Y" reports a figure that changed, not a range."""
    doc = core.doc
    return core[0].lower_ == "from" or (core.start > 0 and doc[core.start - 1].lower_ == "from")


def is_excluded(core) -> bool:
    """Numbers that are not figures: in names, dates, clocks, labels, ages."""
    doc = core.doc
    first = core[0]
    previous = doc[core.start - 1].lower_ if core.start > 0 else ""
    following = doc[core.end].lower_ if core.end < len(doc) else ""
    if previous in LABEL_PREFIXES or _CLOCK.match(first.text) or "/" in first.text or first.lower_ in LABEL_PREFIXES \
            or (previous == "." and core.start > 1 and doc[core.start - 2].lower_ + "." in LABEL_PREFIXES):
        return True  # labels ("No. 10", "No . 10"), clock times, "9/11"
    if is_conversion(core):
        return True  # "110 mph (177 kph)": the same figure again in another unit
    if any(token.lower_ in {"age", "ages"} for token in core) \
            or (previous == "of" and core.start > 1 and doc[core.start - 2].lower_ in {"age", "ages"}):
        return True  # "by the age of 9"
    if any(token.lower_.rstrip(".") in STREET_WORDS for token in doc[core.end:core.end + 3]):
        return True  # an address: "566 Atlantic Ave."
    if any(word.rstrip(".") in MONTHS for word in [previous] + [token.lower_ for token in core]):
        return True  # a day of a month: "Sept. 11"
    if following in CLOCK_SUFFIXES or following in {"times", "fold"} \
            or _SPACED_CLOCK.match(doc.text[first.idx + len(first.text):core.end_char + 8]):
        return True  # "at 6 pm", "7 p. m.", "10 times the average"
    if previous == "no" and first.lower_ == "one":
        return True  # "no one was injured" counts nobody
    if _GLUED_NAME.match(first.text) and number_unit(first.text) == "count":
        return True  # "the 76ers"
    if (following == "-" and core.end + 1 < len(doc) and doc[core.end + 1].is_alpha) \
            or any(token.text == "-" and nxt.is_alpha and nxt.lower_ not in SCALES for token, nxt in zip(core, core[1:])):
        return True  # a compound modifier: "25-year-old", "five-alarm", "four-way", "a 5-meter cross"
    return _YEAR.match(core.text.strip()) is not None and not has_counted_noun(core)


def is_conversion(core) -> bool:
    """Whether the figure opens a parenthesis (after at most a unit or sign word) that follows a figure
    in the few tokens before it: "2000ft (609 metres)", "100,000 shillings (dlrs 1,667)"."""
    doc = core.doc
    opening = next((i for i in range(core.start - 1, max(core.start - 3, -1), -1) if doc[i].text == "("), None)
    if opening is None or any(doc[i].like_num for i in range(opening + 1, core.start)):
        return False
    return any(token.like_num for token in doc[max(opening - CONVERSION_LOOKBACK, 0):opening])


def has_counted_noun(core) -> bool:
    root = core.root
    return root.dep_ == "nummod" and root.head.pos_ in {"NOUN", "PROPN"}


def keep_figure(core, text: str, phrase: str, verb) -> bool:
    """Drop bare figures that say nothing, and the pronoun/idiom "one" ("one of", "no one")."""
    if core.text.strip().lower() == "one":
        return verb is not None and verb.lower_ in OUTCOME_FORMS
    return bool(phrase or verb is not None or number_unit(text) != "count")
