"""Descriptions: a summary line opening with a definite description is introduced, resolved or left out."""

from __future__ import annotations

import pytest
from test_facts import build_story

from newsfuse.fuse.descriptions import Descriptions

STORE = {
    "wire": "A fire gutted a hardware store in Valmora on Tuesday. Jim Harlow, the store's owner, said "
            "nobody was hurt. The store had been open since 1951.",
    "daily": "Former president Ana Ruiz visited the flooded town of Pelm on Monday. "
             "The team said it would appeal the ruling of the league.",
}


@pytest.fixture(scope="module")
def descriptions(nlp, models) -> Descriptions:
    return Descriptions(build_story(STORE, nlp, models))


def test_a_description_no_earlier_line_introduced_dangles(descriptions):
    assert descriptions.shown("The team said it would appeal the ruling of the league.", []) is None
    assert descriptions.shown("The team said it would appeal the ruling of the league.",
                              ["Valmora's football team lost its licence on Monday."]) is not None


def test_a_description_the_articles_pin_to_one_name_is_resolved(descriptions):
    assert descriptions.shown("The owner said nobody was hurt in the fire.", []) == \
        "Jim Harlow said nobody was hurt in the fire."
    assert descriptions.shown("The former president visited the flooded town of Pelm.", []) == \
        "Ana Ruiz visited the flooded town of Pelm."
    assert descriptions.shown("The former president visited the flooded town of Pelm.",
                              ["Ana Ruiz was greeted by crowds in Pelm on Monday."]) == \
        "The former president visited the flooded town of Pelm."


def test_named_anchored_unique_and_event_descriptions_stand(descriptions):
    earlier = ["A fire gutted a hardware store in Valmora on Tuesday."]
    assert descriptions.shown("The store had been open since 1951.", earlier) is not None  # said before
    assert descriptions.shown("The police said the fire started in the basement.", []) is not None
    assert descriptions.shown("The blaze was put out after three hours, firefighters said.", earlier) is not None
    assert descriptions.shown("The blaze was put out after three hours, firefighters said.", []) is None
    assert descriptions.shown("The owner, Jim Harlow, said nobody was hurt.", []) is not None
    assert descriptions.shown("The man who set the fire was arrested on Wednesday.", []) is not None
    assert descriptions.shown("The price of oil rose by 3 percent on Tuesday.", []) is not None
    assert descriptions.shown("The chief executive of the International Monetary Fund spoke.", []) is not None
    assert descriptions.shown("The head of the agency spoke on Friday.", []) is None
    assert descriptions.shown("The owner of the store said nobody was hurt.", []) is not None  # "owner" is Jim Harlow
    assert descriptions.shown("The United Nations called for calm in Valmora.", []) is not None


def test_a_surname_alone_no_earlier_line_names_dangles(nlp, models):
    story = build_story({"wire": "Maurice Cheeks was fired on Saturday as coach of the 76ers. Tony DiLeo will take "
                                 "over as coach. DiLeo has spent 19 seasons with the 76ers."}, nlp, models)
    descriptions = Descriptions(story)
    assert descriptions.shown("DiLeo has spent 19 seasons with the 76ers.", []) is None
    assert descriptions.shown("DiLeo has spent 19 seasons with the 76ers.",
                              ["DiLeo, the general manager, will take over as coach."]) is not None
    assert descriptions.shown("Cheeks was fired on Saturday as coach.", []) == "Cheeks was fired on Saturday as coach."


def test_a_kind_of_place_after_its_name_and_a_specific_description_stand(nlp, models):
    story = build_story({"wire": "A court let Texas enforce its abortion ban on Friday. The state appealed the "
                                 "order. The partial government shutdown could last weeks. Democrat Hillary Clinton "
                                 "spoke on Friday. Hillary said the ban was cruel."}, nlp, models)
    descriptions = Descriptions(story)
    assert descriptions.shown("The state appealed the order on Friday.", ["A court let Texas enforce its ban."])
    assert descriptions.shown("The state appealed the order on Friday.", []) is None
    assert descriptions.shown("The partial government shutdown could last weeks.", [])
    assert descriptions.shown("The unemployment rate stayed at 3.7 percent.", [])
    assert descriptions.shown("Hillary said the ban was cruel.", [])  # a first name, not a surname


def test_a_description_within_a_line_needs_an_antecedent_too(descriptions):
    line = "Police questioned the team about the fire on Tuesday."
    assert descriptions.shown(line, []) is None
    assert descriptions.shown(line, ["Valmora's football team lost its licence on Monday."]) == line
    assert descriptions.shown("Police said the owner was not hurt.", []) == "Police said Jim Harlow was not hurt."
    assert descriptions.shown("Police said the owner of the store was not hurt.", []) is not None  # defined
    assert descriptions.shown("Police took the victims to a hospital on Tuesday.", []) is not None  # the event's
