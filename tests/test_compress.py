"""compress: tidying, stand-alone checks, appositives and clause cuts of lifted sentences; headline."""

from __future__ import annotations

import pytest

from newsfuse.fuse.compress import clause_cuts, drop_appositives, stands_alone, tidy
from newsfuse.fuse.headline import headline
from newsfuse.models import Article


def test_tidy_drops_datelines_openers_and_asides_but_keeps_acronyms():
    assert tidy("WASHINGTON (AP) — The House passed the bill on Friday.") == "The House passed the bill on Friday."
    assert tidy("But now Moore has decided to run again.") == "Moore has decided to run again."
    assert tidy("So far, the chambers have taken different paths.") == "So far, the chambers have taken different paths."
    assert tidy("So in 2019 the court ruled against the state.") == "In 2019 the court ruled against the state."
    assert tidy("So far the court has not ruled on the case.") == "So far the court has not ruled on the case."
    assert tidy("Then-President Trump signed the law.") == "Then-President Trump signed the law."
    assert (tidy("Senator Mitch McConnell (R-Ky.) blocked two funding bills.")
            == "Senator Mitch McConnell blocked two funding bills.")
    kept = "The chief of the Harbour Transport Authority (HTA) resigned on Thursday."
    assert tidy(kept) == kept


def test_sentences_that_need_their_article_do_not_stand_alone():
    assert stands_alone("The Senate confirmed the judge on Monday by 52 votes to 48.")
    assert not stands_alone("There is, a little.")
    assert not stands_alone("Republicans say the $300 a week supplement to unemployment")  # cut off
    assert not stands_alone("The coach was fired today and taking over will be the former Portland coach...")
    assert not stands_alone("You're not alone in feeling the strain of the lockdown.")
    assert not stands_alone("That includes Texas, Georgia and Florida, which broke records.")
    assert not stands_alone("There is zero evidence for any of this.")
    assert stands_alone('"We will rebuild what we lost," the mayor told reporters on Tuesday.')
    assert stands_alone("The US economy grew at a record 33.1% annual rate in the quarter.")


def test_others_and_the_latter_point_back_unless_a_title_follows():
    assert not stands_alone("Others could purchase a government plan similar to Medicare.")
    assert not stands_alone("The latter was arrested on Monday in the city.")
    assert stands_alone("The former President Bill Clinton criticized the law on Monday in Flint.")
    assert stands_alone("Other countries sent aid to the region on Monday.")


def test_a_demonstrative_noun_phrase_points_back_unless_it_names_a_time():
    assert not stands_alone("That crime shocked the small town of Elkton on Friday night.")
    assert not stands_alone("The suspect is now in jail for that crime, police said on Friday.")
    assert not stands_alone("The timing of this move by the team's president was a head-scratcher.")
    assert stands_alone("This week, the Senate confirmed the judge by 52 votes to 48.")
    assert stands_alone("The vote is expected this Friday in the full Senate chamber.")
    assert stands_alone("Those who voted early said the lines were short and moved fast.")
    assert stands_alone("Police said that officers arrested three men on Monday night.")
    assert stands_alone('"We will appeal this decision," Mayor Jane Smith told reporters on Monday.')


def test_appositive_of_a_known_name_is_dropped_once():
    text = "Roy Moore, a former state judge, announced on Thursday that he will run."
    assert drop_appositives(text, {"Roy Moore"}) == "Roy Moore announced on Thursday that he will run."
    assert drop_appositives(text, set()) == text
    listing = "Texas, Georgia, and Florida reported records."
    assert drop_appositives(listing, {"Texas"}) == listing
    quoted = '"No money was paid for Otto Warmbier, not two million dollars, not anything," Trump said.'
    assert drop_appositives(quoted, {"Otto Warmbier"}) == quoted


def test_list_items_after_a_known_name_are_not_taken_for_an_appositive():
    oxford = "Iran, the United States, and Russia signed the deal."
    assert drop_appositives(oxford, {"Iran"}) == oxford
    plain = "Iran, the United States, the European Union and Russia signed the deal."
    assert drop_appositives(plain, {"Iran"}) == plain
    text = "Iran, a major oil producer, signed the deal with the United States."
    assert drop_appositives(text, {"Iran"}) == "Iran signed the deal with the United States."


def test_clause_cuts_end_before_trailing_clauses_and_keep_attributions():
    text = ("The Senate confirmed Amy Coney Barrett to the Supreme Court on Monday, "
            "giving conservatives a 6-3 majority.")
    assert clause_cuts(text) == ["The Senate confirmed Amy Coney Barrett to the Supreme Court on Monday."]
    assert clause_cuts("The blasts killed 13 troops, raising doubts about the pullout, experts said.") == []
    assert clause_cuts("Rain fell, flooding roads.") == []  # too short to cut


@pytest.mark.parametrize("text", [
    "The company said on Monday that it will pay the full fine next month, unless the court overturns the ruling.",
    "The commander said on Tuesday the troops would withdraw from the city, but only if the talks succeed.",
    "Officials counted record cases this week in Texas, Florida, and Georgia.",
    "The minister kept his post in the new cabinet, although his party lost the vote.",
    "Democrats in the House backed the bill on Friday, while Republicans opposed it.",
    "The agency will keep the border crossings closed to all traffic, until the storm passes.",
])
def test_clause_cuts_keep_conditions_contrasts_and_list_items(text):
    assert clause_cuts(text) == []


def article(identifier: str, title: str, text: str) -> Article:
    return Article(id=identifier, title=title, text=text)


def test_headline_is_the_title_the_other_articles_agree_with():
    articles = [
        article("a", "Panic grips party as senator surges.",
                "The senator won the Nevada caucuses on Saturday."),
        article("b", "Senator wins Nevada caucuses.",
                "The senator won the Nevada caucuses by a wide margin."),
        article("c", "Nevada caucuses: senator wins.",
                "Voters in Nevada gave the senator a clear win in the caucuses."),
    ]
    assert headline(articles) == "Senator wins Nevada caucuses."
    assert headline([article("a", "", "No title here at all.")]) is None
    assert headline([article("a", "Is this the end?.", "Text.")]) == "Is this the end?"


def test_headline_prefers_a_written_title_and_does_not_win_by_length():
    lead = "The senator won the Nevada caucuses on Saturday, beating four rivals by a wide margin, officials said."
    articles = [
        article("a", lead, lead).model_copy(update={"metadata": {"title_from": "first sentence"}}),
        article("b", "Senator wins Nevada caucuses.", "The senator won the Nevada caucuses by a wide margin."),
        article("c", "Senator wins Nevada caucuses, beating four rivals by a wide margin as turnout rises.",
                 "Voters in Nevada gave the senator a clear win in the caucuses."),
    ]
    assert headline(articles) == "Senator wins Nevada caucuses."
    assert headline(articles[:1]) == lead  # no written title: the first sentence stands in


def test_wire_datelines_with_an_underscore_are_dropped():
    assert (tidy("LONDON (AP) _ An influential lawmaker on Saturday backed the Spanish request.")
            == "An influential lawmaker on Saturday backed the Spanish request.")
    assert tidy("WASHINGTON _ The Senate voted on Friday to end the debate.") == (
        "The Senate voted on Friday to end the debate.")


def test_questions_teasers_splits_and_narrative_time_do_not_stand_alone():
    assert not stands_alone("Could the court try the former ruler for his actions abroad?")
    assert not stands_alone("The men were arrested this morning near the port, said Sgt.")
    assert not stands_alone("the men were arrested this morning near the port, police said.")
    assert not stands_alone("Click here to read more about the men arrested in the port city.")
    assert not stands_alone("Hours earlier, a second bomb exploded in the crowded market.")
    assert not stands_alone("Police said those bombings were planned by the same cell.")
    assert not stands_alone("The suspect was arrested the next day at his home in the north.")
    assert stands_alone("A second bomb exploded hours after the talks ended in the capital.")
    assert stands_alone('"Why would anyone do this?" the mayor asked reporters on Monday.')
    assert stands_alone("The men were arrested this morning near the port, said Sgt. Ana Ruiz.")


def test_a_quotation_nobody_says_and_a_dateline_here_do_not_stand_alone():
    assert not stands_alone('"He is the ideal choice to host a celebration of the year\'s movies."')
    assert not stands_alone("The FBI said two vehicles had been used in the attack on the embassy here.")
    assert stands_alone("Here is what the FBI said about the two vehicles used in the attack.") is False  # teaser
    assert stands_alone('"He is the ideal choice to host the show," the academy president said.')


def test_no_cut_before_an_aside_that_the_main_verb_follows():
    text = ("The meeting between the two men, which had not been described before, is the strongest link "
            "offered so far to the attacks.")
    assert clause_cuts(text) == []
    assert not stands_alone("The dissident is wanted by officials in three countries for those attacks.")


def test_a_demonstrative_that_before_a_noun_and_a_subject_points_back():
    assert not stands_alone("Mubarak said if Netanyahu wants to change that perception he must act now.")
    assert stands_alone("Police said that officers they trusted had arrested three men on Monday.") is False
    assert stands_alone("The minister said that the talks would resume in Geneva on Monday.")


def test_non_answers_and_reasons_without_their_clause_do_not_stand_alone():
    assert not stands_alone("British authorities have declined to comment on his whereabouts or the requests.")
    assert not stands_alone("A spokesman for the company could not be reached for comment on Friday.")
    assert not stands_alone("The ministry did not immediately respond to requests for comment on Monday.")
    assert not stands_alone("Not because Mo Cheeks was long for the job with the Philadelphia 76ers.")
    assert stands_alone("Not only did the team lose on Sunday, it also fired its coach.")
    assert stands_alone("The senator declined an invitation to testify before the committee on Monday.")


def test_a_sentence_with_almost_no_content_words_says_nothing():
    assert not stands_alone("No one knew what to do.")
    assert stands_alone("Beatification is the last step before possible sainthood.")


@pytest.mark.parametrize("text", [
    "Then the driver hit the gas and dragged the woman across the lot.",
    "In response, the cabinet suspended work on the new harbour accord.",
    "In the event they are filed, the lawyers will fight the charges in court.",
    "The driver was on probation for an earlier drunk-driving arrest, he said.",
])
def test_a_next_step_a_reply_or_an_unnamed_sayer_points_back(text):
    assert not stands_alone(text)


def test_a_named_sayer_and_a_then_inside_the_sentence_stand_alone():
    assert stands_alone("The driver was on probation for an earlier drunk-driving arrest, Officer Ray Lund said.")
    assert stands_alone("Rescuers said the water had risen since then, slowing the search for the two miners.")


def test_a_heading_in_capitals_run_into_a_sentence_does_not_stand_alone():
    assert not stands_alone("THE MANY CAVEATS Plenty of people don't make enough money to save for college.")
    assert stands_alone("The NBA and the NFL Players Association reached a deal on Monday.")
