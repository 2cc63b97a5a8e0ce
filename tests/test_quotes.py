"""extract_quotes end to end: long paragraphs, and which attributions are speech that the quote list shows."""

from __future__ import annotations

import pytest

from newsfuse.fuse.quotes import merge_quotes

from quote_helpers import quotes_of, story_of

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
