"""Quotation marks (annotate/quotes/marks.py): pairing, nesting, mistyped marks."""

from __future__ import annotations

from newsfuse.annotate.quotes import find_quote_spans

from quote_helpers import containing, quotes_of


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
