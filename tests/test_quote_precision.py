"""What the quote list may show: speech only (no headline, no question put to
someone, no cue nested in another's reported words) and roles as the text
states them beside the name."""

from __future__ import annotations

from quote_helpers import containing, quotes_of


def test_the_chairman_of_a_panel_named_after_it_is_the_speaker(nlp):
    text = ("The chairman of the 17-member panel, Archbishop Desmond Tutu, said the report was ready. "
            '"It upsets me deeply," he said.')
    quotes = quotes_of(nlp, text)
    for words in ("report was ready", "upsets me"):
        quote = containing(quotes, words)
        assert quote.speaker == "Archbishop Desmond Tutu"
        assert (quote.role, quote.affiliation) == ("chairman", "the 17-member panel")


def test_a_coordinated_role_noun_is_kept_whole(nlp):
    text = '"The whole affair is a mockery," said Roboy Vonholdt, a 56-year-old sheep and ostrich farmer.'
    assert containing(quotes_of(nlp, text), "mockery").role == "56-year-old sheep and ostrich farmer"


def test_a_field_of_study_is_no_affiliation(nlp):
    text = "Dan Stein, a specialist in neurobiology and stress disorders, said the killers were ordinary men."
    quote = containing(quotes_of(nlp, text), "ordinary men")
    assert quote.speaker == "Dan Stein" and quote.affiliation is None


def test_a_question_put_to_the_speaker_is_not_speech(nlp):
    text = 'Asked by the judge if he understood the charges against him, Anthony Lane responded "Yes."'
    quotes = quotes_of(nlp, text)
    assert not any(quote.speech and "understood the charges" in quote.text for quote in quotes)


def test_a_headline_line_is_not_speech(nlp):
    text = ("President Obama Announces Nominee for Surgeon General\n"
            "Today, President Barack Obama announced his intent to nominate Regina Benjamin as Surgeon General.")
    quotes = quotes_of(nlp, text)
    assert not any(quote.speech and "Nominee for Surgeon" in quote.text for quote in quotes)
    assert containing(quotes, "intent to nominate").speech


def test_a_cue_inside_anothers_reported_words_adds_no_quote(nlp):
    text = ("Gilberto Manuel da Silva said that he expected the economic adjustments that Cardoso announced "
            "would hurt him personally.")
    quotes = quotes_of(nlp, text)
    assert all(quote.speaker != "Cardoso" for quote in quotes)
    assert "da Silva" in containing(quotes, "hurt him personally").speaker


def test_a_quote_opening_with_a_comma_is_narration_between_mispaired_marks(nlp):
    text = ("\u201cIt is official: I am hosting the Oscars! I would like to thank the Academy \u201c, "
            "the comedian and talk show host said on her Twitter feed just now.")
    quotes = quotes_of(nlp, text)
    assert not any(quote.speech and quote.text[1:2] == "," for quote in quotes)
