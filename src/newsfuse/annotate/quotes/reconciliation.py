"""Direct quotes against indirect contents found over the same words, and the
:class:`~newsfuse.models.QuoteMention` each attribution becomes.
"""

from __future__ import annotations

from newsfuse.annotate.quotes.clauses import Attribution, bounds, covered
from newsfuse.annotate.quotes.marks import OPENERS
from newsfuse.models import QuoteMention


def reconcile(direct: list[Attribution], indirect: list[Attribution]) -> list[Attribution]:
    """Drop a direct quote that sits inside a longer indirect content
    (``said she would "introduce legislation"``: the indirect one carries it),
    and an indirect content that is mostly a quote already found."""
    kept_direct = [
        quote for quote in direct
        if not any(covered(bounds(quote), bounds(other)) and bounds(other) != bounds(quote) for other in indirect)
    ]
    kept_indirect = []
    for other in indirect:
        start, end = bounds(other)
        overlap = sum(max(0, min(end, quote.end) - max(start, quote.start))
                      for attribution in kept_direct for quote in attribution.quotes)
        if overlap < 0.6 * (end - start):
            kept_indirect.append(other)
    return kept_direct + kept_indirect


def to_mention(attribution: Attribution, text: str, speaker) -> QuoteMention:
    """The QuoteMention of `attribution`, with its resolved `speaker` (or None)."""
    start, end = attribution.spans[0][0], attribution.spans[-1][1]
    mention = QuoteMention(
        kind="direct" if attribution.kind == "direct" or text[start] in OPENERS + '"' else "indirect",
        text=" … ".join(text[a:b] for a, b in attribution.spans),
        start=start,
        end=end,
        spans=attribution.spans,
        cue=attribution.cue.text if attribution.cue is not None else "",
    )
    if speaker is not None:
        mention.speaker, mention.role, mention.affiliation = speaker.name, speaker.role, speaker.affiliation
        mention.speaker_start, mention.speaker_end = speaker.start, speaker.end
        if speaker.name is None:
            mention.speaker_mention = text[speaker.start: speaker.end]
    return mention
