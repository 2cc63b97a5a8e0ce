"""find_facts: statements grouped across articles, with evidence and support."""

from __future__ import annotations

import pytest

from newsfuse.annotate import split_sentences
from newsfuse.fuse.facts import find_facts
from newsfuse.fuse.sentence_units import is_event_date
from newsfuse.models import Annotations, Article, DateMention, EntityMention, NumberMention, Story
from newsfuse.text import clarity, is_statement, unresolved_pronoun

# An invented story: three outlets on one ferry sinking, two of them sharing
# the death toll and the rescue, one adding its own detail.
FERRY = {
    "wire": (
        "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people. "
        "Coast guard boats rescued 85 passengers from the water. "
        "The cause of the sinking is not yet known, port officials said. "
        "The ferry operator has run the route since 2009."
    ),
    "daily": (
        "Twelve people died when a passenger ferry went down off Valmora on Tuesday. "
        "Rescuers from the coast guard pulled 85 passengers out of the sea. "
        "But critics have long warned that the ageing fleet is unsafe. "
        "\"We begged them to fix the engines,\" said Mara Lind, a former crew member."
    ),
    "blog": (
        "A ferry sank near Valmora on Tuesday and twelve people were killed. "
        "The mayor of Valmora declared three days of mourning. "
        "Fishing in the bay will be suspended until the wreck is removed."
    ),
}


def annotated(article: Article, nlp, models) -> Annotations:
    """Sentences, spaCy entities and MiniLM vectors of `article` (no other extractor needed)."""
    doc = nlp(article.text)
    sentences = split_sentences(doc)
    entities = [
        EntityMention(text=entity.text, label=entity.label_, start=entity.start_char, end=entity.end_char,
                      sentence=max(index for index, sentence in enumerate(sentences)
                                   if sentence.start <= entity.start_char))
        for entity in doc.ents
    ]
    return Annotations(article=article.id, content_hash="", sentences=sentences, entities=entities,
                       vectors=models.embed([sentence.text for sentence in sentences]))


def build_story(texts: dict[str, str], nlp, models, outlets: dict[str, str] | None = None) -> Story:
    """A Story of `texts` (article id -> text), each article its own origin."""
    outlets = outlets or {}
    articles = [Article(id=key, text=text, outlet=outlets.get(key)) for key, text in texts.items()]
    return Story(articles, {article.id: annotated(article, nlp, models) for article in articles})


def add_number(story: Story, article_id: str, phrase: str, value: float, what: str = "",
               bound: str = "exact") -> None:
    """Annotate `phrase` in `article_id` as a number (what the number extractor would do)."""
    text = story.by_id[article_id].text
    start = text.index(phrase)
    annotations = story.annotations[article_id]
    sentence = next(index for index, sentence in enumerate(annotations.sentences)
                    if sentence.start <= start < sentence.end)
    annotations.numbers.append(NumberMention(value=value, what=what, text=phrase, start=start, bound=bound,
                                             end=start + len(phrase), sentence=sentence))


_KABUL: dict = {}


def kabul_story(kabul_dir, nlp, models) -> Story:
    """The Kabul story, ingested and annotated once per session; a fresh Story (own origins) per call."""
    if "story" not in _KABUL:
        from newsfuse.ingest import load

        articles = load([kabul_dir]).articles
        _KABUL["story"] = Story(articles, {article.id: annotated(article, nlp, models) for article in articles})
    story = _KABUL["story"]
    return Story(story.articles, story.annotations)


@pytest.fixture(scope="module")
def ferry(nlp, models) -> Story:
    return build_story(FERRY, nlp, models)


def fact_with(facts, words: str):
    return next(fact for fact in facts if any(words in evidence.text for evidence in fact.evidence))


def test_paraphrases_across_articles_become_one_fact(ferry):
    facts = find_facts(ferry)
    toll = fact_with(facts, "killing 12 people")
    # The daily's "Twelve people died when a passenger ferry went down" is reworded beyond the
    # same-claim model's high-precision point (below SAME_CLAIM_THRESHOLD): it may stand apart.
    assert toll.articles[0] == "wire" and "blog" in toll.articles
    assert toll.independent_sources == len(toll.articles)
    rescue = fact_with(facts, "rescued 85 passengers")
    assert rescue.articles == ["wire", "daily"]
    assert toll is not rescue


def test_evidence_spans_are_the_article_text(ferry):
    for fact in find_facts(ferry):
        assert fact.evidence
        for evidence in fact.evidence:
            assert ferry.by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text
        assert fact.text in {evidence.text for evidence in fact.evidence}


def test_one_article_statements_need_a_number_or_dated_actor(ferry):
    texts = {evidence.text for fact in find_facts(ferry) for evidence in fact.evidence}
    assert not any("mourning" in text for text in texts)  # one article, no number, no date
    add_number(ferry, "blog", "three days", 3)
    try:
        mourning = fact_with(find_facts(ferry), "three days of mourning")
        assert mourning.articles == ["blog"] and mourning.independent_sources == 1
    finally:
        ferry.annotations["blog"].numbers.clear()


def test_order_and_ids_follow_support(ferry):
    facts = find_facts(ferry)
    assert [fact.id for fact in facts] == [f"f{rank}" for rank in range(1, len(facts) + 1)]
    supports = [fact.independent_sources for fact in facts]
    assert supports == sorted(supports, reverse=True)
    assert find_facts(ferry) == facts  # stable


def test_copies_count_as_one_independent_source(ferry):
    story = ferry.with_origins({"daily": "wire"})
    toll = fact_with(find_facts(story), "killing 12 people")
    assert toll.articles == ["wire", "daily", "blog"]
    assert toll.independent_sources == 2


def test_same_topic_different_claims_stay_apart(nlp, models):
    story = build_story({
        "one": "The ferry sank off Valmora on Tuesday. The ferry operator has run the route since 2009.",
        "two": "The ferry sank off Valmora on Tuesday. Fishing in the bay will be suspended for a month.",
    }, nlp, models)
    shared = [fact for fact in find_facts(story) if len(fact.articles) == 2]
    assert len(shared) == 1 and "sank" in shared[0].text


def test_datelines_are_not_statements():
    assert not is_statement("PORT VELDRA (MPA) -")
    assert not is_statement("By Anna Lindqvist")
    assert is_statement("The ferry sank off Valmora on Tuesday.")


def test_unresolved_pronouns():
    assert unresolved_pronoun("He said the engines had failed.", names_person=False)
    assert unresolved_pronoun("\"Nothing was done,\" he said.", names_person=False)
    assert not unresolved_pronoun("\"Nothing was done,\" he said, Mara Lind recalled.", names_person=True)
    assert not unresolved_pronoun("\"Nothing was done,\" Mara Lind said.", names_person=True)
    assert not unresolved_pronoun("The ferry sank, killing twelve.", names_person=False)


def test_different_figures_for_the_same_thing_are_not_one_fact(nlp, models):
    story = build_story({
        "one": "At least 12 people were killed when the ferry sank off Valmora on Tuesday.",
        "two": "Fourteen people were killed when the ferry sank off Valmora on Tuesday.",
        "three": "Twelve people were killed when the ferry sank off Valmora on Tuesday.",
    }, nlp, models)
    add_number(story, "one", "At least 12 people", 12, what="people killed", bound="at-least")
    add_number(story, "two", "Fourteen people", 14, what="people killed")
    add_number(story, "three", "Twelve people", 12, what="people killed")
    grouped = {frozenset(fact.articles) for fact in find_facts(story)}
    assert frozenset({"one", "three"}) in grouped
    assert not any({"two", "one"} <= articles or {"two", "three"} <= articles for articles in grouped)


def test_a_longer_sentence_joins_a_fact_only_as_the_same_claim(nlp, models):
    story = build_story({
        "wire": "The ferry sank off Valmora on Tuesday. Its 40-metre hull split, sending 85 passengers into the sea. "
                "Coast guard boats searched the bay all night.",
        "daily": "The ferry went down off Valmora on Tuesday. The 40-metre hull cracked in two and 85 passengers "
                 "fell into the water, and coast guard boats searched the bay all night.",
    }, nlp, models)
    add_number(story, "wire", "40-metre", 40)
    add_number(story, "wire", "85 passengers", 85)
    add_number(story, "daily", "40-metre", 40)
    add_number(story, "daily", "85 passengers", 85)
    facts = find_facts(story)
    # The daily's sentence states two claims in one (hull, search): against either of the wire's
    # sentences it scores same-claim p < 0.25, so it supports neither (precision first).
    assert all(fact.articles == ["daily"] for fact in facts
               if any("cracked in two" in evidence.text for evidence in fact.evidence))
    assert fact_with(facts, "hull split").articles == ["wire"]


def test_clarity_prefers_plain_statements():
    plain = "The ferry sank off the coast on Tuesday, killing twelve people."
    assert clarity(plain) > clarity("Why did the ferry sink off the coast on Tuesday?")
    assert clarity(plain) > clarity("Why the ageing ferry fleet may be unsafe for passengers.")
    assert clarity(plain) > clarity("\"We begged them to fix the engines,\" said a former crew member.")


def test_kabul_report_rewrites_share_facts(kabul_dir, nlp, models):
    story = kabul_story(kabul_dir, nlp, models)
    copy, original = sorted(article.id for article in story.articles if article.id.startswith(("000", "001")))
    facts = find_facts(story)
    fighters = fact_with(facts, "1,500 to 2,000 fighters")
    assert fighters.articles == [copy, original]
    story = story.with_origins({original: copy})
    assert fact_with(find_facts(story), "1,500 to 2,000 fighters").independent_sources == 1
    shared = [fact for fact in facts if len(fact.articles) > 1]
    # only the two rewrites of one report state the same claims; the independent pieces touch the
    # same topics (ISIS-K's 2014 start, the Taliban fighting it) with different claims. (The rewrite's
    # translated Clarke quote, p 0.62, stays apart below SAME_CLAIM_IN_GROUP: precision first.)
    assert shared and all(fact.articles == [copy, original] for fact in shared)


def test_event_dates_are_days_near_publication():
    article = Article(id="a", text="x", published="2021-08-27")
    thursday = DateMention(date="2021-08-26", precision="day", text="Thursday", start=0, end=8, relative=True)
    history = DateMention(date="2014", precision="year", text="2014", start=0, end=4)
    assert is_event_date(thursday, article)
    assert not is_event_date(history, article)
    undated = Article(id="b", text="x")
    assert is_event_date(thursday, undated) and not is_event_date(history, undated)


@pytest.mark.parametrize("left, right", [
    ("Police arrested the suspect in Valmora on Tuesday, officials said.",
     "Police arrested the suspect in Valmora on Wednesday, officials said."),
    ("The ferry was carrying 120 passengers when it sank.",
     "The ferry was carrying 150 passengers when it sank."),
])
def test_different_claims_are_never_one_fact(left, right):
    from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, same_claim_score, values_disagree

    assert values_disagree(left, right) or same_claim_score(left, right) < SAME_CLAIM_THRESHOLD


def test_a_restatement_is_the_same_claim():
    from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, same_claim_score, values_disagree

    left = "A passenger ferry sank off the coast of Valmora on Tuesday, killing 12 people."
    right = "A passenger ferry sank off Valmora's coast on Tuesday, killing 12 people, officials said."
    assert not values_disagree(left, right)
    assert same_claim_score(left, right) >= SAME_CLAIM_THRESHOLD


def test_close_topic_different_claims_stay_apart(nlp, models):
    # same story, same actor, different claims: the clustering proposes the pair, the
    # same-claim decision (p < SAME_CLAIM_THRESHOLD and the pair not close) keeps it apart
    story = build_story({
        "wire": "The FBI said Friday that two vehicles had been used in the attack on the embassy here. "
                "Investigators recovered parts of the truck near the gate. The ambassador thanked the rescue teams. "
                "Prosecutors say bin Laden was behind the embassy bombings and other attacks against Americans.",
        "daily": "The embassy attack in Kenya unfolded that same day: a team of terrorists using two vehicles tried "
                 "to drive a truck into the garage. Rescue teams searched the rubble for days. The ambassador "
                 "praised the local volunteers. American prosecutors have brought several people accused of "
                 "complicity in the bombings to the United States.",
    }, nlp, models)
    assert [fact for fact in find_facts(story) if len(fact.articles) > 1] == []


@pytest.mark.parametrize("probability, one_claim", [(0.7, False), (0.8, True)])
def test_a_close_pair_is_one_claim_only_from_the_in_group_probability(monkeypatch, probability, one_claim):
    # two sentences the story puts very close (a rewrite that changes a detail) score p 0.6-0.75
    # when they mix details: below SAME_CLAIM_IN_GROUP they stay two facts
    import numpy as np

    from newsfuse.fuse import facts
    from newsfuse.fuse.sentence_units import Unit
    from newsfuse.models import Sentence

    units = [Unit(article=article, index=0, sentence=Sentence(start=0, end=4, text=text), vector=np.ones(3),
                  relative_position=0.0)
             for article, text in (("a", "Police arrested two men."), ("b", "Police arrested two men and a woman."))]
    monkeypatch.setattr(facts, "pair_probabilities", lambda statements, vectors: np.array(
        [[1.0, probability], [probability, 1.0]]))
    close = np.full((2, 2), facts.CLOSE_PAIR)
    assert (facts.claim_scores([0, 1], units, close)[0, 1] >= facts.SAME_CLAIM_THRESHOLD) == one_claim
