"""Indirect speech, beliefs and intentions (annotate/quotes/indirect.py)."""

from __future__ import annotations

import pytest

from quote_helpers import containing, quotes_of


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
