"""Dated statements resolved against publication (newsfuse.annotate.dates)."""

from __future__ import annotations

import pytest

from newsfuse.annotate.dates import extract_dates
from newsfuse.ingest import load
from newsfuse.models import Article

FRIDAY = "2021-08-27"


def dates_of(nlp, text: str, published: str | None = FRIDAY):
    article = Article(id="t", text=text, published=published)
    mentions = extract_dates(nlp(text), article)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
        clause_start, clause_end = mention.clause
        assert clause_start <= mention.start and mention.end <= clause_end <= len(text)
    return mentions


def by_text(mentions):
    return {mention.text: (mention.date, mention.precision, mention.relative) for mention in mentions}


@pytest.fixture(scope="module")
def kabul_dates(nlp, kabul_dir):
    return {article.id[:3]: dates_of(nlp, article.text, article.published)
            for article in load([kabul_dir]).articles}


def test_kabul_relative_dates_resolve_against_publication(kabul_dates):
    found = by_text(kabul_dates["003"])
    assert found["Thursday"] == ("2021-08-26", "day", True)
    assert found["August"] == ("2021-08", "month", True)
    assert found["2013"] == ("2013", "year", False)
    assert found["2018"] == ("2018", "year", False)


def test_kabul_absolute_dates_without_publication_date(kabul_dates):
    found = by_text(kabul_dates["001"])
    assert found["June 2020"] == ("2020-06", "month", False)
    assert {"1994", "1989", "2014", "2016"} <= set(found)
    assert not any(mention.relative for mention in kabul_dates["001"])


@pytest.mark.parametrize(("sentence", "expression", "expected"), [
    ("The minister resigned yesterday.", "yesterday", ("2021-08-26", "day")),
    ("The plant was shut two days ago.", "two days ago", ("2021-08-25", "day")),
    ("Talks collapsed last week.", "last week", ("2021-08", "month")),
    ("Prices rose last month.", "last month", ("2021-07", "month")),
    ("Prices have risen this year.", "this year", ("2021", "year")),
    ("The bridge reopened in September.", "September", ("2020-09", "month")),
    ("The talks will resume on Monday.", "Monday", ("2021-08-30", "day")),
    ("The vote was held on Friday.", "Friday", ("2021-08-27", "day")),
    ("The vote was held last Friday.", "last Friday", ("2021-08-20", "day")),
    ("The attack came on Wednesday.", "Wednesday", ("2021-08-25", "day")),
])
def test_relative_expressions(nlp, sentence, expression, expected):
    found = by_text(dates_of(nlp, sentence))
    assert found[expression] == (*expected, True)


@pytest.mark.parametrize(("sentence", "expression", "expected"), [
    ("The report was published on 27 August 2021.", "27 August 2021", ("2021-08-27", "day")),
    ("The group was founded in late 2019.", "late 2019", ("2019", "year")),
    ("The 2015-16 season was cancelled.", "2015-16", ("2015", "year")),
    ("Fighting raged between 2015 and 2018.", "between 2015 and 2018", ("2015", "year")),
])
def test_absolute_expressions(nlp, sentence, expression, expected):
    found = by_text(dates_of(nlp, sentence, published=None))
    assert found[expression] == (*expected, False)


@pytest.mark.parametrize("sentence", [
    "He was jailed for two years.",
    "Crime fell sharply in the 1990s.",
    "The economy has grown in recent years.",
])
def test_durations_and_vague_spans_are_not_dates(nlp, sentence):
    assert dates_of(nlp, sentence) == []


def test_relative_expressions_need_a_publication_date(nlp):
    mentions = dates_of(nlp, "The minister resigned yesterday, and the law passed in March 2019.",
                        published=None)
    assert by_text(mentions) == {"March 2019": ("2019-03", "month", False)}


def test_clause_says_what_happened(nlp):
    text = "Analysts said that the Taliban emerged in 1994, while the talks failed."
    (mention,) = dates_of(nlp, text)
    clause = text[mention.clause[0]:mention.clause[1]]
    assert "emerged in 1994" in clause
    assert "talks failed" not in clause


def test_verbless_fragment_and_abbreviations(nlp):
    (fragment,) = dates_of(nlp, "Sunday, 5 June 2020.", published=None)
    assert fragment.date == "2020-06-05"
    text = "Eight years ago, when Mr. Obama took office, the deficit soared."
    (mention,) = dates_of(nlp, text)
    assert mention.date == "2013"
    assert "Obama" in text[mention.clause[0]:mention.clause[1]]


def test_reported_future_looks_forward(nlp):
    from newsfuse.annotate.dates import extract_dates
    from newsfuse.models import Article

    text = "The authority said the crossing would stay closed and that ferries would run extra services from Thursday."
    article = Article(id="a", text=text, published="2025-03-12")  # a Wednesday
    dates = {d.text: d.date for d in extract_dates(nlp(text), article)}
    assert "2025-03-13" in dates.values(), dates


@pytest.mark.parametrize("text", [
    "Warren Jeffs, 54, was arrested on the highway.",
    "The quake struck at 0737 GMT, officials said.",
    "Call the hotline on 555-9324 for details.",
    "The home side won 3-2 in extra time.",
    "Prices rose 15 percent to $2,013 a tonne.",
])
def test_ages_clock_times_phone_numbers_scores_and_money_are_never_years(nlp, text):
    assert [mention.text for mention in dates_of(nlp, text) if any(char.isdigit() for char in mention.text)] == []


def test_an_undated_month_day_under_no_past_verb_is_the_nearer_one(nlp):
    found = by_text(dates_of(nlp, "Pre-orders beginning April 29th will open, the company said.",
                             published="2013-04-24"))
    assert found["April 29th"][0] == "2013-04-29"


def test_an_undated_month_day_under_a_past_verb_stays_in_the_past(nlp):
    found = by_text(dates_of(nlp, "He was arrested on April 29, police said.", published="2013-04-24"))
    assert found["April 29"][0] == "2012-04-29"


@pytest.mark.parametrize("text, kind", [
    ("three years", "DURATION"), ("48 hours", "DURATION"), ("every monday", "SET"), ("weekly", "SET"),
    ("7:30 p.m.", "TIME"), ("0737 gmt", "TIME"), ("april 29", "DATE"), ("last year", "DATE"),
])
def test_timex_types(text, kind):
    from newsfuse.annotate.dates import timex_type

    assert timex_type(text) == kind


def test_durations_and_sets_are_kept_off_the_dates(nlp):
    assert dates_of(nlp, "The talks lasted three years and the council meets every Monday.") == []


def test_clause_is_not_cut_at_a_title_abbreviation(nlp):
    text = "Police said Sgt. Smith was arrested on Friday near the base."
    (mention,) = dates_of(nlp, text)
    assert text[mention.clause[0]:mention.clause[1]].startswith(("Police", "Sgt. Smith")), mention.clause


def test_until_a_year_after_a_between_of_no_dates_still_dates(nlp):
    text = "There is a divide between Labor and the Tories who, while in office until 1997, let him in."
    assert by_text(dates_of(nlp, text, published=None))["1997"][0] == "1997"


@pytest.mark.parametrize("text", [
    "Pinochet, who ruled Chile from 1973 to 1990, was granted amnesty.",
    "He pushed through an amnesty covering crimes committed before 1978.",
])
def test_a_date_that_only_bounds_a_span_is_not_its_date(nlp, text):
    assert "1990" not in by_text(dates_of(nlp, text, published=None))
    assert "1978" not in by_text(dates_of(nlp, text, published=None))


def test_last_weekday_is_last_weeks_not_yesterday(nlp):
    found = by_text(dates_of(nlp, "Last Thursday, an assailant tried to ram a bus.", published="1998-11-06"))
    assert found["Last Thursday"][0] == "1998-10-29"


def test_n_years_later_counts_from_the_date_before_not_publication(nlp):
    text = ("He moved to West Germany in 1981 and to New York four years later. "
            "The Soviet Union withdrew its troops in 1989. Two years later, the aid stopped.")
    found = by_text(dates_of(nlp, text, published="1998-10-21"))
    assert found["four years later"][0] == "1985" and found["Two years later"][0] == "1991"
    assert dates_of(nlp, "Three years later, the aid stopped.", published="1998-10-21") == []


@pytest.mark.parametrize("text, expression", [
    ("It is not known how the truck, a 1987 Nissan, entered the compound.", "1987"),
    ("Thousands pray at the mosque at the main Friday prayers, officials said.", "Friday"),
    ("The center, which has been closed for about five years, reopened.", "about five years"),
])
def test_descriptions_habits_and_hedged_durations_date_no_event(nlp, text, expression):
    assert expression not in by_text(dates_of(nlp, text, published="1998-10-21"))


def test_a_past_verb_beats_a_mis_tagged_present(nlp):
    text = "Focus: European Cold Wave On Sunday, snow whitened parts of Capri off the coast of Italy."
    assert by_text(dates_of(nlp, text, published="1998-11-25"))["Sunday"][0] == "1998-11-22"


@pytest.mark.parametrize("text", [
    "The state in the period from the late 1970's to early 1990's became involved in crime.",
    "The panel will release its report on 2 1-2 years of investigation soon.",
])
def test_decades_and_spans_are_no_timeline_years(nlp, text):
    assert dates_of(nlp, text, "1998-10-26") == []


def test_a_scheduled_occasion_on_a_bare_weekday_is_not_guessed(nlp):
    # a Sunday paper: "Friday's election" may be two days back or five ahead
    assert dates_of(nlp, "He wanted to run in Friday's election to the assembly.", "1998-10-18") == []
    (future,) = dates_of(nlp, "He will vote in Friday's election to the assembly.", "1998-10-18")
    assert future.date == "1998-10-23"
    (past,) = dates_of(nlp, "Friday's bombing killed two.", "1998-10-18")
    assert past.date == "1998-10-16"  # a bombing is no scheduled occasion


@pytest.mark.parametrize("text, kind", [
    ("the past few years", "DURATION"), ("twice a year", "SET"), ("annually", "SET"), ("10:55", "TIME"),
    ("at least 30 days", "DURATION"),
])
def test_timex_types_share_the_rule_tables(text, kind):
    from newsfuse.annotate.dates import timex_type

    assert timex_type(text) == kind


@pytest.mark.parametrize("text, expected", [
    ("The team planned to leave Nairobi on Thursday for Dar es Salaam.", "1998-10-01"),
    ("The talks are set to resume Monday in Belfast.", "1998-10-05"),
    ("Officials postponed until Tuesday any action on the case.", "1998-10-06"),
    ("The attorney has scheduled a news conference Thursday.", "1998-10-01"),
    ("The group could leave as soon as Tuesday, he said.", "1998-10-06"),
    ("On Friday, the government planned to pay the first claims.", "1998-09-25"),  # the plan's own day
    ("A memorial service planned for Saturday was canceled.", "1998-09-26"),
])
def test_a_plan_points_to_the_coming_weekday(nlp, text, expected):
    (mention,) = dates_of(nlp, text, "1998-09-30")  # a Wednesday
    assert mention.date == expected


def test_a_yearless_day_the_article_named_with_its_year_keeps_that_year(nlp):
    text = ("The suit says Microsoft met Netscape on June 21, 1995. Netscape had eagerly sought the June meeting. "
            "What was threatened at the June 21 meeting is disputed.")
    assert [mention.date for mention in dates_of(nlp, text, "1998-10-22")] == ["1995-06-21", "1995-06", "1995-06-21"]


def test_a_count_from_the_date_before_needs_a_written_out_date(nlp):
    said = "The company said Tuesday that earnings had risen 58 percent over their level a year earlier."
    assert [mention.text for mention in dates_of(nlp, said, "1998-10-22")] == ["Tuesday"]
    moved = dates_of(nlp, "He moved to Berlin in 1981 and to New York four years later.", "1998-10-22")
    assert [mention.date for mention in moved] == ["1981", "1985"]


def test_a_house_number_is_no_year(nlp):
    text = ("She runs a design studio out of a heritage home at 2016 Ontario, near the shop. "
            "The offices at 1600 Pennsylvania Avenue closed in 2016.")
    assert [mention.text for mention in dates_of(nlp, text)] == ["2016"]
    assert dates_of(nlp, text)[0].start > text.index("Avenue")
