"""The stories list: every story with its size, latest date and independent sources; search; sorting."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.store import Store
from newsfuse.store.members import all_members, stories_of
from newsfuse.store.search import search_articles, sync_search_index
from newsfuse.store.stories import list_stories as stored_stories
from newsfuse.web.pages import article_href, story_href
from newsfuse.web.state import App

SORTS = {"relevance": "best match", "recent": "most recent", "size": "most articles",
         "independent": "most independent sources"}
MAX_ROWS = 300  # stories shown on one page
SNIPPETS_PER_STORY = 3
MAX_HITS = 500


@dataclass
class Hit:
    """A search match inside a story: the article, a label and the matched words in context."""

    article_id: str
    label: str
    snippet: list[tuple[str, bool]]

    @property
    def href(self) -> str:
        return article_href(self.article_id)


@dataclass
class StoryRow:
    id: str
    title: str
    size: int
    latest: str | None
    outlets: list[str]
    independent: int | None  # None until the story has been briefed
    rank: float = 0.0  # best BM25 rank of its matching articles (lower is better)
    hits: list[Hit] = field(default_factory=list)

    @property
    def href(self) -> str:
        return story_href(self.id)

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": self.size, "latest": self.latest,
                "outlets": self.outlets, "independent_sources": self.independent, "href": self.href,
                "matches": [{"article": hit.article_id,
                             "snippet": "".join(text for text, _ in hit.snippet)} for hit in self.hits]}


@dataclass
class Listing:
    sort: str
    rows: list[StoryRow]
    total_articles: int
    total_stories: int


def list_stories(state: App, query: str = "", sort: str = "") -> Listing:
    """Stories of the store, those with an article matching every word of `query` when it has words.

    `sort`: a key of SORTS; default "relevance" with a query, else "recent".
    At most MAX_ROWS rows; independent sources come from cached briefings only.
    """
    store = state.room.store()
    members = all_members(store)
    stories = stored_stories(store)
    total_articles, total_stories = sum(story.size for story in stories), len(stories)
    hits = _hits_by_story(store, query) if query.strip() else None
    if hits is not None:
        stories = [story for story in stories if story.id in hits]
    rows = []
    for story in stories:
        rank, story_hits = hits[story.id] if hits is not None else (0.0, [])
        rows.append(StoryRow(story.id, story.title or f"Story {story.id}", story.size, story.last_seen,
                             story.outlets, state.independent_sources(story.id, members[story.id]), rank,
                             story_hits))
    sort = sort if sort in SORTS and (sort != "relevance" or hits is not None) else (
        "relevance" if hits is not None else "recent")
    rows.sort(key=_SORT_KEYS[sort])
    return Listing(sort, rows[:MAX_ROWS], total_articles, total_stories)


_SORT_KEYS = {
    "relevance": lambda row: (row.rank, row.id),
    "recent": lambda row: (-_day_number(row.latest), row.id),
    "size": lambda row: (-row.size, row.id),
    "independent": lambda row: (row.independent is None, -(row.independent or 0), -row.size, row.id),
}


def _day_number(iso: str | None) -> int:
    """YYYY-MM-DD (or a prefix) as a sortable integer; 0 when unknown."""
    digits = (iso or "").replace("-", "")[:8].ljust(8, "0")
    return int(digits) if digits.isdigit() else 0


def _hits_by_story(store: Store, query: str) -> dict[str, tuple[float, list[Hit]]]:
    """Story id -> (best rank, first few hits) for the articles matching `query`."""
    sync_search_index(store.conn)
    found = search_articles(store.conn, query, limit=MAX_HITS)
    owners = stories_of(store, [hit.article_id for hit in found])
    grouped: dict[str, tuple[float, list[Hit]]] = {}
    for hit in found:
        story_id = owners.get(hit.article_id)
        if story_id is None:
            continue
        rank, hits = grouped.setdefault(story_id, (hit.rank, []))
        if len(hits) < SNIPPETS_PER_STORY:
            article = store.article(hit.article_id)
            hits.append(Hit(hit.article_id, (article.title or article.id) if article else hit.article_id,
                            hit.snippet))
    return grouped
