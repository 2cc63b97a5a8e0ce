"""Sentence boundaries: paragraphs are hard breaks; closing quotation marks stay with their sentence."""

from __future__ import annotations

from newsfuse.annotate.sentences import split_sentences


def test_a_closing_mark_stays_with_the_quote_it_closes(nlp):
    text = '"We will rebuild," the mayor said. "Tonight our only concern is the families."\n\nLina Osei, a spokeswoman, said the bridge was safe.'
    sentences = split_sentences(nlp(text))
    assert sentences[-1].text.startswith("Lina Osei")
    assert any(s.text.endswith('families."') for s in sentences)
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_paragraph_breaks_end_sentences(nlp):
    text = "Bridge collapses in Port Veldra\n\nAt least 12 people were killed on Tuesday."
    sentences = split_sentences(nlp(text))
    assert [s.text for s in sentences] == ["Bridge collapses in Port Veldra", "At least 12 people were killed on Tuesday."]


def test_blank_and_empty_texts_give_no_sentences(nlp):
    assert split_sentences(nlp("")) == []
    assert split_sentences(nlp("  \n\n  ")) == []
