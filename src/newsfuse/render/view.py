"""What the Markdown and HTML renderings share: numbering, labels, groupings, passages.

Everything here reads a :class:`Briefing` and returns plain values; nothing
escapes text (each renderer escapes for its own output).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process, utils

from newsfuse.models import ArticleOut, Briefing, NumberOut, Quote
from newsfuse.text import name_key

UNATTRIBUTED = "Speaker not identified"
# How a provenance edge reads as "<target> <verb> <source>".
EDGE_VERBS = {"copies": "copies", "paraphrases": "paraphrases", "cites": "credits",
              "shares-origin": "rewrites the same report as"}
TITLE_LABEL_CHARS = 48  # a title standing in for a missing outlet name is cut to this
CONTEXT_CHARS = 320  # at most this much text each side of a span, cut at a sentence end
SPAN_CHARS = 1200  # longer spans are shown shortened in the middle
MATCH_CUTOFF = 50  # rapidfuzz token-set ratio (0-100) below which no sentence counts as close
# A sentence ends at . ! ? (maybe followed by a closing quote or bracket) before whitespace, or at a blank line.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
HTTP_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


@dataclass
class Passage:
    """One evidence span in its sentence: `before` + `span` + `after` read as the source does."""

    article: str
    number: int
    label: str
    before: str
    span: str
    after: str
    note: str = ""


@dataclass
class OriginGroup:
    """Articles that count as one independent source."""

    id: str
    name: str
    articles: list[ArticleOut]


@dataclass
class NumberGroup:
    """One figure (value, range and what it counts) with every article span stating it."""

    value: str
    what: str
    numbers: list[NumberOut] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(number.article for number in self.numbers))


def article_numbers(briefing: Briefing) -> dict[str, int]:
    """Article id -> its 1-based footnote number (the order of `briefing.articles`)."""
    return {article.id: n for n, article in enumerate(briefing.articles, start=1)}


def end_name(briefing: Briefing, numbers: dict[str, int], end: str) -> str:
    """A provenance edge end as people read it: "[3] Veldra Courier" for an article, else the outlet name."""
    if end in numbers:
        return f"[{numbers[end]}] {article_label(briefing.articles[numbers[end] - 1])}"
    return end


def edge_heading(briefing: Briefing, numbers: dict[str, int], edge) -> str:
    """ "[2] Coastal Herald copies [1] Meridian Press Agency": who took from whom."""
    return f"{end_name(briefing, numbers, edge.target)} {EDGE_VERBS[edge.relation]} " \
           f"{end_name(briefing, numbers, edge.source)}"


def article_label(article: ArticleOut) -> str:
    """A short human name for an article: its outlet, else its title (shortened), else its id."""
    if article.outlet:
        return article.outlet
    if article.title and len(article.title) > TITLE_LABEL_CHARS:
        return article.title[: TITLE_LABEL_CHARS - 1].rstrip(" ,;:") + "…"
    return article.title or article.id


def safe_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) URL safe to link, else None (show it as text instead)."""
    return url if url and HTTP_URL.match(url) else None


def briefing_title(briefing: Briefing) -> str:
    """The briefing's title, else the first article title, else a generic one."""
    titles = [article.title for article in briefing.articles if article.title]
    return briefing.title or (titles[0] if titles else "News briefing")


def plural(count: int, noun: str) -> str:
    """``plural(1, "article")`` -> "1 article"; ``plural(3, "article")`` -> "3 articles"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def source_count(articles: int, independent: int) -> str:
    """ "3 articles, 1 independent source": how much support a claim really has."""
    return f"{plural(articles, 'article')}, {plural(independent, 'independent source')}"


def format_value(value: float, value_max: float | None = None) -> str:
    """1500.0 -> "1,500"; 0.5 -> "0.5"; with a maximum -> "1,500–2,000"."""
    def one(number: float) -> str:
        return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.6g}"
    return one(value) if value_max is None else f"{one(value)}–{one(value_max)}"


def format_date(iso: str) -> str:
    """"2021-08-26" -> "26 Aug 2021", "2021-08" -> "Aug 2021"; "2021" and non-dates stay as given."""
    try:
        parts = [int(part) for part in iso.split("-")]
        day = date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1) if len(parts) > 1 else None
    except (ValueError, IndexError):  # not a real calendar date: show it as written
        return iso
    if day is None:
        return iso
    return day.strftime("%d %b %Y").lstrip("0") if len(parts) == 3 else day.strftime("%b %Y")


def drift_label(quote: Quote) -> str:
    """How far a quote's wording drifts between articles, in words ("" when it cannot)."""
    if len(quote.variants) < 2:
        return ""
    if quote.drift <= 0:
        return "same wording everywhere"
    return f"wording drift {quote.drift:.0%}"


def quotes_by_speaker(quotes: list[Quote]) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped by speaker, most quoted first; unattributed quotes last.

    One speaker is one entity (or, without one, one name ignoring case and
    dots), shown under its fullest spelling: "Seth G Jones" and "Seth G. Jones" are one.
    """
    groups: dict[tuple, list[Quote]] = defaultdict(list)
    for quote in quotes:
        key = ("entity", quote.speaker_entity) if quote.speaker_entity else ("name", name_key(quote.speaker or ""))
        groups[key].append(quote)
    named = [(_fullest_name(group), group) for group in groups.values()]
    return sorted(named, key=lambda item: (item[0] == UNATTRIBUTED, -len(item[1])))


def _fullest_name(quotes: list[Quote]) -> str:
    names = [quote.speaker for quote in quotes if quote.speaker]
    return max(names, key=lambda name: (len(name_key(name)), len(name), names.count(name))) if names else UNATTRIBUTED


def speaker_role(quotes: list[Quote]) -> str:
    """"role, affiliation" of a speaker as the first quote that names them gives it."""
    for quote in quotes:
        parts = [part for part in (quote.role, quote.affiliation) if part]
        if parts:
            return ", ".join(dict.fromkeys(parts))
    return ""


def number_groups(numbers: list[NumberOut]) -> list[NumberGroup]:
    """Figures grouped by value and what they count, most widely reported first."""
    groups: dict[tuple, NumberGroup] = {}
    for number in numbers:
        key = (number.value, number.value_max, number.what.strip().lower())
        group = groups.setdefault(key, NumberGroup(format_value(number.value, number.value_max),
                                                   number.what.strip()))
        group.numbers.append(number)
    return sorted(groups.values(), key=lambda group: -len(group.articles))


def origin_groups(briefing: Briefing) -> list[OriginGroup]:
    """Articles grouped by `origin`, in article order; an article without one is its own group.

    A group is named after the outlet its members credit in common, if any
    (else its first article's label).
    """
    members: dict[str, list[ArticleOut]] = defaultdict(list)
    for article in briefing.articles:
        members[article.origin or article.id].append(article)
    return [OriginGroup(origin, _group_name(articles), articles) for origin, articles in members.items()]


def siblings(briefing: Briefing) -> dict[str, list[str]]:
    """Article id -> the other articles of its origin group (empty for independent articles)."""
    return {article.id: [other.id for other in group.articles if other.id != article.id]
            for group in origin_groups(briefing) for article in group.articles}


def _group_name(articles: list[ArticleOut]) -> str:
    shared = set.intersection(*(set(article.cites) for article in articles))
    if len(articles) > 1 and shared:
        return " & ".join(sorted(shared))
    return article_label(articles[0])


def passage(article: ArticleOut, number: int, start: int, end: int, note: str = "") -> Passage:
    """The span `start:end` of `article.text` with the rest of its sentence around it."""
    text = article.text
    before_start = _sentence_start(text, start)
    after_end = _sentence_end(text, end)
    span = text[start:end]
    if len(span) > SPAN_CHARS:
        half = SPAN_CHARS // 2
        span = f"{span[:half]} … {span[-half:]}"
    return Passage(article.id, number, article_label(article), _collapse(text[before_start:start]),
                   _collapse(span), _collapse(text[end:after_end]), note)


def locate(article: ArticleOut, number: int, claim: str) -> Passage:
    """The sentence of `article` closest in words to `claim` (for lines that carry no spans).

    Scores every sentence with rapidfuzz's token-set ratio; the note says the
    passage was found by word overlap and how close it is, or that none is close.
    """
    sentences = list(_sentences(article.text))
    best = process.extractOne(claim, [article.text[start:end] for start, end in sentences],
                              scorer=fuzz.token_set_ratio, processor=utils.default_process,
                              score_cutoff=MATCH_CUTOFF)
    if best is None:
        return Passage(article.id, number, article_label(article), "", "", "",
                       "cited for this line, but no sentence shares most of its words")
    start, end = sentences[best[2]]
    return passage(article, number, start, end, f"closest sentence by word overlap, {best[1]:.0f}% similar")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank sentence of `text`, cut at SENTENCE_END."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        yield from _stripped(text, start, match.start() + len(match.group().rstrip()))
        start = match.end()
    yield from _stripped(text, start, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    if piece.strip():
        yield start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))


def _sentence_start(text: str, start: int) -> int:
    window_start = max(0, start - CONTEXT_CHARS)
    ends = [match.end() for match in SENTENCE_END.finditer(text, window_start, start)]
    return ends[-1] if ends else window_start


def _sentence_end(text: str, end: int) -> int:
    # Start looking a few characters back: the span itself may end with ." or .)
    window_end = min(len(text), end + CONTEXT_CHARS)
    for match in SENTENCE_END.finditer(text, max(0, end - 3), window_end):
        sentence_end = match.start() + len(match.group().rstrip())
        if sentence_end >= end:
            return sentence_end
    return window_end


def _collapse(text: str) -> str:
    """Runs of whitespace (line breaks too) -> one space, so a passage reads as one line."""
    return re.sub(r"\s+", " ", text)
