"""`briefing.html`: one self-contained page (inline CSS, a little vanilla JS, no URLs to fetch).

Every claim on the page (summary line, fact, quote, conflict value, figure,
timeline entry, relation, provenance edge) has a claim id; clicking it shows
its evidence: each source sentence with the supporting span highlighted.
The evidence travels in a JSON blob inside ``<script type="application/json">``,
serialised with Jinja's ``tojson`` (``<``, ``>``, ``&`` and ``'`` escaped), so
article text cannot end the script element. The rest goes through an
autoescaping template; only http(s) article URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from itertools import count

from markupsafe import Markup

from newsfuse.models import Briefing, Evidence, NumberOut, QuoteVariant
from newsfuse.render.graph import RELATION_COLOURS, RELATION_LEGEND, provenance_svg, relations_svg
from newsfuse.render.templating import environment
from newsfuse.render.view import (EDGE_VERBS, Passage, article_label, article_numbers, briefing_title, drift_label,
                                  edge_heading, locate, number_groups, origin_groups, passage, quotes_by_speaker,
                                  safe_url, siblings, speaker_role)

@dataclass
class Claims:
    """Claim id -> what to show when the claim is clicked: a heading and its passages."""

    briefing: Briefing
    shown: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self.numbers = article_numbers(self.briefing)
        self.by_id = {article.id: article for article in self.briefing.articles}

    def add(self, claim_id: str, heading: str, passages: list[Passage]) -> str:
        self.shown[claim_id] = {"heading": heading, "passages": [asdict(p) for p in passages]}
        return claim_id

    def spans(self, spans: list[Evidence] | list[QuoteVariant] | list[NumberOut]) -> list[Passage]:
        """Passages of spans (anything with article, start, end); unknown articles are skipped."""
        return [passage(self.by_id[span.article], self.numbers[span.article], span.start, span.end)
                for span in spans if span.article in self.by_id]

    def located(self, text: str, article_ids: list[str]) -> list[Passage]:
        """The closest passage to `text` in each of `article_ids` (for claims without spans)."""
        return [locate(self.by_id[article_id], self.numbers[article_id], text)
                for article_id in article_ids if article_id in self.by_id]


def render_html(briefing: Briefing) -> str:
    """The briefing as one HTML page that works offline."""
    claims = Claims(briefing)
    context = {
        "title": briefing_title(briefing),
        "briefing": briefing,
        "numbers": claims.numbers,
        "independent": len(origin_groups(briefing)),
        "summary": [(claims.add(f"s{i}", line.text, claims.spans(line.evidence) or claims.located(line.text, line.citations)),
                     line) for i, line in enumerate(briefing.summary)],
        "facts": [(claims.add(f"f{i}", fact.text, claims.spans(fact.evidence)), fact)
                  for i, fact in enumerate(briefing.facts)],
        "speakers": _speakers(briefing, claims),
        "conflicts": _conflicts(briefing, claims),
        "figures": [(claims.add(f"n{i}", f"{group.value} {group.what}", claims.spans(group.numbers)), group)
                    for i, group in enumerate(number_groups(briefing.numbers))],
        "timeline": sorted(((claims.add(f"t{i}", entry.text, claims.spans(entry.evidence)), entry)
                            for i, entry in enumerate(briefing.timeline)), key=lambda item: item[1].date),
        "relations": [(claims.add(f"r{i}", f"{rel.subject} {rel.predicate} {rel.object}",
                                  claims.spans(rel.evidence)), rel) for i, rel in enumerate(briefing.relations)],
        "edges": [(claims.add(f"p{i}", edge_heading(briefing, claims.numbers, edge), claims.spans(edge.evidence)), edge)
                  for i, edge in enumerate(briefing.provenance)],
        "edge_verbs": EDGE_VERBS,
        "origin_groups": origin_groups(briefing),
        "siblings": siblings(briefing),
        "provenance_svg": provenance_svg(briefing, claim_prefix="p"),
        "relations_svg": relations_svg(briefing, claim_prefix="r"),
        "relation_colours": RELATION_COLOURS,
        "relation_legend": RELATION_LEGEND,
        "articles": [(article, safe_url(article.url)) for article in briefing.articles],
        "label": article_label,
        "drift_label": drift_label,
    }
    context["claims"] = claims.shown
    context["script"], context["script_hash"] = _script()
    return environment().get_template("briefing.html.j2").render(**context)


def _speakers(briefing: Briefing, claims: Claims) -> list[dict]:
    speakers, counter = [], count()
    for speaker, quotes in quotes_by_speaker(briefing.quotes):
        items = [(claims.add(f"q{next(counter)}", f"{speaker}: “{quote.text}”", claims.spans(quote.variants)), quote)
                 for quote in quotes]
        speakers.append({"name": speaker, "role": speaker_role(quotes), "quotes": items})
    return speakers


def _conflicts(briefing: Briefing, claims: Claims) -> list[dict]:
    return [{"what": conflict.what,
             "values": [(claims.add(f"c{i}-{j}", f"{conflict.what}: {value.value}",
                                    claims.spans(value.evidence) or claims.located(value.value, value.articles)),
                         value) for j, value in enumerate(conflict.values)]}
            for i, conflict in enumerate(briefing.conflicts)]


@cache
def _script() -> tuple[Markup, str]:
    """The page's JS (our own file, trusted) and its CSP hash, so no other script can run."""
    code = resources.files("newsfuse.render").joinpath("templates/evidence.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return Markup(code), f"sha256-{digest}"
