"""One quote across articles (fuse/quotes.py)."""

from __future__ import annotations

from newsfuse.fuse.quotes import merge_quotes, word_similarity
from newsfuse.models import Entity, QuoteMention

from quote_helpers import containing, quotes_of, story_of




def mention(text: str, speaker: str | None, start: int = 0) -> QuoteMention:
    return QuoteMention(kind="direct", text=text, start=start, end=start + len(text), speaker=speaker)


def test_word_similarity_bounds():
    assert word_similarity("“They work together,” he said", "they WORK together") < 1.0
    assert word_similarity("they work together", "They work together.") == 1.0
    assert word_similarity("alpha beta", "gamma delta") == 0.0


def test_same_quote_across_articles_merges_with_drift_and_entity():
    clarke_000 = ("“The Taliban, Haqqani network, and Al Qaeda function as a triumvirate, and one that is very "
                  "much part of the same militant network, they work together hand-in-glove,”")
    clarke_001 = ("“The Taliban, the Haqqani network and Al Qaeda operate as a triumvirate, and whoever is part "
                  "of the same militant network, they work together hand in hand,”")
    story = story_of({
        "000": [mention(clarke_000, "Colin P. Clarke"), mention("“Nobody is safe here.”", "Abdul Basit", 400)],
        "001": [mention(clarke_001, "Clarke"), mention("“Nobody is safe here.”", "Seth G. Jones", 500)],
    })
    story.origins = {"000": "g1", "001": "g1"}
    entities = [Entity(id="e1", name="Colin P. Clarke", type="PERSON", aliases=["Clarke"]),
                Entity(id="e2", name="Abdul Basit", type="PERSON")]
    quotes = merge_quotes(story, entities)
    assert [quote.id for quote in quotes] == ["q1", "q2", "q3"]
    clarke = quotes[0]
    assert clarke.articles == ["000", "001"]
    assert len(clarke.variants) == 2
    assert 0.0 < clarke.drift < 0.6
    assert clarke.speaker == "Colin P. Clarke" and clarke.speaker_entity == "e1"
    assert clarke.independent_sources == 1
    # the same words from two different speakers stay two quotes
    assert quotes[1].speaker == "Abdul Basit" and quotes[1].speaker_entity == "e2"
    assert quotes[2].speaker == "Seth G. Jones" and quotes[2].speaker_entity is None


def test_direct_quote_merges_with_its_copy_not_with_a_paraphrase_beside_it():
    quote = "“The corrosion on the main cables was reported to the city two years ago, and nothing was done,”"
    paraphrase = QuoteMention(kind="indirect", text="that corrosion on the main cables had been reported two years ago",
                              start=0, end=60, speaker="Tomás Arkwright")
    story = story_of({"courier": [mention(quote, "Tomas Arkwright", 100)],
                      "nordlys": [paraphrase, mention(quote, "Tomás Arkwright", 100)]})
    quotes = merge_quotes(story, [])
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].articles == ["courier", "nordlys"]
    assert direct[0].drift == 0.0
    [indirect] = [q for q in quotes if q.kind == "indirect"]
    assert indirect.articles == ["nordlys"]


def test_identical_quote_has_zero_drift_and_counts_independent_origins():
    words = "“We will rebuild the bridge within a year.”"
    story = story_of({"a": [mention(words, "John Smith")], "b": [mention(words, "Smith")]})
    [quote] = merge_quotes(story, [])
    assert quote.drift == 0.0
    assert quote.independent_sources == 2


def test_unattributed_paraphrase_is_left_out_but_unattributed_quote_marks_stay():
    nobody_said = QuoteMention(kind="indirect", text="to provide security to Afghan people", start=0, end=36)
    story = story_of({"a": [nobody_said, mention("“Nobody is safe here.”", None, 100)]})
    [quote] = merge_quotes(story, [])
    assert quote.kind == "direct" and quote.speaker is None


def test_indirect_quote_too_short_to_say_anything_is_left_out():
    sham = QuoteMention(kind="indirect", text="it a sham", start=0, end=9, speaker="ISIS")
    claim = QuoteMention(kind="indirect", text="the group is recruiting Taliban fighters", start=20, end=60,
                         speaker="ISIS")
    story = story_of({"a": [sham, claim, mention("“Sham.”", "ISIS", 100)]})
    assert [quote.text for quote in merge_quotes(story, [])] == ["the group is recruiting Taliban fighters",
                                                                   "“Sham.”"]


def test_a_speaker_named_by_a_description_has_no_role_repeating_it(nlp):
    analysts = containing(quotes_of(nlp, "The attack puts the Taliban under pressure, analysts said."), "pressure")
    assert (analysts.speaker, analysts.role, analysts.affiliation) == ("analysts", None, None)
    report = containing(quotes_of(nlp, "The group's ranks have dropped to about 2,000 fighters, a NYT report said."),
                        "ranks")
    assert (report.speaker, report.role, report.affiliation) == ("NYT report", None, None)
    clarke = containing(quotes_of(nlp, "Colin P. Clarke, a counterterrorism analyst at the Soufan Group, said the "
                                       "groups work together."), "work together")
    assert (clarke.role, clarke.affiliation) == ("counterterrorism analyst", "the Soufan Group")
