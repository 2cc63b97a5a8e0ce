"""TIMEX3 types and values (newsfuse.annotate.timex, newsfuse.annotate.timex_rules)."""

from __future__ import annotations

from datetime import date

import pytest

from newsfuse.annotate.timex import find_timexes
from newsfuse.annotate.timex_rules import duration_value, number_value, rule_value, year_in_words
from newsfuse.models import Article


def timexes(nlp, text: str, published: str | None):
    found = find_timexes(nlp(text), Article(id="t", text=text, published=published))
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
    return {timex.text: (timex.type, timex.value) for timex in found}


@pytest.mark.parametrize("text, published, expected", [
    ("Sales fell last week, the company said.", "1998-03-01", ("last week", "DATE", "1998-W08")),
    ("Prices are now higher than they were.", "1998-03-01", ("now", "DATE", "PRESENT_REF")),
    ("The firm recently cut its staff.", "1998-03-01", ("recently", "DATE", "PAST_REF")),
    ("The strike lasted nearly two years.", "1998-03-01", ("nearly two years", "DURATION", "P2Y")),
    ("The paper is published daily in Boston.", "1998-03-01", ("daily", "SET", "P1D")),
    ("The shop opened last fall in Ohio.", "1998-02-06", ("last fall", "DATE", "1997-FA")),
    ("Prices soared in the 1990s across Asia.", "2000-02-24", ("the 1990s", "DATE", "199")),
    ("The board will meet on Nov. 10 to vote.", "1989-11-02", ("Nov. 10", "DATE", "1989-11-10")),
    ("The plant closed in March after a fire.", "1989-11-02", ("March", "DATE", "1989-03")),
    ("The vote is set for January in Ohio.", "1989-10-26", ("January", "DATE", "1990-01")),
    ("Mr. Smith spoke to reporters Thursday evening in Paris.", "1998-02-13",
     ("Thursday evening", "TIME", "1998-02-12TEV")),
])
def test_values_against_publication(nlp, text, published, expected):
    span, kind, value = expected
    assert timexes(nlp, text, published).get(span) == (kind, value)


def test_a_year_earlier_shifts_the_last_named_quarter_and_does_not_chain(nlp):
    text = ("Net income rose 10% in the third quarter. A year earlier, the company earned $5 million. "
            "Revenue was $90 million, up from $80 million a year earlier.")
    found = find_timexes(nlp(text), Article(id="t", text=text, published="1989-10-26"))
    assert [(timex.text, timex.value) for timex in found] == [
        ("the third quarter", "1989-Q3"), ("A year earlier", "1988-Q3"), ("a year earlier", "1988-Q3")]


def test_a_quarter_not_yet_begun_is_last_years(nlp):
    assert timexes(nlp, "Profit fell in the fourth quarter, the bank said.", "1998-01-26")[
        "the fourth quarter"] == ("DATE", "1997-Q4")


def test_without_publication_only_self_contained_values_are_kept(nlp):
    found = timexes(nlp, "The talks lasted three years and ended on Friday in 1994.", None)
    assert found.get("three years") == ("DURATION", "P3Y")
    assert "Friday" not in found


@pytest.mark.parametrize("text", [
    "Warren Jeffs, 54 years old, was arrested on the highway.",
    "The home side won 3-2 in extra time.",
    "Prices rose 15 percent to $2,013 a tonne.",
])
def test_ages_scores_and_money_are_no_timex(nlp, text):
    assert not [value for value in timexes(nlp, text, "2021-08-27").values() if value[1][:2] in {"20", "P5"}]


@pytest.mark.parametrize("text, expected", [
    ("every thursday", ("SET", "XXXX-WXX-4")), ("several months", ("DURATION", "PXM")),
    ("the next 18 months", ("DURATION", "P18M")), ("weeks", ("DURATION", "PXW")),
    ("the third quarter of 1984", ("DATE", "1984-Q3")), ("last year's second quarter", ("DATE", "1988-Q2")),
    ("the weekend", ("DATE", "1989-W43-WE")), ("this summer", ("DATE", "1989-SU")),
    ("last april", ("DATE", "1989-04")), ("june last year", ("DATE", "1988-06")),
    ("the 20th century", ("DATE", "19")), ("fiscal 1990", ("DATE", "1990")), ("year-end", ("DATE", "1989")),
    ("the future", ("DATE", "FUTURE_REF")), ("a year", ("DURATION", "P1Y")), ("the 1988 quarter", None),
    ("nearly four years ago", ("DATE", "1985")), ("several years ago", ("DATE", "PAST_REF")),
])
def test_rules_on_normalised_text(text, expected):
    assert rule_value(text, date(1989, 10, 30)) == expected  # a Monday


def test_numbers_and_spelt_out_years():
    assert number_value("twenty-four") == "24" and number_value("several") == "X"
    assert duration_value("two", "decades") == "P20Y" and duration_value("48", "hours") == "PT48H"
    assert year_in_words("nineteen ninety-six") == 1996 and year_in_words("the year two thousand") == 2000
    assert year_in_words("nineteen people") is None


@pytest.mark.parametrize("text, published, expected", [
    ("The banks must wait at least 30 days before closing.", "1989-10-27", ("at least 30 days", "DURATION", "P30D")),
    ("She took the stand for more than four hours Friday.", "1998-02-27",
     ("more than four hours", "DURATION", "PT4H")),  # a span is not joined to the day after it
    ("He was seen in the store around 7:15 p.m., after the fight.", "1998-02-12",
     ("around 7:15 p.m.", "TIME", "1998-02-12T19:15")),
    ("The offer expires at 5 p.m. EST Nov. 9.", "1989-11-02", ("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00")),
    ("The third ship departs each Thursday from the port.", "1998-02-13", ("each Thursday", "SET", "XXXX-WXX-4")),
    ("Orangemen march each July from their church.", "1998-03-22", ("each July", "SET", "XXXX-07")),
    ("The shows air Tuesday nights on cable.", "1998-02-13", ("Tuesday nights", "SET", "XXXX-WXX-2TNI")),
    ("They lived in the camps for 2 1/2 years.", "1998-02-27", ("2 1/2 years", "DURATION", "P2Y6M")),
])
def test_hedged_spans_clocks_recurrences_and_halves(nlp, text, published, expected):
    shown, kind, value = expected
    assert timexes(nlp, text, published).get(shown) == (kind, value)


def test_a_count_before_to_is_no_expression_of_its_own(nlp):
    found = timexes(nlp, "The work takes two to three weeks to finish.", "1989-10-30")
    assert not [value for kind, value in found.values() if kind == "DATE"], found


@pytest.mark.parametrize("text, expected", [
    ("a minute and a half", ("DURATION", "PT1M30S")), ("5 1/2 hours", ("DURATION", "PT5H30M")),
    ("2 1-2 years", ("DURATION", "P2Y6M")), ("the past few years", ("DURATION", "PXY")),
    ("mondays", ("SET", "XXXX-WXX-1")),
])
def test_more_rules_on_normalised_text(text, expected):
    assert rule_value(text, date(1998, 3, 1)) == expected
