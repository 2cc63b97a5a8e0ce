"""`briefing.md`: the briefing for people, as CommonMark (GitHub-flavoured tables).

Every string that comes from an article (text, titles, names, URLs) goes
through :func:`escape` so it renders as the characters it is, never as
markup, HTML or a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newsfuse.models import ArticleOut, Briefing, ProvenanceEdge
from newsfuse.render.view import (EDGE_VERBS, article_label, article_numbers, briefing_title, drift_label, format_date,
                                  number_groups, origin_groups, plural, quotes_by_speaker, safe_url,
                                  source_count, speaker_role)

QUOTE_MARKS = "\"“”«»‘’"

# Active anywhere in a line: emphasis, code, links, HTML, entities, tables, strikethrough.
INLINE_ACTIVE = re.compile(r"([\\`*_\[\]<>&|~])")
# Active at the start of a line (or of a list item's text): headings, quotes, lists, rules.
BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
NONE_FOUND = "_None found._"


def escape(text: str | None) -> str:
    """Untrusted text -> Markdown that shows exactly that text on one line."""
    flat = " ".join((text or "").split())
    flat = INLINE_ACTIVE.sub(r"\\\1", flat)
    return BLOCK_START.sub(lambda match: match.group(1) + _escape_marker(match.group(2)), flat)


def code(text: str) -> str:
    """Untrusted text as a code span (shown literally), or escaped text if it holds a backtick."""
    flat = " ".join(text.split())
    return f"`{flat}`" if flat and "`" not in flat else escape(flat)


def _escape_marker(marker: str) -> str:
    # "1." is a list item; "1\." is not. Other markers take a backslash in front.
    return marker + "\\" if marker.isdigit() else "\\" + marker


def render_markdown(briefing: Briefing) -> str:
    """The whole briefing as Markdown: summary first, the articles list (footnotes [n]) last."""
    numbers = article_numbers(briefing)

    def cite(article_ids: list[str]) -> str:
        return "".join(f"[{numbers[article_id]}]" for article_id in article_ids if article_id in numbers)

    parts = [_header(briefing)]
    for heading, section in SECTIONS:
        body = "\n".join(section(briefing, cite))
        parts.append(f"## {heading}\n\n{body or NONE_FOUND}\n")
    return "\n".join(parts)


Cite = Callable[[list[str]], str]


def _header(briefing: Briefing) -> str:
    independent = len(origin_groups(briefing))
    return (f"# {escape(briefing_title(briefing))}\n\n"
            f"Briefing from {source_count(len(briefing.articles), independent)}. "
            f"Generated {escape(briefing.generated_at)} by newsfuse {code(briefing.newsfuse_version)}. "
            f"Numbers in brackets, like [1], refer to the list of articles at the end.\n")


def _summary(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for sentence in briefing.summary:
        support = plural(sentence.independent_sources, "independent source")
        yield f"- {escape(sentence.text)} {cite(sentence.citations)} _({support})_"


def _facts(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for fact in briefing.facts:
        yield (f"- {escape(fact.text)} {cite(fact.articles)} "
               f"_({source_count(len(fact.articles), fact.independent_sources)})_")


def _quotes(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for speaker, quotes in quotes_by_speaker(briefing.quotes):
        role = speaker_role(quotes)
        yield f"### {escape(speaker)}" + (f", {escape(role)}" if role else "") + "\n"
        for quote in quotes:
            notes = [quote.kind, source_count(len(quote.articles), quote.independent_sources), drift_label(quote),
                     f"named only as “{escape(quote.speaker_mention)}”" if quote.speaker_mention else ""]
            yield f"- {quoted(quote.text)} {cite(quote.articles)} _({'; '.join(n for n in notes if n)})_"
            if len(quote.variants) > 1:
                for variant in quote.variants:
                    yield f"  - {cite([variant.article])} {quoted(variant.text)}"
        yield ""


def _conflicts(briefing: Briefing, cite: Cite) -> Iterator[str]:
    if not briefing.conflicts:
        return
    width = max(len(conflict.values) for conflict in briefing.conflicts)
    yield "| Claim | " + " | ".join(f"Version {i}" for i in range(1, width + 1)) + " |"
    yield "|---" * (width + 1) + "|"
    for conflict in briefing.conflicts:
        cells = [f"**{escape(value.value)}** {cite(value.articles)}" for value in conflict.values]
        yield f"| {escape(conflict.what)} | " + " | ".join(cells + [""] * (width - len(cells))) + " |"


def _figures(briefing: Briefing, cite: Cite) -> Iterator[str]:
    groups = number_groups(briefing.numbers)
    if groups:
        yield "| Figure | What | Reported by |"
        yield "|---:|---|---|"
    for group in groups:
        yield f"| {escape(group.value)} | {escape(group.what)} | {cite(group.articles)} |"


def _timeline(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for entry in sorted(briefing.timeline, key=lambda entry: entry.date):
        yield f"- **{escape(format_date(entry.date))}**: {escape(entry.text)} {cite(entry.articles)}"


def _entities(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for entity in briefing.entities:
        aliases = f"; also called {', '.join(escape(alias) for alias in entity.aliases)}" if entity.aliases else ""
        yield (f"- **{escape(entity.name)}** ({escape(entity.type)}){aliases}: "
               f"{plural(entity.mentions, 'mention')} in {plural(len(entity.articles), 'article')} "
               f"{cite(entity.articles)}")


def _relations(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for relation in briefing.relations:
        articles = list(dict.fromkeys(evidence.article for evidence in relation.evidence))
        yield (f"- **{escape(relation.subject)}** {escape(relation.predicate)} "
               f"**{escape(relation.object)}** {cite(articles)}")


def _provenance(briefing: Briefing, cite: Cite) -> Iterator[str]:
    groups = origin_groups(briefing)
    yield f"{plural(len(briefing.articles), 'article')} come from {plural(len(groups), 'independent origin')}.\n"
    yield "### Origin groups\n"
    for group in groups:
        members = ", ".join(f"{cite([article.id])} {escape(article_label(article))}" for article in group.articles)
        if len(group.articles) > 1:
            yield f"- Same origin (**{escape(group.name)}**): {members}; one independent source"
        else:
            yield f"- Independent: {members}"
    yield "\n### Who copied whom\n"
    labels = {article.id: article_label(article) for article in briefing.articles}
    yield from (_edge_line(edge, labels, cite) for edge in briefing.provenance)
    if not briefing.provenance:
        yield "No article reuses another's text or credits another outlet."
    yield "\n### Flags\n"
    flagged = [article for article in briefing.articles if article.flags]
    for article in flagged:
        yield from _flag_lines(article, cite)
    if not flagged:
        yield "No article is flagged."


def _edge_line(edge: ProvenanceEdge, labels: dict[str, str], cite: Cite) -> str:
    def name(end: str) -> str:
        return f"{cite([end])} {escape(labels[end])}" if end in labels else f"**{escape(end)}**"

    return f"- {name(edge.target)} {EDGE_VERBS[edge.relation]} {name(edge.source)} _(score {edge.score:.2f})_"


def _flag_lines(article: ArticleOut, cite: Cite) -> Iterator[str]:
    for flag in article.flags:
        detail = f": {escape(flag.detail)}" if flag.detail else ""
        yield f"- {cite([article.id])} {escape(article_label(article))}: {code(flag.name)}{detail}"


def _articles(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for number, article in enumerate(briefing.articles, start=1):
        yield f"{number}. {_article_line(article)}"


def _article_line(article: ArticleOut) -> str:
    facts = [f"**{escape(article.outlet or 'Unknown outlet')}**"]
    if article.title:
        facts.append(f"“{escape(article.title)}”")
    facts += [escape(part) for part in (article.author, article.published) if part]
    facts.append(plural(article.words, "word"))
    if article.url:
        facts.append(f"<{article.url}>" if safe_url(article.url) else f"URL: {escape(article.url)}")
    if article.flags:
        facts.append("flags: " + ", ".join(code(name) for name in dict.fromkeys(flag.name for flag in article.flags)))
    return " · ".join(facts) + f" ({code(article.id)})"


def _problems(briefing: Briefing, cite: Cite) -> Iterator[str]:
    for problem in briefing.problems:
        yield f"- {escape(problem.code)} {escape(problem.path)}: {escape(problem.message)}"


SECTIONS: list[tuple[str, Callable[[Briefing, Cite], Iterator[str]]]] = [
    ("Summary", _summary),
    ("Facts", _facts),
    ("Quotes", _quotes),
    ("Conflicts", _conflicts),
    ("Figures", _figures),
    ("Timeline", _timeline),
    ("Entities", _entities),
    ("Relations", _relations),
    ("Provenance", _provenance),
    ("Articles", _articles),
    ("Input problems", _problems),
]


def quoted(text: str) -> str:
    """`text` escaped, in curly quotation marks unless it already opens and closes with marks."""
    stripped = text.strip()
    if stripped[:1] in QUOTE_MARKS and stripped[-1:] in QUOTE_MARKS + ".,":
        return escape(stripped)
    return f"“{escape(stripped)}”"
