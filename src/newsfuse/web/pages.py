"""What the app's pages show, as plain values for the templates (nothing here escapes text).

The story page is the renderer's story view (`render.claims.story_view`)
with what only the app has: links that open a claim's exact span in the
article page, a timeline chart, and details for graph nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from newsfuse.models import Annotations, Article, ArticleOut, Briefing, TimelineEntry
from newsfuse.render.claims import story_view
from newsfuse.render.view import EDGE_VERBS, article_label, edge_heading, end_name, safe_url


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """URL of an article's page; with a span, the page marks it and scrolls to it."""
    href = f"/articles/{quote(article_id, safe='')}"
    return href if start is None else f"{href}?mark={start}-{end}#mark"


def story_href(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


# ---------------------------------------------------------------- timeline


CHART_WIDTH, CHART_PAD, DOT_ROW = 880, 40, 18
AXIS_Y = 34  # px from the top; dots stack downwards from there
MAX_TICKS = 7


@dataclass
class ChartDot:
    claim: str
    x: float
    y: float
    label: str


@dataclass
class TimelineChart:
    width: float
    height: float
    axis_y: float
    dots: list[ChartDot] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, date label)


def period_start(iso: str) -> date | None:
    """The first day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when it is not a date."""
    parts = iso.split("-")
    try:
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        return date(*numbers[:3])
    except (ValueError, TypeError):
        return None


def timeline_chart(entries: list[tuple[str, TimelineEntry]]) -> TimelineChart | None:
    """Dots on a date axis, one per (claim id, entry); entries of one day stack. None if nothing is datable."""
    dated = [(claim, entry, period_start(entry.date)) for claim, entry in entries]
    dated = [item for item in dated if item[2] is not None]
    if not dated:
        return None
    first = min(day for _, _, day in dated).toordinal()
    last = max(day for _, _, day in dated).toordinal()
    span = max(last - first, 1)
    inner = CHART_WIDTH - 2 * CHART_PAD

    def x_of(day: date) -> float:
        return CHART_PAD + (inner / 2 if last == first else inner * (day.toordinal() - first) / span)

    stacks: dict[int, int] = {}
    chart = TimelineChart(CHART_WIDTH, 0, AXIS_Y)
    for claim, entry, day in dated:
        row = stacks.get(day.toordinal(), 0)
        stacks[day.toordinal()] = row + 1
        chart.dots.append(ChartDot(claim, x_of(day), AXIS_Y + DOT_ROW * (row + 1), entry.text))
    days = sorted({day for _, _, day in dated})
    step = max(1, -(-len(days) // MAX_TICKS))
    chart.ticks = [(x_of(day), _tick_label(day, _entries_precision(dated, day))) for day in days[::step]]
    chart.height = AXIS_Y + DOT_ROW * (max(stacks.values()) + 1)
    return chart


def _entries_precision(dated, day: date) -> str:
    """The finest precision among the entries dated `day` (for its tick label)."""
    precisions = {entry.precision for _, entry, other in dated if other == day}
    return next(p for p in ("day", "month", "year") if p in precisions)


def _tick_label(day: date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


# ------------------------------------------------------------------ graphs


def node_details(briefing: Briefing, numbers: dict[str, int]) -> dict[str, dict]:
    """Graph node id -> what a click on it shows: for articles their sources and copies, for actors their relations."""
    details: dict[str, dict] = {}
    for article in briefing.articles:
        details[article.id] = {
            "heading": f"[{numbers[article.id]}] {article_label(article)}",
            "lines": [line for line in (article.title, _byline(article)) if line]
            + [f"{edge_heading(briefing, numbers, edge)} (score {edge.score:.2f})"
               for edge in briefing.provenance if article.id in (edge.source, edge.target)]
            + [f"flag: {flag.name}" for flag in article.flags],
            "href": article_href(article.id),
        }
    for edge in briefing.provenance:
        if edge.source not in details:  # a credited outlet that is not an article
            details[edge.source] = {"heading": edge.source, "href": "", "lines": [
                f"credited by {end_name(briefing, numbers, e.target)}"
                for e in briefing.provenance if e.source == edge.source]}
    entities = {entity.name: entity for entity in briefing.entities}
    for relation in briefing.relations:
        for actor in (relation.subject, relation.object):
            entry = details.setdefault(actor, {"heading": actor, "href": "", "lines": _entity_lines(entities.get(actor))})
            entry["lines"].append(f"{relation.subject} {relation.predicate} {relation.object}")
    return details


def _entity_lines(entity) -> list[str]:
    if entity is None:
        return []
    lines = [f"{entity.type}, {entity.mentions} mentions in {len(entity.articles)} articles"]
    return lines + ([f"also called {', '.join(entity.aliases)}"] if entity.aliases else [])


def _byline(article: ArticleOut) -> str:
    return " · ".join(part for part in (article.author, article.published, f"{article.words} words") if part)


# -------------------------------------------------------------- story page


def story_context(briefing: Briefing) -> dict:
    """Everything the story page template shows, with a claim id on every clickable claim."""
    context = story_view(briefing, link=article_href)
    context["timeline_chart"] = timeline_chart(context["timeline"])
    context["articles"] = [(article, safe_url(article.url), article_href(article.id)) for article in briefing.articles]
    context["nodes"] = node_details(briefing, context["numbers"])
    return context


# ------------------------------------------------------------ article page


MARK_KINDS = ("entity", "quote", "number", "date")


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # one of MARK_KINDS, or "target" for the span a link asked to show
    note: str


@dataclass
class Segment:
    text: str
    kinds: list[str]
    notes: list[str]


@dataclass
class Run:
    """Consecutive segments inside (`target`) or outside the span a link asked to show."""

    target: bool
    segments: list[Segment]


def annotation_marks(annotations: Annotations | None) -> list[Mark]:
    """Entities, quote pieces, numbers and dates of one article as marks."""
    if annotations is None:
        return []
    marks = [Mark(e.start, e.end, "entity", f"{e.label}: {e.text}") for e in annotations.entities]
    for mention in annotations.quotes:
        who = f"{mention.kind} quote" + (f" by {mention.speaker}" if mention.speaker else "")
        marks.extend(Mark(start, end, "quote", who) for start, end in (mention.spans or [(mention.start, mention.end)]))
    marks.extend(Mark(n.start, n.end, "number", f"number: {n.text} ({n.what})") for n in annotations.numbers)
    marks.extend(Mark(d.start, d.end, "date", f"date: {d.date}") for d in annotations.dates)
    return marks


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """"120-180" -> (120, 180) when it is a non-empty span inside a text of `length` chars, else None."""
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if 0 <= start < end <= length else None


def marked_segments(text: str, marks: list[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; each piece lists the kinds and notes of the marks covering it."""
    marks = [mark for mark in marks if 0 <= mark.start < mark.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    segments = []
    for start, end in zip(bounds, bounds[1:]):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        segments.append(Segment(text[start:end], list(dict.fromkeys(m.kind for m in covering)),
                                list(dict.fromkeys(m.note for m in covering if m.note))))
    return segments


def target_runs(segments: list[Segment]) -> list[Run]:
    """Segments grouped into runs inside and outside the "target" mark, so it shows as one highlight."""
    runs: list[Run] = []
    for segment in segments:
        inside = "target" in segment.kinds
        if runs and runs[-1].target == inside:
            runs[-1].segments.append(segment)
        else:
            runs.append(Run(inside, [segment]))
    return runs


def article_context(article: Article, annotations: Annotations | None, briefing: Briefing | None,
                    mark: tuple[int, int] | None) -> dict:
    """The article page: marked text, flags, and (from its story's briefing) what it copied and who copied it.

    Flags come from the briefing when there is one (it adds provenance flags
    such as copied text to the article's own).
    """
    marks = annotation_marks(annotations)
    if mark:
        marks.append(Mark(*mark, "target", "the passage you opened"))
    numbers = {a.id: n for n, a in enumerate(briefing.articles, 1)} if briefing else {}
    edges = briefing.provenance if briefing else []
    shown = next((out for out in briefing.articles if out.id == article.id), None) if briefing else None
    return {
        "article": article,
        "flags": shown.flags if shown else article.flags,
        "url": safe_url(article.url),
        "runs": target_runs(marked_segments(article.text, marks)),
        "counts": {kind: sum(1 for m in marks if m.kind == kind) for kind in MARK_KINDS},
        "copied": [(edge, _linked_end(briefing, numbers, edge.source)) for edge in edges if edge.target == article.id],
        "copied_by": [(edge, _linked_end(briefing, numbers, edge.target)) for edge in edges
                      if edge.source == article.id],
        "edge_verbs": EDGE_VERBS,
        "has_mark": mark is not None,
    }


def _linked_end(briefing: Briefing, numbers: dict[str, int], end: str) -> tuple[str, str]:
    """(label, href) of a provenance edge end: an article of the story, or an outlet name (no link)."""
    return (end_name(briefing, numbers, end), article_href(end) if end in numbers else "")
