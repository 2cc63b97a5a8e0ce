"""The real Kabul airport story (../shared, not copied): what a careful reader of the four
articles would expect the briefing to say."""

from __future__ import annotations

import pytest

from newsfuse.render import validate_briefing

NYT_REWRITES = ("000_a3ca160f00e5cce1", "001_fb4b88dbcc90df52")
OPINION = "002_caecd6bd00539c8b"
SPUN_COPY = "003_d7c6e2c92eb04c16"

# Words of a quote -> the surname of the person who said it, as the articles state.
WHO_SAID = {
    "monopoly over violence": "Basit",
    "checkpoints that dot": "Motwani",
    "as a triumvirate": "Clarke",
    "leeway": "Jones",
    "breathing room": "Jones",
    "emissaries networked": "Schindler",
    "fragmented organization": "Ranstorp",
    "roots in Talibs": "Saleh",
}


@pytest.fixture(scope="module")
def briefing(kabul_result):
    return kabul_result.briefing


@pytest.fixture(scope="module")
def articles(briefing):
    return {article.id: article for article in briefing.articles}


def test_four_articles_valid_briefing(kabul_result):
    assert kabul_result.problems == []
    assert len(kabul_result.briefing.articles) == 4
    validate_briefing(kabul_result.briefing.to_json_dict())


def test_metadata_from_plain_text_conventions(articles):
    assert articles[NYT_REWRITES[0]].published == "2021-08-27"
    assert articles[SPUN_COPY].published == "2021-08-27"
    assert articles[OPINION].outlet == "National Post"
    assert articles[OPINION].author and "Raffaello Pantucci" in articles[OPINION].author
    assert "Newspapers in English" not in articles[OPINION].text


def test_broken_encoding_is_repaired_and_flagged(articles):
    article = articles[NYT_REWRITES[1]]
    assert article.has_flag("encoding-repaired")
    assert "\u00e2" not in article.text
    assert article.has_flag("translation-artifacts")


def test_credits_and_hidden_source(articles):
    assert {"AFP", "New York Times"} <= set(articles[NYT_REWRITES[0]].cites)
    assert "Associated Press" in articles[SPUN_COPY].cites
    assert articles[SPUN_COPY].has_flag("placeholder-attribution")


def test_the_two_nyt_rewrites_share_an_origin(articles, briefing):
    assert articles[NYT_REWRITES[0]].origin == articles[NYT_REWRITES[1]].origin
    linked = [edge for edge in briefing.provenance
              if {edge.source, edge.target} == set(NYT_REWRITES)]
    assert linked, "no provenance edge between the two NYT rewrites"


def test_the_opinion_piece_copies_no_one(articles, briefing):
    copying = [edge for edge in briefing.provenance
               if edge.relation in {"copies", "paraphrases", "shares-origin"} and OPINION in (edge.source, edge.target)]
    assert copying == []
    others = {articles[article_id].origin for article_id in articles if article_id != OPINION}
    assert articles[OPINION].origin not in others


def test_facts_only_in_the_rewrites_count_one_source(briefing):
    rewrites_only = [fact for fact in briefing.facts if set(fact.articles) == set(NYT_REWRITES)]
    assert rewrites_only, "the two rewrites share facts (the 1,500 to 2,000 fighters, the triumvirate)"
    assert all(fact.independent_sources == 1 for fact in rewrites_only)


def test_every_attributed_quote_has_the_right_speaker(briefing):
    checked = 0
    for quote in briefing.quotes:
        words = " ".join(variant.text for variant in quote.variants)
        for phrase, surname in WHO_SAID.items():
            if phrase in words:
                assert quote.speaker and surname in quote.speaker, (phrase, quote.speaker)
                checked += 1
    assert checked >= len(set(WHO_SAID.values())), "some expert's quote was not found"


def test_the_clarke_quote_is_merged_across_the_rewrites(briefing):
    clarke = [q for q in briefing.quotes if q.kind == "direct" and "triumvirate" in q.text]
    assert len(clarke) == 1
    assert set(NYT_REWRITES) <= set(clarke[0].articles)
    assert clarke[0].drift > 0
    assert "Colin P. Clarke" in clarke[0].speaker


def test_mr_jones_resolves_to_seth_jones(briefing):
    jones = [q for q in briefing.quotes if q.speaker and "Jones" in q.speaker]
    assert jones
    assert all(q.speaker.startswith("Seth") for q in jones), [q.speaker for q in jones]
    assert set(NYT_REWRITES) <= set().union(*(q.articles for q in jones))


@pytest.mark.parametrize("names", [
    ("ISIS-K", "IS-K"),
    ("Seth G Jones", "Seth G. Jones"),
    ("NYT", "New York Times"),
])
def test_aliases_grouped(briefing, names):
    holders = [e for e in briefing.entities if {n.lower() for n in names} & {a.lower() for a in [e.name, *e.aliases]}]
    assert len(holders) == 1, [(e.name, e.aliases) for e in holders]


def test_rival_groups_are_not_merged(briefing):
    for entity in briefing.entities:
        forms = {a.lower() for a in [entity.name, *entity.aliases]}
        assert not ({"taliban", "isis-k"} <= forms)
        assert not ({"isis", "isis-k"} <= forms)
        assert not ({"al qaeda", "taliban"} <= forms)


def test_thursday_resolves_to_the_day_of_the_attack(briefing):
    assert any(entry.date == "2021-08-26" and SPUN_COPY in entry.articles for entry in briefing.timeline)


def test_numbers_with_what_they_count(briefing):
    killed = [n for n in briefing.numbers if n.value == 169]
    assert killed and "Afghan" in killed[0].what
    ranges = [n for n in briefing.numbers if n.value == 1500 and n.value_max == 2000]
    assert {n.article for n in ranges} >= set(NYT_REWRITES)
    # "1,500 to 2,000" ISIS-K fighters and "more than 10,000" ISIS fighters in Iraq and Syria
    # count different groups: no conflict.
    assert not [c for c in briefing.conflicts if "fighter" in c.what.lower()]


def test_summary_cites_every_sentence_and_says_what_happened(briefing):
    assert 5 <= len(briefing.summary) <= 10
    known = {article.id for article in briefing.articles}
    assert all(line.citations and set(line.citations) <= known for line in briefing.summary)
    text = " ".join(line.text for line in briefing.summary)
    assert "Kabul" in text and ("ISIS-K" in text or "IS-K" in text)
    assert "169" in text and "13" in text  # the toll
    assert "Thursday" in briefing.summary[0].text  # what happened, and when, comes first
    assert briefing.title in {"ISIS-K in Afghanistan poses terrorist threat to Kabul evacuation",
                              "IS-K attack reveals Taliban’s vulnerability"}  # written titles, not a lead sentence
