"""Graph pictures as inline SVG, laid out in Python (no JS, no external files).

Two graphs of a :class:`Briefing`:

* :func:`provenance_layout` - articles as nodes boxed by origin group, edges
  coloured by relation (copies, paraphrases, shares-origin, cites), credited
  outlets that are not articles as a row of their own on top;
* :func:`relations_layout` - actors (relation subjects/objects) on a circle,
  one arrow per (subject, object) pair labelled with the predicates.

A layout is plain data in pixels (origin top left); :func:`to_svg` draws it
with an autoescaping Jinja template, so labels from article text are inert.
`claim_prefix` + an edge's `record` index names the evidence of an edge
(``data-claim`` attribute) for pages that show evidence on click.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from newsfuse.models import Briefing
from newsfuse.render.templating import environment
from newsfuse.render.view import article_numbers, origin_groups

RELATION_COLOURS = {
    "copies": "#c0392b",
    "paraphrases": "#d68910",
    "shares-origin": "#7d3c98",
    "cites": "#5d8aa8",
}
RELATION_LEGEND = {
    "copies": "copies (verbatim)",
    "paraphrases": "paraphrases",
    "shares-origin": "rewrites the same report",
    "cites": "credits outlet",
}
ACTOR_COLOUR = "#34495e"
CHAR_WIDTH = 6.6  # px per character at the 12px label font, for sizing boxes
NODE_W, NODE_H = 210, 46
GAP = 14
COLUMN_GAP = 64  # between group columns: room for the arcs that link articles of one column
PAD = 12  # inside a group box
CAPTION = 24  # height of a group box's caption line
MARGIN = 16
MAX_COLUMNS = 4
MAX_ARTICLES = 60  # more articles than this are listed, not drawn
MAX_ACTORS = 18
MIN_RADIUS = 130  # px, vertical radius of the actors' ellipse
LABEL_CHARS = 30  # longest label drawn, in characters
NODE_CHARS = 26  # what fits on one line of an article box (bold 12px)


@dataclass
class Node:
    id: str
    label: str
    sublabel: str
    x: float
    y: float
    w: float
    h: float
    kind: str  # "article", "outlet" or "actor"
    href: str = ""

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # a relation name, or "actor"
    path: str  # SVG path data
    label: str
    label_x: float
    label_y: float
    record: int  # index of the briefing record the edge draws
    title: str = ""


@dataclass
class Box:
    label: str
    x: float
    y: float
    w: float
    h: float


@dataclass
class GraphLayout:
    id: str
    width: float
    height: float
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)  # colour key -> text
    colours: dict[str, str] = field(default_factory=dict)
    note: str = ""


def provenance_svg(briefing: Briefing, claim_prefix: str = "") -> Markup:
    """The provenance graph of `briefing` as an inline <svg> element."""
    return to_svg(provenance_layout(briefing), claim_prefix)


def relations_svg(briefing: Briefing, claim_prefix: str = "") -> Markup:
    """The actor-relations graph of `briefing` as an inline <svg> element."""
    return to_svg(relations_layout(briefing), claim_prefix)


def to_svg(layout: GraphLayout, claim_prefix: str = "") -> Markup:
    """Draw a layout; empty Markup when it has no nodes."""
    if not layout.nodes:
        return Markup("")
    template = environment().get_template("graph.svg.j2")
    return Markup(template.render(layout=layout, claim_prefix=claim_prefix))


# ----------------------------------------------------------------- provenance


def provenance_layout(briefing: Briefing) -> GraphLayout:
    """Origin groups as boxes in a grid of columns, their articles stacked inside."""
    numbers = article_numbers(briefing)
    drawn = {article.id for article in briefing.articles[:MAX_ARTICLES]}
    layout = GraphLayout("provenance", 0, 0, legend=dict(RELATION_LEGEND), colours=dict(RELATION_COLOURS))
    outlets = _credited_outlets(briefing, drawn)
    top = MARGIN + (NODE_H / 2 + GAP * 2 if outlets else 0)
    columns = [top] * MAX_COLUMNS  # next free y in each column
    for group in origin_groups(briefing):
        articles = [article for article in group.articles if article.id in drawn]
        if articles:
            _place_group(layout, columns, group.name if len(articles) > 1 else "", articles, numbers)
    _place_outlets(layout, outlets)
    by_id = {node.id: node for node in layout.nodes}
    for index, edge in enumerate(briefing.provenance):
        if edge.source in by_id and edge.target in by_id:
            layout.edges.append(_provenance_edge(by_id[edge.source], by_id[edge.target], edge.relation,
                                                 edge.score, index))
    layout.width = max(node.x + node.w for node in layout.nodes) + PAD + COLUMN_GAP / 2 + MARGIN
    layout.height = max(columns) + MARGIN
    if len(briefing.articles) > MAX_ARTICLES:
        layout.note = f"{len(briefing.articles) - MAX_ARTICLES} more articles are listed below, not drawn."
    return layout


def _credited_outlets(briefing: Briefing, drawn: set[str]) -> list[str]:
    """Outlets named as the source of a `cites` edge that are not articles themselves."""
    article_ids = {article.id for article in briefing.articles}
    names = [edge.source for edge in briefing.provenance
             if edge.relation == "cites" and edge.source not in article_ids and edge.target in drawn]
    return list(dict.fromkeys(names))


def _place_group(layout: GraphLayout, columns: list[float], caption: str, articles, numbers) -> None:
    """Put one origin group in the shortest column; a lone article gets no box.

    The caption goes under the stack, clear of arrows coming in from above.
    """
    column = min(range(len(columns)), key=lambda i: (columns[i], i))
    x = MARGIN + column * (NODE_W + 2 * PAD + COLUMN_GAP)
    y = columns[column]
    for row, article in enumerate(articles):
        layout.nodes.append(Node(
            article.id, f"[{numbers[article.id]}] {_clip(article.outlet or 'Unknown outlet', NODE_CHARS - 5)}",
            _clip(article.title or article.path or article.id, NODE_CHARS + 10),
            x + PAD, y + PAD + row * (NODE_H + GAP), NODE_W, NODE_H, "article", f"#article-{numbers[article.id]}"))
    height = PAD + len(articles) * (NODE_H + GAP) - GAP + (CAPTION if caption else PAD)
    if caption:
        layout.boxes.append(Box(f"Same origin: {_clip(caption, NODE_CHARS)}", x, y, NODE_W + 2 * PAD, height))
    columns[column] = y + height + GAP


def _place_outlets(layout: GraphLayout, outlets: list[str]) -> None:
    """Credited outlets as pills along the top, spread across the width of the columns."""
    x = MARGIN
    for name in outlets:
        label = _clip(name, LABEL_CHARS)
        width = len(label) * CHAR_WIDTH + 28
        layout.nodes.append(Node(name, label, "", x, MARGIN, width, NODE_H / 2 + 4, "outlet"))
        x += width + GAP


def _provenance_edge(source: Node, target: Node, relation: str, score: float, index: int) -> Edge:
    start, end = _facing_points(source, target)
    if abs(source.cx - target.cx) < 1:  # same column: bow out to the right of the stack
        start = (source.x + source.w, source.cy)
        end = (target.x + target.w, target.cy)
        bow = 24 + abs(end[1] - start[1]) * 0.12
        control = (start[0] + bow, start[1], end[0] + bow, end[1])
        path = f"M{start[0]:.1f},{start[1]:.1f} C{control[0]:.1f},{control[1]:.1f} " \
               f"{control[2]:.1f},{control[3]:.1f} {end[0]:.1f},{end[1]:.1f}"
        label_xy = (start[0] + bow * 0.75, (start[1] + end[1]) / 2)
    else:
        path, label_xy = _bent_line(start, end, 0.12)
    label = f"{score:.2f}" if relation != "cites" else ""
    title = f"{target.label} {relation} {source.label} (score {score:.2f})"
    return Edge(source.id, target.id, relation, path, label, *label_xy, index, title)


# ------------------------------------------------------------------ relations


def relations_layout(briefing: Briefing) -> GraphLayout:
    """The most connected actors on a circle; one arrow per subject -> object pair."""
    degree = Counter()
    for relation in briefing.relations:
        degree[relation.subject] += 1
        degree[relation.object] += 1
    actors = [name for name, _ in degree.most_common(MAX_ACTORS)]
    layout = GraphLayout("relations", 0, 0, colours={"actor": ACTOR_COLOUR})
    if not actors:
        return layout
    widths = {name: len(_clip(name, LABEL_CHARS)) * CHAR_WIDTH + 24 for name in actors}
    # Neighbours on the circle sit a widest label apart; the ellipse is wider than tall.
    chord = max(widths.values()) + 2 * GAP
    radius = max(MIN_RADIUS, chord / (2 * math.sin(math.pi / max(len(actors), 2))))
    radius_x, radius_y = radius * 1.5, radius
    centre_x = MARGIN + max(widths.values()) / 2 + radius_x
    centre_y = MARGIN + NODE_H / 2 + radius_y
    for i, name in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * i / len(actors)
        w, h = widths[name], NODE_H * 0.7
        layout.nodes.append(Node(name, _clip(name, LABEL_CHARS), "", centre_x + radius_x * math.cos(angle) - w / 2,
                                 centre_y + radius_y * math.sin(angle) - h / 2, w, h, "actor"))
    _add_relation_edges(layout, briefing)
    layout.width = 2 * centre_x
    layout.height = 2 * centre_y
    hidden = len(degree) - len(actors)
    if hidden > 0:
        layout.note = f"{hidden} less connected actors are listed below, not drawn."
    return layout


def _add_relation_edges(layout: GraphLayout, briefing: Briefing) -> None:
    by_name = {node.id: node for node in layout.nodes}
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, relation in enumerate(briefing.relations):
        if relation.subject in by_name and relation.object in by_name and relation.subject != relation.object:
            pairs[(relation.subject, relation.object)].append(index)
    for (subject, obj), indices in pairs.items():
        predicates = list(dict.fromkeys(briefing.relations[i].predicate for i in indices))
        start, end = _facing_points(by_name[subject], by_name[obj])
        # Bend both ways of a two-way pair apart so neither hides the other.
        path, label_xy = _bent_line(start, end, 0.2 if (obj, subject) in pairs else 0.0)
        label = _clip("; ".join(predicates), LABEL_CHARS)
        layout.edges.append(Edge(subject, obj, "actor", path, label, *label_xy, indices[0],
                                 f"{subject} {'; '.join(predicates)} {obj}"))


# ---------------------------------------------------------------- geometry


def _facing_points(a: Node, b: Node) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where the line between the centres of `a` and `b` leaves each box."""
    return _border_point(a, b.cx, b.cy), _border_point(b, a.cx, a.cy)


def _border_point(node: Node, towards_x: float, towards_y: float) -> tuple[float, float]:
    dx, dy = towards_x - node.cx, towards_y - node.cy
    if dx == 0 and dy == 0:
        return node.cx, node.cy
    scale = min((node.w / 2) / abs(dx) if dx else math.inf, (node.h / 2) / abs(dy) if dy else math.inf)
    return node.cx + dx * scale, node.cy + dy * scale


def _bent_line(start, end, bend: float) -> tuple[str, tuple[float, float]]:
    """A quadratic curve from `start` to `end` bowed sideways by `bend` x its length.

    Returns the path data and the curve's midpoint (for a label).
    """
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    path = f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"
    return path, ((mx + cx) / 2, (my + cy) / 2)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:") + "…"
