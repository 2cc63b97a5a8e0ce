"""Whether a candidate line says again what a picked line of the summary says.

A repeat is a very close vector or wording; a close vector with most of one
line's words in the other; related vectors and the same figures (a toll told
again); the same event of the same subject (fuse/parsed.py, main_event); or
the same claim in other words (fuse/same_claim.py). The cheap tests run on
every candidate (`repeats`); the parse and the claim model only on the
candidate about to be picked (`told_before`).
"""

from __future__ import annotations

from newsfuse.fuse.parsed import main_event
from newsfuse.fuse.relevance import Candidate
from newsfuse.fuse.same_claim import MRPC_EQUIVALENT, Statement, claim_probabilities
from newsfuse.text import overlap

REPEAT_COSINE = 0.88  # this close to a picked sentence: a repeat, never picked
REPEAT_OVERLAP = 0.7  # same for content-word overlap
REPEAT_NEAR_COSINE = 0.65  # this close, and
REPEAT_CONTAINED = 0.45  # this share of one line's content words in the other's: a repeat
REPEAT_FIGURES = 2  # this many figures in common ("two" killed, "21" wounded), and
REPEAT_FIGURES_COSINE = 0.4  # vectors at least this close: the same toll told again
# Two lines repeat each other when the same-claim model gives them this probability: MRPC's
# "equivalent" point (same_claim.MRPC_EQUIVALENT), lower than the citation check's, as a line left
# out costs less than a claim said twice.
REPEAT_CLAIM = MRPC_EQUIVALENT


def repeats(candidate: Candidate, picked: list[Candidate]) -> bool:
    """Whether a picked line says the candidate again: very close vectors or wording, or close vectors
    and one's content words mostly inside the other's ("The navy has captured 23 pirates." after "The
    navy said it has captured 23 Somali and Yemeni pirates who attacked a vessel on Saturday."), or
    related vectors and the same figures ("The blast killed two and wounded 21." after "Bombers killed
    the two assailants and injured 21 shoppers.")."""
    for other in picked:
        cosine = float(candidate.vector @ other.vector)
        if cosine >= REPEAT_COSINE or overlap(candidate.words, other.words) >= REPEAT_OVERLAP:
            return True
        if cosine >= REPEAT_NEAR_COSINE and _contained(candidate.words, other.words) >= REPEAT_CONTAINED:
            return True
        if cosine >= REPEAT_FIGURES_COSINE and len(_figures(candidate) & _figures(other)) >= REPEAT_FIGURES:
            return True
    return False


def _figures(candidate: Candidate) -> set[float]:
    """The values of the figures the annotator read in the line ("the two assailants" and "killed 2"
    alike; years are dates, not figures), within its words when the line is a cut of its sentence."""
    return {figure.mention.value for _, figure in candidate.unit.figures if figure.mention.text in candidate.text}


def _contained(left: set[str], right: set[str]) -> float:
    """Share of the smaller set's words found in the other, 0..1 (0 when either is empty)."""
    smaller = min(len(left), len(right))
    return len(left & right) / smaller if smaller else 0.0


def _same_event(candidate: Candidate, picked: list[Candidate]) -> bool:
    """Whether a picked line tells the candidate's event again: the same main verb of subjects sharing a
    name or a figure ("Jackson was arrested on the DUI charge" after "... Vincent Jackson was arrested yesterday";
    see parsed.main_event), whatever else either line adds. Read, as the claim, on the candidate about to
    be picked only."""
    event = main_event(candidate.text)
    return event is not None and any(
        (other := main_event(line.text)) is not None and other[0] == event[0] and other[1] & event[1]
        for line in picked)


def told_before(candidate: Candidate, picked: list[Candidate]) -> bool:
    """Whether a picked line tells the candidate's event or claim again (see _same_event, _said_before)."""
    return _same_event(candidate, picked) or _said_before(candidate, picked)


def _said_before(candidate: Candidate, picked: list[Candidate]) -> bool:
    """Whether a picked line already states the candidate's claim in other words (see REPEAT_CLAIM).

    Checked only on the candidate about to be picked: the model reads the
    text, so testing every candidate against every line would cost far more.
    """
    scores = claim_probabilities(Statement(candidate.text), candidate.vector,
                                 [Statement(other.text) for other in picked], [other.vector for other in picked])
    return any(score >= REPEAT_CLAIM for score in scores)
