"""Figures, conflicts and the timeline over a whole story (newsfuse.fuse)."""

from __future__ import annotations

import pytest

from newsfuse.annotate import annotate
from newsfuse.fuse.conflicts import find_conflicts
from newsfuse.fuse.figures import rounding_step, tolerance
from newsfuse.fuse.numbers import collect_numbers
from newsfuse.fuse.timeline import build_timeline
from newsfuse.ingest import load
from newsfuse.models import Annotations, Article, Event, Story


def annotations_of(article: Article, models) -> Annotations:
    return annotate(article, models)


def story_of(models, *texts: str, published: str = "2021-08-27") -> Story:
    articles = [Article(id=f"a{index}", text=text, published=published) for index, text in enumerate(texts)]
    return Story(articles, {article.id: annotations_of(article, models) for article in articles})


@pytest.fixture(scope="module")
def kabul_story(models, kabul_dir):
    articles = load([kabul_dir]).articles
    return Story(articles, {article.id: annotations_of(article, models) for article in articles})


def value_articles(conflict):
    return {value.value: value.articles for value in conflict.values}


# ---------------------------------------------------------------- conflicts


def test_different_tolls_contradict(models):
    story = story_of(models, "A suicide bomber killed 30 people at the market.",
                     "The bomb at the market killed 45 people, police said.")
    (conflict,) = find_conflicts(story)
    assert conflict.kind == "contradiction"
    assert conflict.what == "people killed"
    assert value_articles(conflict) == {"30": ["a0"], "45": ["a1"]}
    for value in conflict.values:
        for evidence in value.evidence:
            assert story.by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text
            assert value.value in evidence.text


def test_two_different_lower_bounds_diverge(models):
    story = story_of(models, "The attacks killed at least 169 Afghans.",
                     "The blasts killed more than 180 people, officials said.")
    (conflict,) = find_conflicts(story)
    assert conflict.kind == "divergence"
    assert value_articles(conflict) == {"at least 169": ["a0"], "at least 180": ["a1"]}


def test_a_lower_bound_and_a_larger_figure_diverge(models):
    story = story_of(models, "The bomb killed at least 30 people.", "The bomb killed 45 people.")
    (conflict,) = find_conflicts(story)
    assert conflict.kind == "divergence"
    assert value_articles(conflict) == {"at least 30": ["a0"], "45": ["a1"]}


@pytest.mark.parametrize(("first", "second"), [
    ("The group has about 2,000 fighters.", "The group has 1,950 fighters."),  # rounding
    ("The group has 1,500 to 2,000 fighters.", "The group has 1,800 to 2,500 fighters."),  # overlap
    ("The attack killed 169 Afghans.", "The attack killed 170 people."),  # 170 may round 169
    ("The bomb killed 30 people.", "The bomb injured 45 people."),  # different outcomes
    ("The storm destroyed 30 homes.", "The storm cost $45 million."),  # different units
])
def test_compatible_or_unrelated_figures_are_no_conflict(models, first, second):
    assert find_conflicts(story_of(models, first, second)) == []


def test_generic_toll_is_not_matched_when_it_may_be_a_total(models):
    story = story_of(models, "The attacks killed 169 Afghans and 13 American service members.",
                     "The attacks killed 182 people.")
    assert find_conflicts(story) == []


def test_generic_toll_joins_the_only_specific_group(models):
    story = story_of(models, "The attacks killed 169 Afghans.", "The attacks killed 150 people.")
    (conflict,) = find_conflicts(story)
    assert conflict.what == "Afghans killed"
    assert value_articles(conflict) == {"169": ["a0"], "150": ["a1"]}


def test_one_article_changing_its_figure_is_no_conflict(models):
    story = story_of(models, "Officials first said 30 people were killed. Later 45 people were killed.")
    assert find_conflicts(story) == []


def test_conflicting_dates_for_one_event(models):
    story = story_of(models, "The Taliban movement emerged in 1994 in southern Afghanistan.",
                     "The Taliban movement emerged in 1996 in southern Afghanistan.")
    (conflict,) = find_conflicts(story)
    assert conflict.what.startswith("date: ")
    assert value_articles(conflict) == {"1994": ["a0"], "1996": ["a1"]}


def test_dates_at_different_precision_agree(models):
    story = story_of(models, "The Taliban movement emerged in 1994 in southern Afghanistan.",
                     "The Taliban movement emerged in September 1994 in southern Afghanistan.")
    assert find_conflicts(story) == []


def test_kabul_has_no_conflict(kabul_story):
    # 000 and 001 both give "1,500 to 2,000 fighters"; "10,000 ISIS fighters" is another group.
    assert find_conflicts(kabul_story) == []


@pytest.mark.parametrize(("value", "step"), [(2000, 1000), (170, 10), (169, 0), (1.5, 0), (1_200_000, 100_000)])
def test_rounding_step(value, step):
    assert rounding_step(value) == step


def test_tolerance_is_capped_for_exact_and_widened_for_about():
    assert tolerance(2000, "exact") == 100
    assert tolerance(2000, "about") == 200
    assert tolerance(169, "exact") == 0


# ------------------------------------------------------------------ numbers


def test_collect_numbers_in_story_then_text_order(kabul_story):
    numbers = collect_numbers(kabul_story)
    order = [article.id for article in kabul_story.articles]
    keys = [(order.index(number.article), number.start) for number in numbers]
    assert keys == sorted(keys)
    assert {number.article for number in numbers} >= {order[0], order[1], order[3]}
    assert collect_numbers(kabul_story) == numbers


# ----------------------------------------------------------------- timeline


def test_kabul_timeline(kabul_story):
    timeline = build_timeline(kabul_story)
    dates = [entry.date for entry in timeline]
    for expected in ("1989", "1994", "2013", "2014", "2018", "2020-06", "2021-08-26"):
        assert expected in dates
    keys = [tuple(int(part) for part in date.split("-")) for date in dates]
    assert keys == sorted(keys)
    for entry in timeline:
        assert entry.text and entry.articles
        for evidence in entry.evidence:
            assert kabul_story.by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text


def test_kabul_same_statement_in_two_rewrites_is_one_entry(kabul_story):
    (entry,) = [entry for entry in build_timeline(kabul_story) if entry.date == "2016"]
    assert [article[:3] for article in entry.articles] == ["000", "001"]
    assert len(entry.evidence) == 2


def test_thursday_resolved_in_the_timeline(kabul_story):
    thursday = [entry for entry in build_timeline(kabul_story) if entry.date == "2021-08-26"]
    assert any("Thursday" in entry.evidence[0].text for entry in thursday)
    assert all(entry.precision == "day" for entry in thursday)


def test_years_sort_before_their_months_and_days(models):
    story = story_of(models, "The ceasefire was signed on 3 June 2020. Talks began in 2020. "
                             "Fighting resumed in June 2020. The war started in 2019.")
    assert [entry.date for entry in build_timeline(story)] == ["2019", "2020", "2020-06", "2020-06-03"]


def test_same_date_and_event_merge_across_articles(models):
    story = story_of(models, "A suicide bomber struck the airport gate on Thursday, killing dozens.",
                     "On Thursday a suicide bomber struck the gate of the airport.",
                     "The parliament passed the budget on Thursday.")
    (bombing, budget) = sorted(build_timeline(story), key=lambda entry: len(entry.articles), reverse=True)
    assert bombing.articles == ["a0", "a1"] and bombing.date == "2021-08-26"
    assert budget.articles == ["a2"]
    assert "bomber" in bombing.text


def test_relative_dates_inside_direct_quotes_stay_off_the_timeline(models):
    from newsfuse.fuse.timeline import build_timeline

    story = story_of(models, '"Tonight our only concern is the families," the mayor said on Tuesday.')
    dates = [entry.date for entry in build_timeline(story)]
    assert len(dates) == 1, dates


def test_generic_tolls_worded_differently_are_compared(models):
    story = story_of(models, "At least 12 people were killed when the bridge collapsed.",
                     "The death toll from the collapse has risen to 14.")
    (conflict,) = find_conflicts(story)
    assert value_articles(conflict) == {"at least 12": ["a0"], "14": ["a1"]}


# ------------------------------------------------- same quantity, or no conflict


def stories_on_days(models, *texts_and_days: tuple[str, str]) -> Story:
    articles = [Article(id=f"a{index}", text=text, published=day)
                for index, (text, day) in enumerate(texts_and_days)]
    return Story(articles, {article.id: annotations_of(article, models) for article in articles})


@pytest.mark.parametrize(("first", "second"), [
    # different places: Kenya's toll is not Tanzania's
    ("The blast in Nairobi killed 30 people.", "The blast in Mombasa killed 45 people."),
    ("The bomb killed 30 Kenyan workers, officials said.", "The bomb killed 45 Tanzanian workers, officials said."),
    # a part and a whole: farther apart than MAX_RATIO
    ("The bomb killed 11 people.", "The bombings killed 224 people."),
    # different people's counts ("Blackmore has 20 wives" is not Oler's count)
    ("Winston Blackmore has 20 wives, the court heard.", "James Oler has 25 wives, the court heard."),
    # a bare count whose sentences say different things
    ("Just how close the two men became is not clear.", "All three men have pleaded not guilty."),
    # the second article reports both figures: a change, not a dispute
    ("Police said 32 people died in the cold.",
     "Earlier police said 32 people died in the cold, but by evening 36 people had died."),
])
def test_figures_of_different_quantities_are_no_conflict(models, first, second):
    assert find_conflicts(story_of(models, first, second)) == []


def test_a_sentence_without_a_place_means_its_articles_main_place(models):
    told_from_oslo = ("Rescuers in Oslo worked through the night. The storm hit Oslo on Monday. "
                      "At least 12 people were killed when the roof fell, officials said.")
    story = story_of(models, told_from_oslo, "The storm killed 14 people in Oslo, the mayor said.")
    assert len(find_conflicts(story)) == 1
    told_from_bergen = told_from_oslo.replace("Oslo", "Bergen")
    assert find_conflicts(story_of(models, told_from_bergen, "The storm killed 14 people in Oslo, the mayor said.")) == []


def test_capitalised_words_are_no_rival_actors(models):
    # "Citing" and "Officials" open their sentences: capitals, not people or organisations
    story = story_of(models, "Citing the toll, she said more than 250 people were killed in the attacks.",
                     "Officials said the attacks killed 224 people.")
    (conflict,) = find_conflicts(story)
    assert value_articles(conflict) == {"at least 250": ["a0"], "224": ["a1"]}


def test_figures_reported_on_different_days_are_updates(models):
    story = stories_on_days(models, ("The storm killed 30 people.", "2021-08-27"),
                            ("The storm killed 45 people.", "2021-08-29"))
    assert find_conflicts(story) == []


def test_one_outlets_versions_of_a_report_are_no_conflict(models):
    texts = ["The cold wave has killed at least 62 people across Europe.",
             "The cold wave has killed at least 65 people across Europe."]
    articles = [Article(id=f"a{index}", text=text, published="1998-11-23", outlet="Associated Press")
                for index, text in enumerate(texts)]
    story = Story(articles, {article.id: annotations_of(article, models) for article in articles})
    assert find_conflicts(story) == []
    assert len(find_conflicts(story_of(models, *texts))) == 1  # two outlets: a divergence


def test_figures_of_different_events_are_no_conflict(models):
    texts = ["A suicide bomber killed 30 people at the market."] * 3 + ["The bomb at the market killed 45 people."] * 3
    story = story_of(models, *texts)
    assert len(find_conflicts(story)) == 1
    events = [Event(title=None, articles=["a0", "a1", "a2"]), Event(title=None, articles=["a3", "a4", "a5"])]
    assert find_conflicts(story, events) == []
    # a lone article the clusterer could not place is no evidence of another event
    events = [Event(title=None, articles=["a0", "a1", "a2", "a4", "a5"]), Event(title=None, articles=["a3"])]
    assert len(find_conflicts(story, events)) == 1


def test_relative_days_are_no_date_conflict(models):
    # two articles a month apart: "Wednesday" is two different Wednesdays
    sentence = "A federal grand jury in Manhattan returned the indictment Wednesday."
    story = stories_on_days(models, (sentence, "1998-10-09"), (sentence, "1998-11-06"))
    assert find_conflicts(story) == []


def test_one_toll_counted_with_different_nouns_is_one_quantity(models):
    # "21 Israelis", "21 shoppers" and "24 people" wounded in one blast: one toll (DUC D30010)
    story = story_of(models, "The blast killed two assailants and wounded 21 Israelis in a Jerusalem market.",
                     "Blasts in a Jerusalem market killed the two assailants and injured 21 shoppers.",
                     "President Clinton spoke after a car bomb in a Jerusalem market wounded 24 people.")
    (conflict,) = find_conflicts(story)
    assert value_articles(conflict) == {"21": ["a0", "a1"], "24": ["a2"]}


def test_who_gives_a_toll_is_no_part_of_it(models):
    # sources that disagree: that is the dispute, not two quantities
    story = story_of(models, "Police chief John Smith said 12 people were killed in the blast.",
                     "Hospital director Mary Jones said 18 people were killed in the blast.")
    (conflict,) = find_conflicts(story)
    assert value_articles(conflict) == {"12": ["a0"], "18": ["a1"]}


def test_a_part_is_not_compared_with_a_total(models):
    # 182 = 169 + 13: the first article's "169 Afghans" is a part of the second's total
    story = story_of(models, "The bombing killed at least 169 Afghans and 13 American service men.",
                     "The bombing killed 182 people.")
    assert find_conflicts(story) == []
