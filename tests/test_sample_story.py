"""The bundled sample story against what a careful reader expects (tests/expected/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.render import validate_briefing

EXPECTED = json.loads((Path(__file__).parent / "expected" / "harbour-bridge-collapse.json").read_text("utf-8"))


def _first_number(text: str) -> str:
    """ "at least 12" -> "12"; "14.0" -> "14". """
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return f"{float(match.group().replace(',', '')):g}" if match else text


@pytest.fixture(scope="module")
def briefing(sample_result):
    return sample_result.briefing


@pytest.fixture(scope="module")
def articles(briefing):
    return {article.id: article for article in briefing.articles}


def test_no_input_problems_and_valid_json(sample_result):
    assert sample_result.problems == []
    validate_briefing(sample_result.briefing.to_json_dict())


@pytest.mark.parametrize("article_id", sorted(EXPECTED["articles"]))
def test_article_metadata_and_flags(articles, article_id):
    expected = EXPECTED["articles"][article_id]
    article = articles[article_id]
    for field in ("outlet", "published", "author"):
        if field in expected:
            assert getattr(article, field) == expected[field], field
    for flag in expected.get("flags", []):
        assert article.has_flag(flag), flag
    for absent in expected.get("text_has_none_of", []):
        assert absent not in article.text
    for present in expected.get("text_has", []):
        assert present in article.text


def test_credits(articles):
    for article_id, outlets in EXPECTED["cites"].items():
        for outlet in outlets:
            assert outlet in articles[article_id].cites


def test_wire_and_rewrite_share_one_origin_and_independents_do_not(articles):
    origins = {article_id: articles[article_id].origin for article_id in EXPECTED["one_origin"]}
    assert len(set(origins.values())) == 1, origins
    independent = [articles[article_id].origin for article_id in EXPECTED["independent"]]
    assert len(set(independent)) == len(independent)


def test_copies_are_traced_to_the_wire(briefing):
    edges = {(edge.source, edge.target) for edge in briefing.provenance
             if edge.relation in {"copies", "paraphrases"}}
    for pair in EXPECTED["copies"]:
        assert (pair["of"], pair["copy"]) in edges or (pair["copy"], pair["of"]) in edges, pair


def test_death_toll_conflict(briefing):
    expected = EXPECTED["conflict"]
    matching = [c for c in briefing.conflicts if any(word in c.what.lower() for word in expected["about_words"])]
    assert matching, [c.what for c in briefing.conflicts]
    values: dict[str, set[str]] = {}
    for conflict in matching:
        for value in conflict.values:
            values.setdefault(_first_number(value.value), set()).update(value.articles)
    for value, article_ids in expected["values"].items():
        assert value in values, values
        assert set(article_ids) <= values[value]


@pytest.mark.parametrize("expected", EXPECTED["quotes"], ids=lambda q: q["speaker"])
def test_quotes_have_the_right_speaker_and_variants(briefing, expected):
    found = [q for q in briefing.quotes if expected["words"] in " ".join(v.text for v in q.variants)]
    assert found, expected
    assert all(q.speaker and expected["speaker"].split()[-1] in q.speaker for q in found), [q.speaker for q in found]
    covered = set().union(*(q.articles for q in found))
    assert set(expected["articles"]) <= covered
    if expected.get("drifts"):
        merged = max(found, key=lambda q: len(q.articles))
        assert set(expected["articles"]) <= set(merged.articles)
        assert merged.drift > 0
        assert merged.independent_sources == expected["independent_sources"]


@pytest.mark.parametrize("names", EXPECTED["entities"], ids=lambda n: n[0])
def test_aliases_are_grouped(briefing, names):
    holders = [e for e in briefing.entities if {n.lower() for n in names} & {a.lower() for a in [e.name, *e.aliases]}]
    assert len(holders) == 1, [(e.name, e.aliases) for e in holders]
    forms = {a.lower() for a in [holders[0].name, *holders[0].aliases]}
    assert {n.lower() for n in names} <= forms


def test_timeline_resolves_the_collapse_date(briefing):
    for date, article_ids in EXPECTED["timeline"].items():
        supporting = set().union(*([set(t.articles) for t in briefing.timeline if t.date == date] or [set()]))
        assert set(article_ids) <= supporting, (date, supporting)


def test_relative_dates_are_resolved_against_publication(briefing):
    for article_id, expressions in EXPECTED["dates"].items():
        for phrase, date in expressions.items():
            hits = [t for t in briefing.timeline for e in t.evidence
                    if e.article == article_id and t.date == date]
            assert hits, (article_id, phrase, date)


def test_fact_from_copies_counts_one_independent_source(briefing):
    expected = EXPECTED["fact_one_source"]
    facts = [f for f in briefing.facts if all(w in f.text for w in expected["words"])]
    assert facts
    fact = max(facts, key=lambda f: len(f.articles))
    assert len(fact.articles) >= expected["articles_at_least"]
    assert fact.independent_sources == expected["independent_sources"]


def test_summary_is_cited_and_sized(briefing):
    expected = EXPECTED["summary"]
    assert expected["min_sentences"] <= len(briefing.summary) <= expected["max_sentences"]
    known = {a.id for a in briefing.articles}
    assert all(line.citations and set(line.citations) <= known for line in briefing.summary)
    text = " ".join(line.text for line in briefing.summary)
    for words in expected["mentions"]:
        assert words in text
