"""The summary's opening: the statement that says what happened, where and when.

`best_opening` reserves a place in the summary for the statement that best
opens it (it says the event's day, names a place, gives a toll; no
commentator's view), among the statements close to the most relevant;
`opening_first` puts it first; `dated_opening` gives a bare "Thursday" in the
opening its date in words (see references.dated_in_words).
"""

from __future__ import annotations

import re

from newsfuse.fuse.references import dated_in_words
from newsfuse.fuse.relevance import Candidate
from newsfuse.models import Story

LEAD_SLACK = 0.3  # relevance below the best that a statement saying when and where may still open with
# A day named in the text: when the articles carry no publication date, dates do not resolve
# and only the wording tells that a statement says when.
_NAMES_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)\b"
                        r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")
# A view attributed to commentators: what the event means, not what happened.
_VIEW = re.compile(r"\b(?:experts?|analysts?|observers?|critics?|commentators?|pundits?)\b[^.]{0,40}?"
                   r"\b(?:said|say|says|believe|warn(?:ed)?|argued?)\b", re.IGNORECASE)


def _opening_rank(candidate: Candidate) -> int:
    """How well a statement opens the summary, 0 best: 0 says when (the event's day, or a day it names
    where the articles carry no dates), where and the toll,
    1 when and where, 2 when, 3 the toll at a named place, 4 none of these. Experts' and analysts'
    views ("..., experts said") rank 4: the opening says what happened, not what it means."""
    if _VIEW.search(candidate.text):
        return 4
    if candidate.event_dated or _NAMES_DAY.search(candidate.text):
        return 0 if candidate.placed and candidate.outcome else 1 if candidate.placed else 2
    return 3 if candidate.outcome and candidate.placed else 4


def _opening_key(candidate: Candidate) -> tuple[bool, int, int]:
    """Sort key of the opening statement: one that says what happened first, then the best supported,
    then the best opening (see _opening_rank)."""
    rank = _opening_rank(candidate)
    return rank == 4, candidate.support_tier, rank


def best_opening(candidates: list[Candidate]) -> Candidate | None:
    """The statement to open with (see _opening_key), the most relevant among equals.

    Only statements within LEAD_SLACK of the best relevance compete, so a
    minor dated detail never opens the summary; None when none says when or
    gives a toll.
    """
    best = max((candidate.relevance for candidate in candidates), default=0.0)
    close = [candidate for candidate in candidates if candidate.relevance >= best - LEAD_SLACK
             and not candidate.background and _opening_rank(candidate) < 4]
    return min(close, key=lambda candidate: (*_opening_key(candidate), -candidate.relevance), default=None)


def opening_first(ordered: list[Candidate]) -> list[Candidate]:
    """`ordered` with the statement that best says what happened, where and when moved to the front."""
    if not ordered:
        return ordered
    opening = min(ordered, key=_opening_key)  # the first of the best
    return [opening] + [candidate for candidate in ordered if candidate is not opening]


def dated_opening(story: Story, shown: list[tuple[Candidate, str]], max_words: int | None) -> str:
    """The opening sentence's text with its relative day ("on Thursday") given as a date in words,
    when the word cap leaves room (see dated_in_words)."""
    candidate, text = shown[0]
    dated = dated_in_words(text, candidate.unit.sentence, story.annotations[candidate.unit.article])
    words = sum(len(line.split()) for _, line in shown[1:]) + len(dated.split())
    return dated if max_words is None or words <= max_words else text
