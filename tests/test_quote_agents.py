"""The quote list holds what someone who can speak said: no objects, events or
agreements as speakers, no findings or topics, no phrases quoted in narration;
and roles whole as the text writes them beside the name."""

from __future__ import annotations

import pytest

from quote_helpers import containing, quotes_of


def _speech(quotes, words: str) -> bool:
    """True when a quote that opens with `words` is listed as speech."""
    return any(quote.speech for quote in quotes if quote.text.lstrip('"“ ').startswith(words))


@pytest.mark.parametrize("text, not_speech, speech", [
    # a thing or an event "suggesting" what the reporter infers
    ("Israel radio said two suitcases filled with explosives were found near the car, suggesting the blast "
     "went off prematurely.", "the blast went off", "two suitcases filled"),
    ("Friday's bombing marked the third time that Hamas tried to carry out an attack, suggesting the group "
     "was weakened.", "the group was weakened", None),
    # an agreement says nothing; a statement and the police do
    ("The Wye River agreement says the Palestine National Council will meet in mid-December. "
     "A Cabinet statement said the talks would resume. Police said two men were arrested.",
     "the Palestine National Council will meet", "the talks would resume"),
    # a finding drawn from narration, even with a person nearby
    ("Police found two bombs in the car, suggesting the attack had been planned for weeks.",
     "the attack had been planned", None),
])
def test_only_someone_who_can_speak_says_something(nlp, text, not_speech, speech):
    quotes = quotes_of(nlp, text)
    assert not _speech(quotes, not_speech)
    if speech is not None:
        assert _speech(quotes, speech)


def test_people_counted_or_collected_still_speak(nlp):
    text = ("Acquaintances and colleagues predicted that Collins would do a good job. "
            "A chorus of prominent Republicans said the nominee must release his returns. "
            "Trump this week also said he would consider naming Mike Lee.")
    quotes = quotes_of(nlp, text)
    for words in ("that Collins would", "the nominee must", "he would consider"):
        assert _speech(quotes, words), words
    assert containing(quotes, "good job").role is None  # "Acquaintances and colleagues" restates the speaker


def test_groups_counted_by_a_quantifier_and_charges_speak(nlp):
    text = ("Many whites see the panel as favoring the movements, while many blacks accuse it of being too "
            "soft on former officials. His blood-alcohol level was 0.41 percent, according to the charges.")
    quotes = quotes_of(nlp, text)
    assert _speech(quotes, "it of being too soft")
    assert _speech(quotes, "His blood-alcohol level")


def test_a_symptom_complained_of_is_not_speech(nlp):
    text = '"I crawled away," she said. She was hospitalized after complaining of ringing in the ears.'
    quotes = quotes_of(nlp, text)
    assert _speech(quotes, "I crawled away")
    assert not _speech(quotes, "ringing in the ears")


def test_a_phrase_quoted_inside_narration_without_a_cue_is_not_speech(nlp):
    text = ('The document named the surgeon general as a "position of interest." '
            '"We will appeal," the lawyer said.')
    quotes = quotes_of(nlp, text)
    assert not _speech(quotes, "position of interest")
    assert _speech(quotes, "We will appeal")


def test_a_later_piece_that_opens_with_its_attribution_is_narration(nlp):
    text = '"He recommended her for her example in her faith,  "Msgr. Farmer said, noting the" medal is rare.'
    assert not _speech(quotes_of(nlp, text), "He recommended her")


def test_a_clause_around_a_quoted_word_is_indirect(nlp):
    text = 'The ANC has accused the commission of trying to "criminalize" the liberation struggle.'
    quote = containing(quotes_of(nlp, text), "criminalize")
    assert quote.kind == "indirect" and quote.speaker == "ANC"


@pytest.mark.parametrize("text, speaker, role", [
    ('"We can\'t depend on miracles," said Defense Minister Yitzhak Mordechai.', "Yitzhak Mordechai",
     "Defense Minister"),
    ("Meantime, Salvation Army bell ringer Michael Gallagher said he ran to help Johnson.", "Michael Gallagher",
     "Salvation Army bell ringer"),
    ("Former President F.W. de Klerk said the report was unfair.", "F.W. de Klerk", "Former President"),
    ('ANC spokesman Thabo Masebe said it was "premature" to talk of a general amnesty.', "Thabo Masebe",
     "ANC spokesman"),
    ('"He hit her," said WCCO TV Managing Editor Angela Benson.', "Angela Benson", "WCCO TV Managing Editor"),
    ("Philadelphia 76ers President and General Manager Ed Stefanski announced that the team has relieved "
     "Maurice Cheeks of his duties.", "Ed Stefanski", "Philadelphia 76ers President and General Manager"),
    ('"I am sure the result will be a gift," said Freich Abu Madein, the Palestinian minister of justice.',
     "Freich Abu Madein", "Palestinian minister of justice"),
    ('"He\'s a forceful personality," said Tom Murray, PhD, head of the Hastings Center.', "Tom Murray", "head"),
])
def test_roles_are_whole_as_written(nlp, text, speaker, role):
    [quote] = [quote for quote in quotes_of(nlp, text) if quote.speech]
    assert (quote.speaker, quote.role) == (speaker, role)


def test_the_name_beside_a_description_is_the_speaker(nlp):
    text = "An ANC spokesman, Thabo Masebe, said he believed the news report referred to a commission letter."
    quote = containing(quotes_of(nlp, text), "commission letter")
    assert (quote.speaker, quote.role, quote.affiliation) == ("Thabo Masebe", "spokesman", "ANC")



def test_an_affiliation_is_not_cut_to_a_fragment(nlp):
    text = '"It was horrible to see," said Benson, a managing editor at WCCO-TV, Ch. 4.'
    quote = containing(quotes_of(nlp, text), "horrible")
    assert (quote.role, quote.affiliation) == ("managing editor", "WCCO-TV")


@pytest.mark.parametrize("text, words", [
    ("Former President F.W. de Klerk, meanwhile, plans to ask a court to prevent the report from implicating him.",
     "to prevent the report"),
    ("Indeed, news reports Monday said the Truth Commission would declare apartheid a crime against humanity and "
     "acknowledge that the ANC was conducting a legitimate struggle.", "that the ANC was conducting"),
])
def test_a_speech_act_that_did_not_take_place_is_not_speech(nlp, text, words):
    assert not _speech(quotes_of(nlp, text), words)


def test_a_form_of_address_is_no_role(nlp):
    text = ("In a statement, CHA president and chief executive officer Sister Carol Keehan said the group "
            "rejoices. Sister Carol Keehan said the nominee will enrich the nation.")
    quote = containing(quotes_of(nlp, text), "enrich the nation")
    assert (quote.speaker, quote.role, quote.affiliation) == ("Carol Keehan", "president and chief executive officer", "CHA")
