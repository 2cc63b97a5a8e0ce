"""The clickable claims of a story view, shared by `briefing.html` and the web app's story page.

Every claim shown (summary line, fact, quote, conflict value, figure, timeline
entry, relation, provenance edge) gets a claim id and the passages that back
it. `story_view` builds the values both templates show; each caller adds
what only it has (the file's inline script, the app's links and charts).
Nothing here escapes text: the autoescaping templates do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from itertools import count

from newsfuse.models import Briefing, Evidence, NumberOut, QuoteVariant
from newsfuse.render.graph import RELATION_COLOURS, RELATION_LEGEND, provenance_svg, relations_svg
from newsfuse.render.view import (EDGE_VERBS, Passage, article_label, article_numbers, drift_label, edge_heading,
                                  locate, number_groups, origin_groups, passage, quotes_by_speaker, siblings,
                                  speaker_role)

Span = Evidence | QuoteVariant | NumberOut
# (article id, start, end) -> URL that opens the span; start and end are None for a whole article
SpanLink = Callable[[str, int | None, int | None], str]


@dataclass
class Claims:
    """Claim id -> what a click on the claim shows: a heading, its passages and (with `link`) where to open each."""

    briefing: Briefing
    link: SpanLink | None = None
    shown: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self.numbers = article_numbers(self.briefing)
        self.by_id = {article.id: article for article in self.briefing.articles}

    def spans(self, claim_id: str, heading: str, spans: list[Span]) -> str:
        """Record a claim backed by spans (anything with article, start, end); unknown articles are skipped."""
        known = [span for span in spans if span.article in self.by_id]
        passages = [passage(self.by_id[s.article], self.numbers[s.article], s.start, s.end) for s in known]
        return self._add(claim_id, heading, passages, [(s.article, s.start, s.end) for s in known])

    def spans_or_located(self, claim_id: str, heading: str, spans: list[Span], articles: list[str]) -> str:
        """Spans when there are any, else the sentence closest to `heading` in each of `articles`."""
        if any(span.article in self.by_id for span in spans):
            return self.spans(claim_id, heading, spans)
        known = [article_id for article_id in articles if article_id in self.by_id]
        passages = [locate(self.by_id[article_id], self.numbers[article_id], heading) for article_id in known]
        return self._add(claim_id, heading, passages, [(article_id, None, None) for article_id in known])

    def _add(self, claim_id: str, heading: str, passages: list[Passage], targets: list[tuple]) -> str:
        self.shown[claim_id] = {"heading": heading, "passages": [asdict(p) for p in passages]}
        if self.link is not None:
            self.shown[claim_id]["open"] = [self.link(*target) for target in targets]
        return claim_id


def story_view(briefing: Briefing, link: SpanLink | None = None) -> dict:
    """Template values for a story: every claim with its id, plus graphs and provenance groups.

    `claims` (claim id -> heading and passages) goes into the page as JSON for
    the evidence panel; with `link`, each passage also says where to open it.
    """
    claims = Claims(briefing, link)
    groups = origin_groups(briefing)
    context = {
        "briefing": briefing,
        "numbers": claims.numbers,
        "independent": len(groups),
        "summary": [(claims.spans_or_located(f"s{i}", line.text, line.evidence, line.citations), line)
                    for i, line in enumerate(briefing.summary)],
        "facts": [(claims.spans(f"f{i}", fact.text, fact.evidence), fact) for i, fact in enumerate(briefing.facts)],
        "speakers": _speakers(briefing, claims),
        "conflicts": [{"what": conflict.what, "kind": conflict.kind, "values": [
            (claims.spans_or_located(f"c{i}-{j}", f"{conflict.what}: {value.value}", value.evidence, value.articles),
             value) for j, value in enumerate(conflict.values)]} for i, conflict in enumerate(briefing.conflicts)],
        "figures": [(claims.spans(f"n{i}", f"{group.value} {group.what}", group.numbers), group)
                    for i, group in enumerate(number_groups(briefing.numbers))],
        "timeline": sorted(((claims.spans(f"t{i}", entry.text, entry.evidence), entry)
                            for i, entry in enumerate(briefing.timeline)), key=lambda item: item[1].date),
        "relations": [(claims.spans(f"r{i}", f"{rel.subject} {rel.predicate} {rel.object}", rel.evidence), rel)
                      for i, rel in enumerate(briefing.relations)],
        "edges": [(claims.spans(f"p{i}", edge_heading(briefing, claims.numbers, edge), edge.evidence), edge)
                  for i, edge in enumerate(briefing.provenance)],
        "edge_verbs": EDGE_VERBS,
        "origin_groups": groups,
        "siblings": siblings(briefing),
        "provenance_svg": provenance_svg(briefing, claim_prefix="p"),
        "relations_svg": relations_svg(briefing, claim_prefix="r"),
        "relation_colours": RELATION_COLOURS,
        "relation_legend": RELATION_LEGEND,
        "label": article_label,
    }
    context["claims"] = claims.shown
    return context


# ------------------------------------------------------------------ quotes


@dataclass
class DiffWord:
    text: str
    change: str  # "same", "added" (only in this variant) or "removed" (only in the first variant)


_NOT_WORD = re.compile(r"[^\w]+")


def word_diff(base: str, other: str) -> list[DiffWord]:
    """`other` word by word against `base`: kept, added and removed words, in reading order.

    Words compare case-blind and without punctuation, so "said," and "Said"
    count as the same word; the words shown are `other`'s (or `base`'s where removed).
    """
    base_words, other_words = base.split(), other.split()
    matcher = SequenceMatcher(None, [_word_key(w) for w in base_words], [_word_key(w) for w in other_words],
                              autojunk=False)
    words: list[DiffWord] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words.extend(DiffWord(word, "same") for word in other_words[j1:j2])
        else:
            words.extend(DiffWord(word, "removed") for word in base_words[i1:i2])
            words.extend(DiffWord(word, "added") for word in other_words[j1:j2])
    return words


def _word_key(word: str) -> str:
    return _NOT_WORD.sub("", word.lower()) or word


def _speakers(briefing: Briefing, claims: Claims) -> list[dict]:
    """Speakers, most quoted first, each quote with its claim id and its variants diffed against the first."""
    speakers, counter = [], count()
    for speaker, quotes in quotes_by_speaker(briefing.quotes):
        items = []
        for item in quotes:
            claim = claims.spans(f"q{next(counter)}", f"{speaker}: “{item.text}”", item.variants)
            base = item.variants[0].text if item.variants else item.text
            variants = [(variant, word_diff(base, variant.text)) for variant in item.variants]
            items.append({"claim": claim, "quote": item, "variants": variants, "drift": drift_label(item),
                          "drifted": any(word.change != "same" for _, diff in variants for word in diff)})
        speakers.append({"name": speaker, "role": speaker_role(quotes), "quotes": items})
    return speakers
