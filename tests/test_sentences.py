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


def test_a_spaced_out_decimal_does_not_end_a_sentence(nlp):
    doc = nlp("He averaged 11. 1 points and 6. 7 assists. He retired in 1993. The team won 11. Then it lost.")
    assert [sentence.text for sentence in doc.sents] == [
        "He averaged 11. 1 points and 6. 7 assists.", "He retired in 1993.", "The team won 11.", "Then it lost."]


def test_paragraph_breaks_end_sentences(nlp):
    text = "Bridge collapses in Port Veldra\n\nAt least 12 people were killed on Tuesday."
    sentences = split_sentences(nlp(text))
    assert [s.text for s in sentences] == ["Bridge collapses in Port Veldra", "At least 12 people were killed on Tuesday."]


def test_blank_and_empty_texts_give_no_sentences(nlp):
    assert split_sentences(nlp("")) == []
    assert split_sentences(nlp("  \n\n  ")) == []


def test_a_headline_line_is_not_glued_to_the_first_sentence(nlp):
    text = "ISIS-K poses threat to Kabul evacuation\n\u201cThe Taliban operate as a triumvirate,\u201d said Colin P. Clarke.\nThese three entities are linked, Mr Clarke said."
    sentences = [s.text for s in split_sentences(nlp(text))]
    assert sentences[0] == "ISIS-K poses threat to Kabul evacuation"
    assert len(sentences) == 3


def test_a_line_wrapped_mid_sentence_stays_one_sentence(nlp):
    text = "The bridge had passed its last inspection in\noctober, the authority said."
    assert len(split_sentences(nlp(text))) == 1


def test_a_sentence_ending_on_a_hyphenated_acronym_ends_there(nlp):
    text = ("Since 2018, the Taliban have been fighting ISIS-K. ISIS in Syria, on the other hand, sent agents. "
            "Analyst Seth G. Jones agreed. The IS-K. group was named.")
    assert [s.text for s in split_sentences(nlp(text))] == [
        "Since 2018, the Taliban have been fighting ISIS-K.",
        "ISIS in Syria, on the other hand, sent agents.",
        "Analyst Seth G. Jones agreed.",
        "The IS-K. group was named.",
    ]


def test_titles_and_initials_do_not_end_sentences(nlp):
    text = "Sgt. John Smith of the U.S. Army said Gen. David Petraeus met J. R. Smith on Monday. The talks ended."
    sentences = [s.text for s in split_sentences(nlp(text))]
    assert sentences == ["Sgt. John Smith of the U.S. Army said Gen. David Petraeus met J. R. Smith on Monday.",
                         "The talks ended."]


def test_police_and_diplomatic_ranks_do_not_end_sentences(nlp):
    text = "The others escaped without injury, Const. Tim Fanning said. Amb. Jane Doe left."
    assert [s.text for s in split_sentences(nlp(text))] == [
        "The others escaped without injury, Const. Tim Fanning said.", "Amb. Jane Doe left."]


def test_an_abbreviation_that_ends_a_sentence_still_ends_it(nlp):
    text = "He moved to the U.S. He said so. She got a C. Then she left."
    assert len(split_sentences(nlp(text))) == 4


def test_a_line_wrapped_after_a_title_goes_on(nlp):
    text = "\"He shot a man,\" Vancouver police Const.\nTim Fanning told a news conference.\nThey fled."
    assert [s.text for s in split_sentences(nlp(text))] == [
        "\"He shot a man,\" Vancouver police Const.\nTim Fanning told a news conference.", "They fled."]
