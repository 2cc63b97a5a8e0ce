"""The fuse stage's one entry: a story's annotated articles -> :class:`Briefing`.

`fuse_story` traces provenance first and builds the :class:`Story` once with
it (origins fixed from then on), then runs the steps of `STEPS` in order.
Each step declares what it needs (`requires`: story attributes or parts made
by earlier steps) and the one briefing part it makes (`assigns`, a field of
:class:`Briefing`); the order is checked once, at import, so a step can never
read a part nobody made before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from newsfuse import __version__
from newsfuse.fuse.conflicts import find_conflicts
from newsfuse.fuse.entities import group_entities
from newsfuse.fuse.events import briefing_events
from newsfuse.fuse.facts import find_facts
from newsfuse.fuse.headline import headline
from newsfuse.fuse.numbers import collect_numbers
from newsfuse.fuse.provenance import trace_provenance
from newsfuse.fuse.quotes import merge_quotes
from newsfuse.fuse.relations import extract_relations
from newsfuse.fuse.summary import summarize
from newsfuse.fuse.timeline import build_timeline
from newsfuse.models import Annotations, Article, ArticleOut, Briefing, Problem, Story
from newsfuse.params import FuseParams

# What every step may read from the story itself.
STORY_ATTRIBUTES = frozenset({"articles", "annotations", "provenance"})


@dataclass(frozen=True)
class Step:
    """One fuse step: `run(story, parts, params)` returns the briefing part named `assigns`.

    `requires` names what it reads: story attributes (`STORY_ATTRIBUTES`)
    and parts assigned by earlier steps; `parts` holds those parts only.
    """

    requires: frozenset[str]
    assigns: str
    run: Callable[[Story, Mapping[str, object], FuseParams], object]


def _step(assigns: str, requires: set[str], run: Callable[[Story, Mapping[str, object], FuseParams], object]) -> Step:
    return Step(requires=frozenset(requires), assigns=assigns, run=run)


STEPS: tuple[Step, ...] = (
    _step("entities", {"articles", "annotations"}, lambda story, parts, params: group_entities(story)),
    _step("facts", {"articles", "annotations", "provenance"}, lambda story, parts, params: find_facts(story)),
    _step("title", {"articles"}, lambda story, parts, params: headline(story.articles)),
    _step("articles", {"articles", "annotations", "provenance"},
          lambda story, parts, params: [_article_out(article, story) for article in story.articles]),
    _step("quotes", {"annotations", "provenance", "entities"},
          lambda story, parts, params: merge_quotes(story, parts["entities"])),
    _step("numbers", {"annotations"}, lambda story, parts, params: collect_numbers(story)),
    _step("events", {"articles"}, lambda story, parts, params: briefing_events(story.articles)),
    _step("conflicts", {"articles", "annotations", "events"},
          lambda story, parts, params: find_conflicts(story, parts["events"])),
    _step("timeline", {"articles", "annotations"}, lambda story, parts, params: build_timeline(story)),
    _step("relations", {"articles", "annotations", "entities"},
          lambda story, parts, params: extract_relations(story, parts["entities"])),
    _step("provenance", {"provenance"}, lambda story, parts, params: story.provenance.edges),
    _step("summary", {"articles", "annotations", "provenance", "facts"},
          lambda story, parts, params: summarize(story, parts["facts"], max_sentences=params.summary_sentences,
                                                 max_words=params.summary_words)),
)


def check_steps(steps: Iterable[Step]) -> None:
    """Raise ValueError when a step requires a part no earlier step assigns, or two steps assign one part."""
    available = set(STORY_ATTRIBUTES)
    assigned: set[str] = set()
    for step in steps:
        missing = step.requires - available
        if missing:
            raise ValueError(f"fuse step {step.assigns!r} requires {sorted(missing)}, which no earlier step assigns")
        if step.assigns in assigned:
            raise ValueError(f"two fuse steps assign {step.assigns!r}")
        assigned.add(step.assigns)
        available.add(step.assigns)


check_steps(STEPS)


def fuse_story(articles: list[Article], annotations: dict[str, Annotations], params: FuseParams = FuseParams(),
               *, problems: Iterable[Problem] = ()) -> Briefing:
    """Fuse a story's annotated articles into a :class:`Briefing` (no I/O).

    `annotations` maps every article id to its annotations; `params` sizes
    the summary; `problems` (bad input items) are carried into the briefing.
    """
    story = Story(articles, annotations, trace_provenance(Story(articles, annotations)))
    parts: dict[str, object] = {}
    for step in STEPS:
        parts[step.assigns] = step.run(story, {name: parts[name] for name in step.requires & parts.keys()}, params)
    return Briefing(
        newsfuse_version=__version__,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        problems=list(problems),
        **parts,
    )


def _article_out(article: Article, story: Story) -> ArticleOut:
    provenance = story.provenance
    return ArticleOut(
        id=article.id,
        path=article.path,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        url=article.url,
        language=article.language,
        text=article.text,
        words=article.words,
        cites=list(dict.fromkeys(provenance.cites.get(article.id, []))),
        flags=list(article.flags) + list(story.annotations[article.id].flags),
        origin=provenance.origins.get(article.id),
    )
