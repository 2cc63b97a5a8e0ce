"""compress: tidying, stand-alone checks, appositives and clause cuts of lifted sentences; headline."""

from __future__ import annotations

from newsfuse.fuse.compress import clause_cuts, drop_appositives, stands_alone, tidy
from newsfuse.fuse.headline import headline
from newsfuse.models import Article


def test_tidy_drops_datelines_openers_and_asides_but_keeps_acronyms():
    assert tidy("WASHINGTON (AP) — The House passed the bill on Friday.") == "The House passed the bill on Friday."
    assert tidy("But now Moore has decided to run again.") == "Moore has decided to run again."
    assert tidy("So far, the chambers have taken different paths.") == "So far, the chambers have taken different paths."
    assert tidy("Then-President Trump signed the law.") == "Then-President Trump signed the law."
    assert (tidy("Senator Mitch McConnell (R-Ky.) blocked two funding bills.")
            == "Senator Mitch McConnell blocked two funding bills.")
    kept = "The chief of the Harbour Transport Authority (HTA) resigned on Thursday."
    assert tidy(kept) == kept


def test_sentences_that_need_their_article_do_not_stand_alone():
    assert stands_alone("The Senate confirmed the judge on Monday by 52 votes to 48.")
    assert not stands_alone("There is, a little.")
    assert not stands_alone("Republicans say the $300 a week supplement to unemployment")  # cut off
    assert not stands_alone("You're not alone in feeling the strain of the lockdown.")
    assert not stands_alone("That includes Texas, Georgia and Florida, which broke records.")
    assert not stands_alone("There is zero evidence for any of this.")
    assert stands_alone('"We will rebuild what we lost," the mayor told reporters on Tuesday.')
    assert stands_alone("The US economy grew at a record 33.1% annual rate in the quarter.")


def test_appositive_of_a_known_name_is_dropped_once():
    text = "Roy Moore, a former state judge, announced on Thursday that he will run."
    assert drop_appositives(text, {"Roy Moore"}) == "Roy Moore announced on Thursday that he will run."
    assert drop_appositives(text, set()) == text
    listing = "Texas, Georgia, and Florida reported records."
    assert drop_appositives(listing, {"Texas"}) == listing
    quoted = '"No money was paid for Otto Warmbier, not two million dollars, not anything," Trump said.'
    assert drop_appositives(quoted, {"Otto Warmbier"}) == quoted


def test_clause_cuts_end_before_trailing_clauses_and_keep_attributions():
    text = ("The Senate confirmed Amy Coney Barrett to the Supreme Court on Monday, "
            "giving conservatives a 6-3 majority.")
    assert clause_cuts(text) == ["The Senate confirmed Amy Coney Barrett to the Supreme Court on Monday."]
    assert clause_cuts("The blasts killed 13 troops, raising doubts about the pullout, experts said.") == []
    assert clause_cuts("Rain fell, flooding roads.") == []  # too short to cut


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
