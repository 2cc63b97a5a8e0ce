"""parsed: a summary line read by its dependency parse (statement or not, its event, its descriptions)."""

from __future__ import annotations

import pytest

from newsfuse.fuse.parsed import definite_descriptions, is_statement, main_event


@pytest.mark.parametrize("text", [
    "Save a quarter of your paycheck every month for retirement.",  # imperative
    "Don't forget to check your credit score every year.",  # imperative with "do not"
    "No more vacations and no more dinners out for the family.",  # no verb
    "Cut the cable bill Americans pay far more for television than they need to.",  # heading glued to a sentence
    "The Sixers then hired a new coach from Boston.",  # a step after one the line does not tell
    "Ms. Moseley-Braun said in an interview.",  # a verb of saying with nothing said
])
def test_what_is_no_statement_alone(text):
    assert not is_statement(text)


@pytest.mark.parametrize("text", [
    "Police said the men were arrested this morning.",
    "If the talks fail, then the strike will begin on Monday.",
    "Never give up on your dreams, the mayor told the graduates.",
    "The navy said it has captured 23 pirates in the gulf.",
    "The attacks killed at least 169 Afghans and 13 American service men.",  # parsed as a noun and a participle
    "Turkish officials on Monday confirmed the deaths of 12 soldiers.",
])
def test_statements_stand(text):
    assert is_statement(text)


def test_the_main_event_is_the_reported_verb_and_its_subject():
    assert main_event("Police said the three men were arrested this morning.") == ("arrest", frozenset({"three"}))
    assert main_event("Unusually cold weather in Moscow killed 39 people.") == ("kill", frozenset({"moscow"}))
    assert main_event("Jackson was arrested on the DUI charge early Tuesday.") == ("arrest", frozenset({"jackson"}))
    assert main_event("The mayor said he would resign.") is None  # a pronoun: no subject to compare
    assert main_event("The bridge is closed to traffic.") is None  # a state
    assert main_event('"We will rebuild," the mayor said.') is None  # a saying is no event


def test_definite_descriptions_are_subjects_and_objects_not_defined_in_the_line():
    found = definite_descriptions("Police said the former president visited the store of his uncle in the city.")
    assert [(description.words, description.head) for description in found] == [(("former",), "president")]
    assert definite_descriptions('He said "the team will appeal" on Monday.') == ()  # quoted
    assert definite_descriptions("The two dead were the assailants.") == ()  # counted
