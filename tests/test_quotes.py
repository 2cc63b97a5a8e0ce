"""Who said what: quote marks, direct and indirect quotes, speaker resolution,
and merging one quote across articles."""

from __future__ import annotations

import pytest

from newsfuse.annotate.quotes import extract_quotes, find_quote_spans
from newsfuse.fuse.quotes import merge_quotes, word_similarity
from newsfuse.models import Annotations, Article, Entity, QuoteMention, Story


def quotes_of(nlp, text: str, article_id: str = "a") -> list[QuoteMention]:
    return extract_quotes(nlp(text), Article(id=article_id, text=text))


def containing(quotes: list[QuoteMention], words: str) -> QuoteMention:
    found = [quote for quote in quotes if words in quote.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return found[0]


# ------------------------------------------------------------ quotation marks


def test_quote_marks_pair_curly_straight_and_doubled_apostrophes():
    text = "He said “one two three.” She said \"four five six.\" They said ''seven eight nine.''"
    spans = [text[span.start: span.end] for span in find_quote_spans(text)]
    assert spans == ["“one two three.”", "\"four five six.\"", "''seven eight nine.''"]


def test_closing_mark_typed_at_the_start_of_a_quote_opens_it(nlp):
    text = "”We will rebuild every bridge in the county,” the governor said."
    assert [(span.start, span.end) for span in find_quote_spans(text)] == [(0, text.index(" the governor"))]
    quote = containing(quotes_of(nlp, text), "every bridge")
    # no governor is named: the speaker is not identified, the words stay
    assert quote.kind == "direct" and quote.speaker is None and quote.speaker_mention == "the governor"


def test_apostrophes_are_not_quote_marks():
    text = "This was the second time ISIS’ core operations had created a branch, and it won’t be the last."
    assert find_quote_spans(text) == []


def test_unclosed_quote_runs_to_the_paragraph_end():
    text = "“After multiple hits, the group is weaker,” he said. “Also, the West may strike.\nNext paragraph."
    spans = find_quote_spans(text)
    assert text[spans[-1].start: spans[-1].end] == "“Also, the West may strike."
    assert spans[-1].closed is False


def test_quote_of_another_mark_family_nests_inside_an_open_quote():
    text = '"PENCE: Well, she thinks this is an episode of “Shark Tank.” But this is America, Chris.\n'
    spans = find_quote_spans(text)
    assert [text[span.start: span.end] for span in spans] == [text.rstrip()]


# ------------------------------------------------------------- direct quotes


def test_quote_left_open_runs_on_into_the_next_paragraph(nlp):
    text = ('"We will rebuild the bridge within a year," Elena Brisk said. "It will cost a lot.\n\n'
            '"But the harbour cannot wait for the council to agree on every single bolt."\n')
    quote = containing(quotes_of(nlp, text), "It will cost")
    assert "cannot wait" in quote.text and len(quote.spans) == 3
    assert quote.speaker == "Elena Brisk"


def test_according_to_with_a_quoted_phrase_attributes_the_whole_clause(nlp):
    text = 'The developers ran a "massive fraudulent scheme" for eight years, according to the complaint.'
    quote = containing(quotes_of(nlp, text), "massive fraudulent scheme")
    assert quote.text.startswith("The developers ran") and quote.kind == "indirect"


def test_headline_label_naming_a_person_of_the_article(nlp):
    text = ("Sanders: Clinton needs to talk about the economy.\n\n"
            "Senator Bernie Sanders spoke in Ohio on Friday.")
    assert containing(quotes_of(nlp, text), "Clinton needs to talk").speaker == "Bernie Sanders"


def test_quote_split_by_its_attribution_is_one_quote_with_two_spans(nlp):
    text = ("“The plan failed because nobody checked the cables,” said Maria Lopez, an engineer at "
            "the Harbour Authority. “We warned them twice.”")
    [quote] = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert len(quote.spans) == 2
    assert quote.speaker == "Maria Lopez"
    assert text[quote.speaker_start: quote.speaker_end] == "Maria Lopez"
    assert quote.role == "engineer"
    assert quote.affiliation == "the Harbour Authority"


def test_colon_introduces_the_quote_in_the_next_paragraph(nlp):
    text = "The mayor, John Smith, spoke to reporters on Friday. Smith continued:\n\n“We will rebuild the bridge within a year.”"
    quote = containing(quotes_of(nlp, text), "rebuild the bridge")
    assert quote.speaker == "John Smith"


def test_scare_quotes_and_titles_are_not_speech(nlp):
    text = "The bill, known as the “Justice Against Sponsors of Terrorism Act,” passed easily."
    assert quotes_of(nlp, text) == []


# ----------------------------------------------------------- indirect speech


def test_indirect_speech_with_that_clause_and_postposed_attribution(nlp):
    text = ("Senator Anna Berg said that the vote would be delayed until March. "
            "The delay could cost millions, analysts say.")
    quotes = quotes_of(nlp, text)
    said = containing(quotes, "the vote would be delayed")
    assert said.kind == "indirect" and said.speaker == "Anna Berg"
    say = containing(quotes, "The delay could cost millions")
    assert say.speaker == "analysts"
    assert "analysts" not in say.text


def test_according_to_attributes_the_rest_of_the_sentence(nlp):
    text = "According to the Associated Press, the attacks killed at least 169 people."
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "the Associated Press"
    assert quote.text == "the attacks killed at least 169 people"


def test_intention_verb_takes_its_infinitive(nlp):
    text = "The union wants to reopen the talks next week."
    [quote] = quotes_of(nlp, text)
    assert quote.text == "to reopen the talks next week"
    assert quote.speaker is None and quote.speaker_mention == "The union"


def test_transcript_labels_name_the_speaker_but_datelines_do_not(nlp):
    text = ("Chris Wallace interviewed Mike Pence on Sunday.\n\n"
            "WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
            "PENCE: Gennifer Flowers will not be attending the debate.\n\n"
            "KABUL: The airport was closed on Friday.")
    quotes = quotes_of(nlp, text)
    question = containing(quotes, "Will Gennifer Flowers be")
    answer = containing(quotes, "will not be attending")
    assert (question.speaker, question.kind) == ("Chris Wallace", "direct")
    assert (answer.speaker, answer.kind) == ("Mike Pence", "direct")
    assert text[answer.speaker_start: answer.speaker_end] == "PENCE"
    assert not any("airport was closed" in quote.text for quote in quotes)


def test_quoted_transcript_paragraph_takes_its_label(nlp):
    text = 'Mike Pence spoke to Fox News.\n\n"PENCE: Donald Trump will focus on the issues the people care about.\n'
    assert containing(quotes_of(nlp, text), "focus on the issues").speaker == "Mike Pence"


def test_continued_transcript_paragraph_points_at_the_label(nlp):
    text = ('Mike Pence spoke to Fox News.\n\n"PENCE: Donald Trump will focus on the issues people care about.\n\n'
            '"But the truth is that the campaign has a unique way of talking to voters.\n')
    quote = containing(quotes_of(nlp, text), "But the truth is")
    assert quote.speaker == "Mike Pence"
    assert text[quote.speaker_start: quote.speaker_end] == "PENCE"


def test_quote_after_an_attributed_sentence_takes_that_speaker(nlp):
    text = ('The administration may be reluctant to act, Adam Schiff said. "The other factor is the appearance '
            'that they were trying to tip the scales."\n\n'
            '"No one is writing songs for the mayor this year," Dana Ortiz said.\n\n'
            '"Right now the vote is against the council. It is not for anybody."\n')
    quotes = quotes_of(nlp, text)
    other_factor = containing(quotes, "The other factor")
    right_now = containing(quotes, "Right now the vote")
    assert text[other_factor.speaker_start: other_factor.speaker_end] == "Adam Schiff"
    assert text[right_now.speaker_start: right_now.speaker_end] == "Dana Ortiz"
    assert right_now.speaker == "Dana Ortiz"


@pytest.mark.parametrize("text, words", [
    # a quoted phrase inside another sentence is not the previous sentence's
    ('Dana Ortiz spoke first. The campaign is denouncing what it calls "the biggest coordinated attack in '
     'history."\n', "biggest coordinated attack"),
    # a quote paragraph after a paragraph that goes on past its quote
    ('"We will win this seat," Dana Ortiz said. The hall then emptied and the band played on.\n\n'
     '"Nobody expected the turnout to be this low tonight."\n', "Nobody expected the turnout"),
])
def test_quote_with_no_speaker_to_continue_stays_unknown(nlp, text, words):
    quote = containing(quotes_of(nlp, text), words)
    assert quote.speaker_start is None and quote.speaker is None


def test_quote_word_taken_for_a_second_subject_is_not_the_speaker(nlp):
    text = "“My reaction, that was outrageous,” Obama's former campaign strategist said in an interview."
    quote = containing(quotes_of(nlp, text), "My reaction")
    assert text[quote.speaker_start: quote.speaker_end].endswith("strategist")


def test_reporting_verb_with_colon_introduces_the_next_unquoted_paragraph(nlp):
    text = "The governor added:\n\nIt is typical of the council. It knows nothing about the harbour."
    quote = containing(quotes_of(nlp, text), "typical of the council")
    assert quote.kind == "direct" and quote.speaker is None and quote.speaker_mention == "The governor"


def test_dash_byline_after_a_quote(nlp):
    text = ("“He represents our greatest shame and our worst fears.” ― Sonya Herridge\n"
            "“He is ignorant of our culture and our lives.”― Pamela Padilla\n")
    quotes = quotes_of(nlp, text)
    assert containing(quotes, "greatest shame").speaker == "Sonya Herridge"
    assert containing(quotes, "ignorant of our culture").speaker == "Pamela Padilla"


def test_as_someone_put_it_introduces_a_quote(nlp):
    quote = containing(quotes_of(nlp, "As one engineer put it, “The cables were rotten from the start.”"), "rotten")
    assert quote.kind == "direct" and quote.speaker == "one engineer"


def test_speaker_span_stops_at_the_quote_and_runs_from_a_relative_pronoun_s_noun(nlp):
    text = "“I will make this promise to you: We will rebuild this bridge,” harbour Chief Ann Roe said Monday."
    quote = containing(quotes_of(nlp, text), "rebuild this bridge")
    assert text[quote.speaker_start: quote.speaker_end] == "harbour Chief Ann Roe"
    text = "The plan was drafted by Tom Hale, a councillor who said that the bridge was unsafe."
    quote = containing(quotes_of(nlp, text), "the bridge was unsafe")
    assert quote.speaker == "Tom Hale" and text[quote.speaker_start: quote.speaker_end] == "a councillor who"


def test_words_of_the_quote_are_not_its_speaker(nlp):
    text = "“Our campaign is in panic mode. Full panic mode,” said Leslie Wimes, a party official."
    quote = containing(quotes_of(nlp, text), "panic mode")
    assert quote.speaker == "Leslie Wimes"


@pytest.mark.parametrize("text, words, speaker", [
    # a statement noun with its holder
    ("Trump's claim that there were thousands of shootings in Chicago was rated true.",
     "there were thousands of shootings", "Trump"),
    # ... whose possessive pronoun resolves like a subject pronoun
    ("Mr Tom Hale spoke on Monday. His claim that the bridge was safe was wrong.", "the bridge was safe", "Tom Hale"),
    # a judgement with an object and its predicate
    ("Donald Trump called climate change a hoax invented by China.", "climate change a hoax", "Donald Trump"),
    # "as X said" after the clause it attributes
    ("Scott did not have a gun in his hands, as police have said.", "Scott did not have a gun", "police"),
    # phrasal "point out that"
    ("The Politifact report points out that one shooting may have several victims.",
     "one shooting may have several victims", "Politifact report"),
    # "by saying" takes the subject of the verb it modifies
    ("President Barack Obama responded on Wednesday by saying the issue was manufactured.",
     "the issue was manufactured", "Barack Obama"),
    # polls "show" a small clause with a named subject
    ("Recent polls in Pennsylvania have shown Clinton leading by three points.", "Clinton leading",
     "Recent polls in Pennsylvania"),
    # a stance verb with its object and the reason it gives
    ("Senator Dana Ortiz criticized the council for ignoring the warnings about the cables.",
     "the council for ignoring the warnings", "Dana Ortiz"),
    # ... in the passive, with the "by" agent as the speaker
    ("The repair plan was rejected by the Harbour Authority.", "The repair plan", "the Harbour Authority"),
    # a verb with the preposition that introduces what it is about
    ("Dana Ortiz talked about the safety of the old cables.", "the safety of the old cables", "Dana Ortiz"),
    # a directive with its infinitive
    ("Mayor Elena Brisk told her engineers to inspect every bridge in the city.",
     "to inspect every bridge", "Elena Brisk"),
    # a belief or expectation with its clause ("hoped", which the lemmatizer makes "hop")
    ("Mr Tom Hale hoped the council would pay for the repairs.", "the council would pay", "Tom Hale"),
    ("The engineers expect the bridge to reopen in March.", "the bridge to reopen", "engineers"),
    # a characterization needs its "as"/"to" predicate ("the senator", with
    # no senator named, is not identified)
    ("The senator painted her rival as a career politician with no new ideas.",
     "her rival as a career politician", None),
    ("Senator Dana Ortiz spoke first. The senator compared the repair plan to a bandage on a broken leg.",
     "the repair plan to a bandage", "Dana Ortiz"),
    # a stance adjective with its clause or its "of" phrase
    ("The mayor is convinced that the budget will pass next month.", "the budget will pass", None),
    ("Dana Ortiz is critical of the new toll on the bridge.", "the new toll on the bridge", "Dana Ortiz"),
    # the reason given for a statement belongs to it
    ("Rep. Tom Hale (D-Ore.) said that claim smacked of hypocrisy, because the council has been at the "
     "forefront of cutting school budgets.", "because the council has been", "Tom Hale"),
    # a dateline glued to the sentence is not the speaker
    ("BOSTON -- Mayor Elena Brisk, opening the new library on Saturday, said it would serve the whole city.",
     "it would serve the whole city", "Elena Brisk"),
])
def test_indirect_attribution_patterns(nlp, text, words, speaker):
    quote = containing(quotes_of(nlp, text), words)
    assert quote.kind == "indirect"
    assert quote.speaker == speaker


@pytest.mark.parametrize("text", [
    "The mayor called a meeting of the harbour board for Friday.",
    "After the collapse this attack will find them wanting for answers.",
    "The senator painted the fence of her garden last weekend.",
    "It is certain that the bridge will reopen in March.",
    "The harbour company plans to close two of its ferry terminals next year.",  # a schedule
])
def test_actions_are_not_attributions(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize("text, agent", [
    ("The senator, praised by colleagues as a dealmaker, retired on Friday.", "colleagues"),
    ("The bridge, criticized by engineers for years, collapsed on Tuesday.", "engineers"),
])
def test_a_passive_cue_modifying_a_noun_puts_no_words_in_the_agent_s_mouth(nlp, text, agent):
    assert not [quote for quote in quotes_of(nlp, text) if quote.speaker and agent in quote.speaker]


def test_writer_in_the_first_person_states_a_claim_the_reader_does_not(nlp):
    quotes = quotes_of(nlp, "We know that most of the assets are held abroad. Do you know how they are taxed?")
    assert [quote.text for quote in quotes] == ["that most of the assets are held abroad"]


@pytest.mark.parametrize("text, content", [
    # a cue inside the clause another cue reports adds no attribution of its own
    ("Dana Ortiz said she hoped the council would pay for the repairs.",
     "she hoped the council would pay for the repairs"),
    # an attempt asserts nothing
    ("The mayor tried to blame the engineers. Dana Ortiz said the cables were old.", "the cables were old"),
    # nor does a stance adjective inside a reported clause
    ("Dana Ortiz said she was sure that the bridge would reopen.", "she was sure that the bridge would reopen"),
])
def test_embedded_cues_add_no_attribution(nlp, text, content):
    assert [quote.text for quote in quotes_of(nlp, text)] == [content]


# --------------------------------------------------------------- speakers


def test_pronoun_surname_and_description_resolve_to_the_named_person(nlp):
    text = ("Colin P. Clarke, a counterterrorism analyst at the Soufan Group, said the groups work together. "
            "The alliance will grow stronger, the analyst said. "
            "Mr Clarke said the withdrawal would speed it up. "
            "He added that the rivals were weak.")
    quotes = quotes_of(nlp, text)
    for words in ("groups work together", "alliance will grow", "withdrawal would speed", "rivals were weak"):
        quote = containing(quotes, words)
        assert quote.speaker == "Colin P. Clarke", words
        assert quote.role == "counterterrorism analyst"
    assert text[containing(quotes, "rivals").speaker_start: containing(quotes, "rivals").speaker_end] == "He"


def test_pronoun_without_antecedent_stays_unresolved(nlp):
    [quote] = quotes_of(nlp, "She said the bridge was unsafe.")
    assert quote.speaker is None
    assert quote.speaker_start == 0 and quote.speaker_end == 3


ALTERNATING_SPEAKERS = [
    # the subject of the sentence just before beats an earlier speaker
    ('Tomas Reyes, an engineer, said the cables were corroded. "Nobody listened to us," he said. '
     'Mayor Anna Holt promised an inquiry. "We will find out what went wrong," she said.',
     [("Nobody listened", "Tomas Reyes"), ("find out", "Anna Holt")]),
    # titles tell the gender of two people named together
    ('Mr Dale Fenn and Ms Ruth Amari spoke after the vote. "This is a disgrace," she said. '
     '"It is a victory," he said.',
     [("disgrace", "Ruth Amari"), ("victory", "Dale Fenn")]),
    # a role noun and an earlier resolved "he" tell the genders across three sentences
    ('Ruth Amari, a spokeswoman for the port, said the ferries would run. Carl Berg, the harbour master, '
     'disagreed. "The ferries cannot run in this weather," he said. "We have checked the forecast," she said.',
     [("cannot run", "Carl Berg"), ("checked the forecast", "Ruth Amari")]),
    # subject over object
    ('John Park met Peter Lund on Friday. "We agreed on nothing," he said.', [("agreed on nothing", "John Park")]),
    # a person named inside the quote is not its speaker
    ('Anna Holt said the plan would work. "I told Mark Stone it was the only way," she said.',
     [("only way", "Anna Holt")]),
    # a name in an "Asked about X" phrase of the pronoun's own sentence is not its antecedent
    ("Jon Bell said the dam was safe. Asked about Karen Moss, he said the report was wrong.",
     [("report was wrong", "Jon Bell")]),
]


@pytest.mark.parametrize("text, expected", ALTERNATING_SPEAKERS)
def test_pronouns_follow_alternating_speakers(nlp, text, expected):
    quotes = quotes_of(nlp, text)
    for words, speaker in expected:
        assert containing(quotes, words).speaker == speaker, words


def test_two_equally_salient_candidates_leave_the_speaker_unknown(nlp):
    quote = containing(quotes_of(nlp, 'Peter Lund and John Park met on Friday. "We agreed on nothing," he said.'),
                       "agreed on nothing")
    assert quote.speaker is None
    assert quote.speaker_start is not None  # the span "he" is still given


def test_stated_gender_overrides_recency(nlp):
    text = ('Ms Elena Brisk, speaking at the harbour, promised an inquiry. Mr Tomas Arkwright said the '
            'cables were weak. "We will find out exactly what went wrong," she said.')
    assert containing(quotes_of(nlp, text), "find out").speaker == "Elena Brisk"


def test_role_from_an_earlier_mention_and_a_title_of_office(nlp):
    text = ("Paul Ventris, the chief executive of the port authority, resigned on Thursday. "
            '"I cannot lead it through what comes next," Mr Ventris said. Mayor Elena Brisk said the inquiry '
            "would be led by a judge.")
    quotes = quotes_of(nlp, text)
    ventris = containing(quotes, "cannot lead")
    assert (ventris.speaker, ventris.role) == ("Paul Ventris", "chief executive")
    assert ventris.affiliation == "the port authority"
    brisk = containing(quotes, "led by a judge")
    assert (brisk.speaker, brisk.role) == ("Elena Brisk", "Mayor")


def test_indirect_lead_in_and_direct_quote_are_separate_mentions(nlp):
    text = ("Structural engineer Tomás Arkwright told the Courier that corrosion on the bridge’s main cables had "
            "been reported two years ago. “The corrosion on the main cables was reported to the city two years "
            "ago, and nothing was done,” he said.")
    quotes = quotes_of(nlp, text)
    indirect = containing(quotes, "corrosion on the bridge’s main cables")
    direct = containing(quotes, "nothing was done")
    assert indirect is not direct
    assert indirect.kind == "indirect" and indirect.text.startswith("that corrosion")
    assert direct.kind == "direct" and direct.text.startswith("“The corrosion")
    assert indirect.speaker == direct.speaker == "Tomás Arkwright"


# ------------------------------------------------------------------- Kabul


def kabul_text(kabul_dir, prefix: str) -> str:
    [path] = kabul_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def repaired_001(kabul_dir) -> str:
    """Article 001 as ingest repairs it: the mis-decoded marks around the Seth
    Jones quote become curly quotes."""
    text = kabul_text(kabul_dir, "001")
    return text.replace("âThey", "“They").replace("possible, âsaid", "possible,” said")


@pytest.fixture(scope="module")
def kabul_quotes(nlp, kabul_dir):
    texts = {"000": kabul_text(kabul_dir, "000"), "001": repaired_001(kabul_dir),
             "003": kabul_text(kabul_dir, "003")}
    return {key: quotes_of(nlp, text, key) for key, text in texts.items()}


EXPECTED_SPEAKERS = [
    ("000", "work together hand-in-glove", "Colin P. Clarke"),
    ("001", "work together hand in hand", "Colin P. Clarke"),
    ("000", "not a first-tier ISIS affiliate", "Seth G Jones"),
    ("001", "haven’t been a leading affiliate", "Seth G. Jones"),
    ("001", "maintained cells of underground fighters", "Seth G. Jones"),
    ("000", "claim monopoly over violence", "Abdul Basit"),
    ("000", "Taliban checkpoints that dot around the city", "Nishank Motwani"),
    ("000", "have their roots in Talibs", "Amrullah Saleh"),
    ("000", "closeness will only increase", "Colin P. Clarke"),
    ("000", "grown closer over the past decade", "Colin P. Clarke"),
    ("001", "come together over the past decade", "Colin P. Clarke"),
    ("003", "These emissaries networked", "Hans-Jakob Schindler"),
    ("003", "more fragmented organization", "Magnus Ranstorp"),
]


@pytest.mark.parametrize("article, words, speaker", EXPECTED_SPEAKERS)
def test_kabul_quotes_have_their_speakers(kabul_quotes, article, words, speaker):
    assert containing(kabul_quotes[article], words).speaker == speaker


def test_kabul_no_quote_goes_to_a_named_person_who_did_not_say_it(kabul_quotes):
    people = {"Colin P. Clarke", "Seth G Jones", "Seth G. Jones", "Abdul Basit", "Nishank Motwani",
              "Amrullah Saleh", "Hans-Jakob Schindler", "Magnus Ranstorp"}
    expected = {(article, speaker) for article, _, speaker in EXPECTED_SPEAKERS}
    for article, quotes in kabul_quotes.items():
        for quote in quotes:
            if quote.speaker in people:
                assert (article, quote.speaker) in expected, quote
                assert any(words in quote.text for a, words, s in EXPECTED_SPEAKERS
                           if a == article and s == quote.speaker), quote


def test_kabul_roles_and_affiliations_as_the_text_states_them(kabul_quotes):
    schindler = containing(kabul_quotes["003"], "These emissaries networked")
    assert schindler.role == "senior director"
    assert schindler.affiliation == "the Counter Extremism Project"
    jones = containing(kabul_quotes["001"], "haven’t been a leading affiliate")
    assert jones.affiliation == "the Center for Strategic and International Studies in Washington"


# ------------------------------------------------------------------- merge


def story_of(mentions_by_article: dict[str, list[QuoteMention]]) -> Story:
    articles = [Article(id=article_id, text="x") for article_id in mentions_by_article]
    annotations = {article_id: Annotations(article=article_id, content_hash="", quotes=mentions)
                   for article_id, mentions in mentions_by_article.items()}
    return Story(articles, annotations)


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
    story = story.with_origins({"000": "g1", "001": "g1"})
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


def test_a_run_on_paragraph_of_25_kb_is_extracted_whole(nlp):
    """Each cue's line and entity are found without walking the whole
    paragraph (this took 20 s, quadratic in the paragraph's length)."""
    unit = "Mayor Elena Brisk said that the old bridge was unsafe, and the engineers argued that the cables were weak, "
    text = (unit * 240).rstrip(", ") + "."
    quotes = quotes_of(nlp, text)
    said = [quote for quote in quotes if quote.cue == "said"]
    assert len(text) > 25_000 and len(said) == 240
    assert {quote.speaker for quote in said} == {"Elena Brisk"}
    assert all(quote.text.startswith("that the old bridge was unsafe") for quote in said)


@pytest.mark.parametrize("text, words, speech", [
    ("Tom Hale said the bridge was safe.", "the bridge was safe", True),
    ("Tom Hale tweeted that the bridge was safe.", "the bridge was safe", True),
    ("Tom Hale believes the bridge is safe.", "the bridge is safe", False),
    ("Tom Hale wants to close the bridge next week.", "to close the bridge", False),
    ("Tom Hale declined to comment on the bridge repairs.", "to comment on the bridge", False),
    ("Tom Hale has not said when the bridge will reopen.", "when the bridge will reopen", False),
    ("Tom Hale was asked whether the bridge would reopen.", "whether the bridge would reopen", False),
    ("Tom Hale would argue that the bridge is safe.", "the bridge is safe", False),
])
def test_speech_marks_what_was_said_or_written(nlp, text, words, speech):
    quotes = [quote for quote in quotes_of(nlp, text) if words in quote.text]
    assert all(quote.speech == speech for quote in quotes)


def test_mispaired_marks_around_an_attribution_are_not_speech(nlp):
    text = 'The bridge is closed," he said. "It will stay closed until the cables are replaced," he said.'
    quotes = quotes_of(nlp, text)
    assert not any(quote.speech and quote.text.startswith('" he said') for quote in quotes)


def test_quote_list_leaves_out_what_is_not_speech(nlp):
    text = ("Tom Hale said the cables of the old bridge were rotten. "
            "Peter Marsh declined to comment on the cables of the old bridge.")
    listed = merge_quotes(story_of({"a": quotes_of(nlp, text)}), [])
    assert [quote.speaker for quote in listed] == ["Tom Hale"]


def test_a_quoted_phrase_in_narration_is_not_speech(nlp):
    text = 'Congress voted for a "continuing resolution" that supplies emergency funding until October.'
    assert not any(quote.speech for quote in quotes_of(nlp, text))
