"""Direct quotes (annotate/quotes/direct.py): the words in marks and their cue."""

from __future__ import annotations

from quote_helpers import containing, quotes_of


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
