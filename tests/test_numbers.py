"""Numbers with what they count (newsfuse.annotate.numbers)."""

from __future__ import annotations

import pytest

from newsfuse.annotate.numbers import extract_numbers
from newsfuse.annotate.values import parse_value
from newsfuse.ingest import load
from newsfuse.models import Article
from newsfuse.text import number_unit


def numbers_of(nlp, text: str, **fields):
    article = Article(id="t", text=text, **fields)
    mentions = extract_numbers(nlp(text), article)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
    return mentions


def only(mentions, value: float):
    found = [mention for mention in mentions if mention.value == value]
    assert len(found) == 1, [mention.model_dump() for mention in mentions]
    return found[0]


@pytest.fixture(scope="module")
def kabul_numbers(nlp, kabul_dir):
    articles = load([kabul_dir]).articles
    return {article.id[:3]: numbers_of(nlp, article.text) for article in articles}


def test_kabul_casualties_with_what_happened(kabul_numbers):
    afghans = only(kabul_numbers["003"], 169)
    assert (afghans.what, afghans.bound, afghans.approximate) == ("Afghans killed", "at-least", True)
    assert afghans.text == "at least 169 Afghans"
    troops = only(kabul_numbers["003"], 13)
    assert (troops.what, troops.bound) == ("American service men killed", "exact")
    strikes = only(kabul_numbers["003"], 2)
    assert strikes.what == "ISIS offshoot strikes"


@pytest.mark.parametrize("article", ["000", "001"])
def test_kabul_fighters_range_in_both_rewrites(kabul_numbers, article):
    fighters = only(kabul_numbers[article], 1500)
    assert fighters.value_max == 2000
    assert fighters.what == "fighters"
    assert fighters.bound == "about"
    half = only(kabul_numbers[article], 0.5)
    assert half.what == "peak levels"


def test_kabul_lower_bound_and_no_years(kabul_numbers):
    isis = only(kabul_numbers["001"], 10000)
    assert (isis.what, isis.bound) == ("ISIS fighters", "at-least")
    every_value = {mention.value for mentions in kabul_numbers.values() for mention in mentions}
    assert not every_value & {2013, 2014, 2015, 2016, 2018, 2020, 1994, 1989}


@pytest.mark.parametrize(("text", "value", "value_max", "what", "bound"), [
    ("Thirteen soldiers died in the ambush.", 13, None, "soldiers died", "exact"),
    ("About 1.2 million people fled the region.", 1.2e6, None, "people fled", "about"),
    ("Between 5 and 10 people were injured.", 5, 10, "people injured", "exact"),
    ("Nearly 200 homes were destroyed.", 200, None, "homes destroyed", "about"),
    ("Fewer than 50 people attended the rally.", 50, None, "people", "at-most"),
    ("Dozens of people were hurt.", 24, None, "people hurt", "at-least"),
    ("Police arrested 12 protesters on Sunday.", 12, None, "protesters arrested", "exact"),
    ("Roughly 40 percent of voters backed the plan.", 40, None, "voters", "about"),
    ("The EU handed Apple's recent $14.5 billion tax bill to the court.", 14.5e9, None,
     "Apple's recent tax bill handed", "exact"),
    ("The death toll rose to 170.", 170, None, "death toll", "exact"),
    ("The death toll rose from 30 to 45.", 45, None, "death toll", "exact"),
    ("The storm left 3,400 residents homeless and 30 people missing.", 30, None, "people missing", "exact"),
    ("He won a 20 percent stake in the airline and three board seats.", 3, None, "board seats won", "exact"),
    ("Deputies chased him at speeds of more than 100 mph.", 100, None, "speeds", "at-least"),
    ("The owner estimates damage at $1.5 million.", 1.5e6, None, "damage", "exact"),
    ("The house is worth about $50,000.", 50000, None, "house", "about"),
    ("Investors keep moving billions in short-term investments.", 2e9, None, "short-term investments",
     "at-least"),
    ("The forward signed a five-year, $80 million contract.", 80e6, None, "contract signed", "exact"),
    ("A team of terrorists using two vehicles attempted to drive a truck.", 2, None, "vehicles", "exact"),
    ("Revenues rose 26 percent in the quarter.", 26, None, "Revenues", "exact"),
    ("The storm caused property damage estimated at more than $5 billion.", 5e9, None,
     "property damage", "at-least"),
])
def test_figures_and_what_they_count(nlp, text, value, value_max, what, bound):
    mention = only(numbers_of(nlp, text), value)
    assert (mention.value_max, mention.what, mention.bound) == (value_max, what, bound)
    assert mention.approximate == (bound != "exact")


@pytest.mark.parametrize("text", [
    "In 2016, the group changed its name.",
    "The 25-year-old man was arrested.",
    "The suspect, aged 25, was arrested.",
    "The details are on page 12 of the report.",
    "The blast happened at 3:30 pm near the gate.",
    "He boarded flight 370 in Kuala Lumpur.",
    "It was the first attack of its kind.",
    "One of the men said no one knew what happened.",
    "World War 2 ended decades ago.",
    "Crews fought a five-alarm fire in a four-way junction.",
    "Rents are 10 times the national average.",
    "She left a Sept. 11 memorial event early.",
    "SAVE A QUARTER ON EVERYTHING",
    "A 9/11 widow spoke at the rally.",
    "Police arrived at approximately 7 p. m. on Friday.",
    "He has spent 19 years with the 76ers.",
    "He struck a parked car, but no one was injured.",
    "By the age of 9, he knew the Koran by heart.",
    "They moved to a small apartment at 566 Atlantic Ave., above a factory.",
])
def test_non_figures_are_skipped(nlp, text):
    assert numbers_of(nlp, text) == []


def test_money_and_percent_keep_their_unit(nlp):
    mentions = numbers_of(nlp, "The company lost $1.2 million, or 15% of its revenue.")
    money = only(mentions, 1.2e6)
    assert number_unit(money.text) == "money:USD"
    assert number_unit(only(mentions, 15).text) == "percent"


@pytest.mark.parametrize(("text", "expected"), [
    ("1,500 to 2,000", (1500, 2000)),
    ("between 5 and 10 million", (5e6, 10e6)),
    ("one hundred and sixty nine", (169, None)),
    ("a dozen", (12, None)),
    ("2.5bn", (2.5e9, None)),
    ("two-thirds", (2 / 3, None)),
    ("hundreds", (200, None)),
    ("âThey", None),
])
def test_parse_value(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize(("text", "unit"), [
    ("45 people", "count"), ("15%", "percent"), ("40 per cent", "percent"),
    ("€3 million", "money:EUR"), ("80 km", "km"), ("2.5bn euros", "money:EUR"),
])
def test_number_unit(text, unit):
    assert number_unit(text) == unit


@pytest.mark.parametrize("text, value", [
    ("About 15, 000 people were displaced by the floods.", 15000.0),
    ("Officials said 2, 500, 000 people were displaced.", 2500000.0),
])
def test_a_figure_broken_by_spacing_is_read_whole(nlp, text, value):
    mentions = numbers_of(nlp, text)
    assert [mention.value for mention in mentions] == [value]


def test_a_sentence_end_before_a_figure_is_no_decimal(nlp):
    assert parse_value("6. 1") == (6.1, None)
    mentions = numbers_of(nlp, "The bridge opened in 2012. 5 people were hurt on it last year.")
    assert [mention.value for mention in mentions] == [5.0]


@pytest.mark.parametrize(("text", "value", "where", "of_whom"), [
    ("A car bomb in a Jerusalem market wounded 24 people.", 24, ["Jerusalem"], None),
    ("Eleven people were killed in Dar es Salaam and 213 in Nairobi.", 11, ["Dar es Salaam"], None),
    ("The court heard that Blackmore's 20 wives live in Bountiful.", 20, ["Bountiful"], "Blackmore"),
    ("Winston Blackmore has 20 wives, the court heard.", 20, [], "Winston Blackmore"),
    # a place elsewhere in the sentence is not the figure's
    ("Speaking in Washington, the minister said 30 people died.", 30, [], None),
])
def test_places_and_holder_from_the_parse(nlp, text, value, where, of_whom):
    mention = only(numbers_of(nlp, text), value)
    assert (mention.where, mention.of_whom) == (where, of_whom)


@pytest.mark.parametrize(("text", "value", "what"), [
    ("The blast killed two and wounded 21.", 2, "killed"),  # the blast is not counted
    ("The IMF, which represents 182 nations, met.", 182, "nations"),  # no "nations represents"
    ("He settled a lawsuit against the city for $5.5 million.", 5.5e6, "lawsuit"),
    ("He signed a five-year deal worth nearly $80 million.", 80e6, "deal"),
    ("Of the 34 Senate seats up this year, 10 are considered safely Republican.", 10, "seats"),
    ("Some roads were blocked by snowdrifts as high as 1.5 meters.", 1.5, "snowdrifts"),
    ("She never managed to lift her job approval ratings above 50 percent.", 50, "job approval ratings"),
    ("Temperatures were as low as minus 20 degrees Celsius.", -20, "Temperatures"),  # the sign kept
    ("PAL launched a dlrs 4 billion modernization program.", 4e9, "modernization program launched"),
])
def test_what_a_figure_counts_or_sizes(nlp, text, value, what):
    assert only(numbers_of(nlp, text), value).what == what


@pytest.mark.parametrize("text", [
    "Georges' 110 mph (177 kph) winds hit the island.",  # a conversion repeats the figure
    "His No. 10 jersey hangs in the rafters.",  # a label
    "He spoke from an altar before a 5-meter cross.",  # a measure modifying a noun
    "Chargers lineman Jamal Williams faces DUI charges 10: 55 P. M. FEB.",  # a clock time spaced by the feed
])
def test_not_figures(nlp, text):
    values = {mention.value for mention in numbers_of(nlp, text)}
    assert not values & {177.0, 10.0, 5.0}


@pytest.mark.parametrize(("text", "value", "what"), [
    ("Two explosions, followed by fast pops, shook the market.", 2, "explosions"),  # no "explosions followed"
    ("At least 30 people were killed by the blast.", 30, "people killed"),
    ("Of the 106 million Brazilians eligible to vote, nearly 70 percent have little schooling.", 70, "Brazilians"),
])
def test_what_from_participles_and_partitives(nlp, text, value, what):
    assert only(numbers_of(nlp, text), value).what == what


def test_a_spaced_clock_time_is_no_figure(nlp):
    assert numbers_of(nlp, "At 9. 25 a. m. on Thursday, navy personnel spotted five boats.")[0].value == 5


@pytest.mark.parametrize(("text", "value", "what"), [
    ("A total of 248 people, including a dozen Americans, were killed in the bombing.", 248, "people killed"),
    ("Police say the number of cold-related deaths in recent weeks is 29 more than the number for last winter.", 29,
     "cold-related deaths"),
    ("The number of people killed in the quake rose to 85.", 85, "people killed"),
])
def test_a_tally_noun_counts_what_follows_its_of(nlp, text, value, what):
    assert only(numbers_of(nlp, text), value).what == what


@pytest.mark.parametrize(("text", "value", "what"), [
    ("As much as 16 inches of snow fell on the town.", 16, "snow"),  # inches are a unit, not what is counted
    ("The warship was some 13 miles away.", 13, "distance"),
    ("The civil war left over 10,000 dead.", 10000, "dead"),
    ("The bombing left 11 people dead.", 11, "people dead"),
])
def test_measures_distances_and_the_state_left_in(nlp, text, value, what):
    assert only(numbers_of(nlp, text), value).what == what


def test_a_length_from_a_place_is_no_count_of_the_place(nlp):
    mention = only(numbers_of(nlp, "The boats were spotted 12 miles from shore."), 12)
    assert "shore" not in mention.what


def test_a_length_is_a_distance_only_between_places(nlp):
    town = "Bodies were found in Fonds Verrettes, a town 50 miles (80 kilometers) east of Port-au-Prince."
    assert only(numbers_of(nlp, town), 50).what == "distance"
    assert only(numbers_of(nlp, "Heavy snow will fall above 3,000 feet."), 3000).what != "distance"


def test_cents_are_a_unit_not_what_is_counted(nlp):
    mention = only(numbers_of(nlp, "Analysts had expected Microsoft to earn 49 cents a share."), 49)
    assert mention.what != "cents" and number_unit(mention.text) == "cent"
