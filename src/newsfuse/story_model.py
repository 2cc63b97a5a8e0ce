"""A story's articles with their annotations and provenance: the input of every fuse step.

Kept apart from :mod:`newsfuse.models` (the serialised records) since neither is serialised;
``newsfuse.models`` re-exports both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # newsfuse.models imports this module: the records are named, not imported, here
    from newsfuse.models import Annotations, Article, Evidence, ProvenanceEdge


@dataclass(frozen=True)
class Provenance:
    """Who copied whom in one story (see :mod:`newsfuse.fuse.provenance`).

    `edges` are the provenance edges; `origins` maps article id -> origin
    group id (copies of one report share one); `origin_names` the outlet each
    group stems from where the text says it; `cites` article id -> outlets
    it credits, resolved against the story's outlets.
    """

    edges: list[ProvenanceEdge] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    origin_names: dict[str, str | None] = field(default_factory=dict)
    cites: dict[str, list[str]] = field(default_factory=dict)


class Story:
    """A story's articles with their annotations and provenance: the input of every fuse step.

    Not serialised; built by :func:`newsfuse.fuse.fuse_story`, which traces
    provenance first and builds the story once with it, so every step sees
    the same origins. `annotations[article.id]` exists for every article.
    `origins` maps article id -> origin-group id, read-only: every article
    is its own origin when the story is built without provenance (as
    provenance itself sees it) or when provenance does not name it.
    """

    def __init__(self, articles: list[Article], annotations: dict[str, Annotations],
                 provenance: Provenance | None = None):
        self.articles = articles
        self.annotations = annotations
        self.provenance = provenance if provenance is not None else Provenance()
        self.by_id = {article.id: article for article in articles}
        own = {article.id: article.id for article in articles}
        self.origins: Mapping[str, str] = MappingProxyType({**own, **self.provenance.origins})

    def with_origins(self, origins: Mapping[str, str]) -> Story:
        """This story with these origin groups and no other provenance (for tests and benchmarks)."""
        return Story(self.articles, self.annotations, Provenance(origins=dict(origins)))

    def independent_sources(self, article_ids) -> int:
        """Distinct origin groups among `article_ids` (copies of one report count once)."""
        return len({self.origins.get(article_id, article_id) for article_id in article_ids})

    def evidence(self, article_id: str, start: int, end: int) -> Evidence:
        from newsfuse.models import Evidence  # noqa: PLC0415 (see the imports)

        return Evidence(article=article_id, start=start, end=end,
                        text=self.by_id[article_id].text[start:end])
