"""summarize: cited, consensus-first, no repeats, one-source statements marked."""

from __future__ import annotations

import pytest
from test_facts import FERRY, build_story, kabul_story

from newsfuse.annotate import annotate
from newsfuse.fuse.compress import clause_cuts, tidy
from newsfuse.fuse.facts import find_facts
from newsfuse.fuse.headline import headline
from newsfuse.fuse.summary import summarize
from newsfuse.models import TITLE_FROM_TEXT, Article, Fact, Story
from newsfuse.text import ATTRIBUTION

OUTLETS = {"wire": "Valmora Wire", "daily": "The Daily Harbour", "blog": "Bay Blog"}


@pytest.fixture(scope="module")
def ferry(nlp, models) -> Story:
    return build_story(FERRY, nlp, models, outlets=OUTLETS)


def test_every_sentence_cites_its_supporting_articles(ferry):
    facts = find_facts(ferry)
    summary = summarize(ferry, facts)
    assert 1 <= len(summary) <= 7
    for sentence in summary:
        assert sentence.citations and set(sentence.citations) <= set(ferry.by_id)
        assert sentence.independent_sources == ferry.independent_sources(sentence.citations)
    toll = next(sentence for sentence in summary if "12" in sentence.text or "welve" in sentence.text)
    assert {"wire", "blog"} <= set(toll.citations)  # "A ferry sank near Valmora on Tuesday and twelve ..."


def _fact_of(story: Story, sentences: dict[str, str]) -> Fact:
    """A fact group holding the given sentence of each article (as fact grouping would hand it over)."""
    evidence = []
    for article, sentence in sentences.items():
        start = story.by_id[article].text.index(sentence)
        evidence.append(story.evidence(article, start, start + len(sentence)))
    return Fact(id="f1", text=next(iter(sentences.values())), articles=list(sentences),
                independent_sources=story.independent_sources(list(sentences)), evidence=evidence)


def test_an_article_is_cited_only_when_it_states_the_same_claim(nlp, models):
    said = {"wire": "Police arrested 30 protesters outside the parliament in Valmora on Saturday.",
            "daily": "Police arrested 30 protesters outside the parliament in Valmora on Saturday, officials said.",
            "blog": "Police in Valmora warned that protesters returning to the parliament would face arrest."}
    story = build_story(said, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, said)], max_sentences=1)
    assert summary[0].text == said["wire"]
    assert summary[0].citations == ["wire", "daily"]  # the blog's warning is another claim
    assert summary[0].independent_sources == 2


def test_a_claim_one_origin_makes_is_attributed_to_it(nlp, models):
    said = {"wire": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people.",
            "daily": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people, police said.",
            "blog": "The ferry operator said on Tuesday that it had suspended every sailing to Valmora."}
    story = build_story({key: f"{text} Coast guard boats searched the bay for hours." if key == "wire" else text
                         for key, text in said.items()}, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, {"wire": said["wire"], "daily": said["daily"]}),
                                _fact_of(story, {"blog": said["blog"], "wire": said["wire"]})])
    operator = next(sentence for sentence in summary if "suspended" in sentence.text)
    assert operator.citations == ["blog"] and operator.independent_sources == 1


def test_a_claim_the_line_attributes_to_police_carries_no_one_source_marker(nlp, models):
    said = {"wire": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people.",
            "daily": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people, police said.",
            "blog": "Police allege the ferry operator ignored three storm warnings on Tuesday morning."}
    story = build_story(said, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, {"wire": said["wire"], "daily": said["daily"]})])
    police = next(sentence for sentence in summary if "storm warnings" in sentence.text)
    assert police.text.startswith("Police allege") and "one source" not in police.text


def test_no_claim_is_said_twice_in_other_words(nlp, models):
    story = build_story({
        "wire": "A passenger ferry sank off Valmora on Tuesday, killing 12 people. "
                "The ferry operator has run the route since 2009.",
        "daily": "Twelve people died on Tuesday when a passenger ferry sank off Valmora. "
                 "Fishing in the bay was suspended for a week.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, [])]
    assert sum("ferry sank" in text for text in texts) == 1


def test_the_same_toll_told_again_is_a_repeat(models):
    texts = {"wire": "Suicide bombers attacked a crowded market in Valmora on Friday, setting off blasts that killed "
                     "the two assailants and injured 21 shoppers. The cabinet put off its vote on the accord.",
             "daily": "The blast killed two, apparently the assailants, and wounded 21 people. "
                      "Police closed the market for the weekend."}
    articles = [Article(id=key, text=text) for key, text in texts.items()]
    story = Story(articles, {article.id: annotate(article, models) for article in articles})  # with figures
    texts = [sentence.text for sentence in summarize(story, [])]
    assert sum("21" in text for text in texts) == 1, texts


def test_a_wire_lead_standing_in_for_a_title_loses_its_dateline():
    lead = "LONDON (AP) _ Britain's highest court ruled on Wednesday that Augusto Pinochet has no immunity."
    articles = [Article(id="a", title=lead, text=lead, metadata={"title_from": TITLE_FROM_TEXT})]
    assert headline(articles) == "Britain's highest court ruled on Wednesday that Augusto Pinochet has no immunity."


def test_consensus_comes_first_and_single_sources_are_marked(ferry):
    summary = summarize(ferry, find_facts(ferry))
    several = [sentence.independent_sources > 1 for sentence in summary]
    assert several == sorted(several, reverse=True)
    assert summary[0].independent_sources >= 2  # the sinking, told alike by wire and blog
    assert any(sentence.text.startswith("According to ") for sentence in summary)
    for sentence in summary:
        if sentence.independent_sources == 1:
            outlet = OUTLETS[sentence.citations[0]]
            marked = sentence.text.startswith(f"According to {outlet}, ")
            assert marked != bool(ATTRIBUTION.search(sentence.text.removeprefix(f"According to {outlet}, ")))
        else:
            assert not sentence.text.startswith("According to")


def test_unknown_outlet_is_marked_as_one_source(ferry):
    story = Story([article.model_copy(update={"outlet": None}) for article in ferry.articles], ferry.annotations)
    own_claims = [sentence for sentence in summarize(story, find_facts(story))
                  if sentence.independent_sources == 1 and not ATTRIBUTION.search(sentence.text)]
    assert own_claims and all(sentence.text.endswith("(one source).") for sentence in own_claims)


def test_single_article_story_has_no_markers(ferry):
    story = Story([ferry.by_id["wire"]], {"wire": ferry.annotations["wire"]})
    summary = summarize(story, find_facts(story), max_sentences=2)
    assert len(summary) == 2
    assert not any("one source" in sentence.text or "According to" in sentence.text for sentence in summary)


def test_limits_and_no_repeats(ferry):
    summary = summarize(ferry, find_facts(ferry), max_sentences=10, max_words=45)
    assert sum(len(sentence.text.split()) for sentence in summary) <= 45
    assert len({sentence.text for sentence in summary}) == len(summary)
    assert sum("85 passengers" in sentence.text for sentence in summary) <= 1
    assert len(summarize(ferry, find_facts(ferry), max_sentences=2)) == 2


def test_markers_can_be_left_to_the_caller(ferry):
    summary = summarize(ferry, find_facts(ferry), mark_single_source=False)
    assert any(sentence.independent_sources == 1 for sentence in summary)
    assert not any("According to" in sentence.text for sentence in summary)


def test_dangling_openers_are_trimmed(ferry):
    texts = [sentence.text for sentence in summarize(ferry, find_facts(ferry), max_sentences=10)]
    assert not any(text.startswith(("But ", "However")) for text in texts)


def test_no_markers_without_consensus(nlp, models):
    story = build_story({
        "wire": "A ferry sank off Valmora on Tuesday. The operator has run the route since 2009.",
        "daily": "Wind farms opened in the north of the country. Their turbines power 40,000 homes.",
    }, nlp, models, outlets=OUTLETS)
    summary = summarize(story, find_facts(story))
    assert summary and all(sentence.independent_sources == 1 for sentence in summary)
    assert not any("According to" in sentence.text or "one source" in sentence.text for sentence in summary)


def test_speaker_known_only_as_a_pronoun_is_skipped(nlp, models):
    story = build_story({
        "wire": "A ferry sank off Valmora on Tuesday. \"Nothing was done about the engines,\" he said.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, find_facts(story))]
    assert texts and not any("he said" in text for text in texts)


def test_empty_story_gives_empty_summary():
    story = Story([], {})
    assert summarize(story, []) == []


def test_kabul_summary_says_what_happened_and_who(kabul_dir, nlp, models):
    story = kabul_story(kabul_dir, nlp, models)
    copy, original = sorted(article.id for article in story.articles if article.id.startswith(("000", "001")))
    story = story.with_origins({original: copy})  # both rewrite one New York Times report
    summary = summarize(story, find_facts(story))
    text = " ".join(sentence.text for sentence in summary)
    assert 5 <= len(summary) <= 7
    assert "Kabul" in text and "Thursday" in text and "ISIS" in text
    assert all(sentence.citations for sentence in summary)


def test_closing_attributions_stay_so_views_are_not_stated_as_fact():
    text = "The blasts are a major jolt to the Taliban, experts have said."
    assert tidy(text) == text
    assert tidy("But the bridge  reopened on Monday.") == "The bridge reopened on Monday."
    assert clause_cuts("The blasts killed 13 troops, raising doubts about the pullout, experts said.") == []
    assert ATTRIBUTION.search("As the Journal notes, the surgeon is already a public figure.")


def test_word_budget_is_filled_by_cutting_a_trailing_clause(nlp, models):
    story = build_story({
        "wire": "A passenger ferry sank off Valmora on Tuesday, raising fresh doubts about the ageing fleet. "
                "The operator has run the route since 2009.",
        "daily": "A passenger ferry sank off Valmora on Tuesday, raising new doubts about the ageing fleet. "
                 "Fishing in the bay was suspended for a week.",
    }, nlp, models)
    summary = summarize(story, find_facts(story), max_words=8)
    assert [sentence.text for sentence in summary] == ["A passenger ferry sank off Valmora on Tuesday."]
    assert summary[0].citations == ["wire", "daily"]
    whole = summarize(story, find_facts(story))
    assert whole[0].text.startswith("A passenger ferry sank off Valmora on Tuesday, raising")


def test_background_dated_well_before_the_story_comes_last(models):
    texts = {"wire": "The Valmora ferry operator has run the harbour route since 2009, records show. "
                     "A ferry sank off Valmora on Tuesday, killing 12 people.",
             "daily": "The ferry operator has run the Valmora route since 2009, according to company records. "
                      "A ferry sank near Valmora on Tuesday and 12 people died."}
    articles = [Article(id=key, text=text, outlet=OUTLETS[key], published="2024-03-07") for key, text in texts.items()]
    story = Story(articles, {article.id: annotate(article, models) for article in articles})  # with dates
    summary = summarize(story, find_facts(story))
    assert len(summary) >= 2
    assert "Tuesday" in summary[0].text and "2009" in summary[-1].text


def test_what_happened_is_told_before_views_and_its_toll_is_kept(models):
    text = ("Analysts said the disaster would test the new transport minister and the ageing fleet. "
            "The harbour authority has promised a review of every vessel on the route. "
            "A ferry sank off Valmora on Tuesday in calm weather. "
            "Rescuers said the sinking killed 12 passengers and injured 30.")
    articles = [Article(id="wire", text=text, outlet="Valmora Wire", published="2024-03-07")]
    story = Story(articles, {"wire": annotate(articles[0], models)})
    summary = summarize(story, find_facts(story), max_sentences=3)
    texts = [sentence.text for sentence in summary]
    assert texts[0].startswith("A ferry sank") and any("killed 12" in text for text in texts)


def test_statements_most_sources_make_keep_the_order_of_the_story(nlp, models):
    arrest = "Defensive tackle Jamal Williams was arrested on suspicion of drunken driving early on Sunday."
    booked = "Williams was booked into the county jail and later released on bail."
    story = build_story({
        "a": f"{arrest} {booked}",
        "b": f"{arrest.replace('early on Sunday', 'on Sunday morning')} {booked}",
        "c": f"{arrest.replace('Defensive tackle', 'Chargers lineman')} {booked.replace('later ', '')}",
        "d": f"The team said it was aware of the matter. {booked}",
    }, nlp, models)
    summary = summarize(story, find_facts(story), max_sentences=2)
    assert [sentence.independent_sources for sentence in summary] == [3, 4]
    assert summary[0].text.startswith(("Defensive tackle", "Chargers lineman"))


def test_a_marked_line_keeps_the_capital_of_a_word_never_written_in_lower_case(nlp, models):
    story = build_story({
        "wire": "A passenger ferry sank off Valmora on Tuesday, killing 12 people. "
                "Friday's memorial service at the harbour will be led by the bishop of Valmora.",
        "daily": "A passenger ferry sank off Valmora on Tuesday and 12 people were killed. "
                 "The harbour was closed to all shipping for the day.",
    }, nlp, models, outlets=OUTLETS)
    texts = [sentence.text for sentence in summarize(story, find_facts(story))]
    assert "According to Valmora Wire, Friday's memorial service" in " ".join(texts)
    assert "According to The Daily Harbour, the harbour was closed" in " ".join(texts)


def test_the_opening_gives_its_day_a_date_even_when_the_word_cap_is_tight(models):
    texts = {"wire": "A ferry sank off Valmora on Tuesday, killing 12 people. "
                     "Valmora's harbour stayed closed to all other shipping traffic.",
             "daily": "A ferry sank off Valmora on Tuesday and 12 people died. "
                      "Valmora's harbour stayed closed to all other shipping traffic."}
    articles = [Article(id=key, text=text, outlet=OUTLETS[key], published="2024-03-07") for key, text in texts.items()]
    story = Story(articles, {article.id: annotate(article, models) for article in articles})
    whole = summarize(story, find_facts(story))
    cap = sum(len(sentence.text.split()) for sentence in whole) - 1  # the date no longer fits beside both lines
    summary = summarize(story, find_facts(story), max_words=cap)
    assert "Tuesday (March 5, 2024)" in summary[0].text
    assert sum(len(sentence.text.split()) for sentence in summary) <= cap


def test_a_claim_another_origin_states_in_other_words_is_not_one_sources(nlp, models):
    said = {"wire": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people.",
            "daily": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people, police said.",
            "blog": "The ferry operator suspended every sailing to Valmora on Tuesday after the sinking."}
    echo = "On Tuesday the ferry operator suspended all sailings to Valmora after the sinking."
    story = build_story({**said, "wire": f"{said['wire']} {echo}"}, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, {"wire": said["wire"], "daily": said["daily"]})])
    operator = next(sentence for sentence in summary if "suspended" in sentence.text)
    assert not operator.text.startswith("According to"), operator.text


def test_a_marked_line_keeps_the_capital_of_a_title_before_a_name(nlp, models):
    said = {"wire": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people.",
            "daily": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people, police said.",
            "blog": "President Ana Ruiz ordered every ferry in the country inspected before the summer season."}
    lower_case = " The ferry company's president resigned on Wednesday."  # "president" is no name word
    story = build_story({**said, "wire": said["wire"] + lower_case}, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, {"wire": said["wire"], "daily": said["daily"]})])
    assert any(sentence.text.startswith("According to Bay Blog, President Ana Ruiz") for sentence in summary)


def test_the_same_capture_told_in_other_words_is_a_repeat(nlp, models):
    story = build_story({
        "wire": "The Indian Navy on Saturday foiled a hijack attempt in the Gulf of Aden and arrested 23 heavily "
                "armed Somalian and Yemeni pirates. The navy has patrolled the gulf since October.",
        "daily": "The Indian navy said it has captured 23 Somali and Yemeni pirates who attacked a merchant vessel "
                 "in the Gulf of Aden on Saturday. Shipping companies welcomed the news.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, [])]
    assert sum("23" in text for text in texts) == 1, texts


def test_a_line_opening_with_a_description_nothing_introduced_is_left_out(nlp, models):
    story = build_story({
        "wire": "A fire gutted a hardware store in Valmora on Tuesday, police said. The team said it would "
                "appeal the ruling of the league on Friday.",
        "daily": "A fire gutted a hardware store in Valmora on Tuesday. Firefighters fought the blaze for hours.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, [])]
    assert texts and not any(text.startswith("The team") for text in texts), texts


def test_a_marked_line_lowers_an_opening_word_that_is_no_title(nlp, models):
    said = {"wire": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people.",
            "daily": "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people, police said.",
            "blog": "Many House members in Valmora want every ferry inspected before the summer season."}
    story = build_story({**said, "wire": said["wire"] + " The house of many ferries."}, nlp, models, outlets=OUTLETS)
    summary = summarize(story, [_fact_of(story, {"wire": said["wire"], "daily": said["daily"]})])
    assert any(sentence.text.startswith("According to Bay Blog, many House members") for sentence in summary)


def test_the_same_event_of_the_same_subject_told_again_is_a_repeat(nlp, models):
    story = build_story({
        "wire": "Receiver Vincent Jackson was arrested in Valmora on Tuesday on suspicion of drunken driving. "
                "The playoff game against Pelm will go ahead on Sunday.",
        "daily": "Jackson was arrested early Tuesday morning by the highway patrol near the stadium. "
                 "Jackson failed two sobriety tests on the highway, officers said.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, [])]
    assert sum("was arrested" in text for text in texts) == 1, texts


def test_advice_and_verbless_lines_are_left_out_and_the_next_statement_fills_the_budget(nlp, models):
    story = build_story({
        "wire": "Senator Ana Ruiz proposed on Monday to make tuition free at Valmora's state universities. "
                "Save a quarter of the cost over a child's first 18 years. "
                "No more vacations, or much cheaper ones for the whole family. "
                "Governor Tom Pell said the state budget could not pay for free tuition.",
    }, nlp, models)
    texts = [sentence.text for sentence in summarize(story, [], max_sentences=2)]
    assert texts[0].startswith("Senator Ana Ruiz"), texts
    assert texts[1:] == ["Governor Tom Pell said the state budget could not pay for free tuition."], texts
