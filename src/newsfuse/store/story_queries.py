"""Read-only views of the story tables of :mod:`newsfuse.store.stories`: the stories list
with their events, the merge log, and article -> event -> story rows for export."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsfuse.store.db import Store


@dataclass
class EventSummary:
    """One event of a story: id, size, first/last ISO day (publication, else ingest), title."""

    id: str
    size: int
    first_seen: str | None
    last_seen: str | None
    title: str | None


@dataclass
class StorySummary:
    """One row of `newsfuse stories`: dates are ISO days, of publication when any article
    has one, else of ingest; `events` oldest first."""

    id: str
    size: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    title: str | None
    merged_from: list[str] = field(default_factory=list)
    events: list[EventSummary] = field(default_factory=list)


@dataclass
class AssignmentRow:
    """One article's place: `newsfuse export` writes one per placed article, in stream order."""

    article_id: str
    event_id: str
    story_id: str
    seq: int
    published: str | None
    outlet: str | None
    title: str | None


def _members_sql(store: Store) -> str:
    """Each placed article with the fields the listings show, read from its JSON record."""
    field = store.dialect.json_text
    return f"""
    SELECT m.article_id AS article, m.event_id AS event, m.story_id AS story, m.seq AS seq,
           {field('a.record', 'outlet')} AS outlet,
           {field('a.record', 'title')} AS title,
           substr({field('a.record', 'text')}, 1, 200) AS opening,
           substr({field('a.record', 'published')}, 1, 10) AS published
    FROM story_articles m JOIN articles a ON a.id = m.article_id
"""


def list_stories(store: Store, include_merged: bool = False) -> list[StorySummary]:
    """Every live story with its events (merged-away stories too, empty, with `include_merged`),
    largest first."""
    _ensure_tables(store)
    members: dict[int, list] = {}
    for row in store.conn.execute(_members_sql(store) + " ORDER BY m.seq"):
        members.setdefault(row["story"], []).append(row)
    merged_from = _merged_from(store)
    summaries = []
    for row in store.conn.execute("SELECT id, merged_into FROM stories ORDER BY id"):
        if row["merged_into"] is None or include_merged:
            summaries.append(_story_summary(row["id"], members.get(row["id"], []), merged_from.get(row["id"], [])))
    return sorted(summaries, key=lambda summary: (-summary.size, int(summary.id)))


def merges(store: Store) -> list[dict]:
    """The merge log, oldest first: level ('event' or 'story'), kept, absorbed, article, score, merged_at."""
    _ensure_tables(store)
    rows = store.conn.execute(
        "SELECT level, kept, absorbed, article_id, score, merged_at FROM story_merges ORDER BY id"
    ).fetchall()
    return [dict(row) for row in rows]


def assignments(store: Store) -> Iterator[AssignmentRow]:
    """Every placed article with its live event and story, in stream order (one query, streamed)."""
    _ensure_tables(store)
    for row in store.conn.execute(_members_sql(store) + " ORDER BY m.seq"):
        yield AssignmentRow(article_id=row["article"], event_id=str(row["event"]), story_id=str(row["story"]),
                            seq=row["seq"], published=row["published"], outlet=row["outlet"], title=row["title"])


def summaries_json(summaries: list[StorySummary]) -> str:
    """Plain JSON (a list of objects, each with its `events`) for `newsfuse stories --json`."""
    return json.dumps([dataclasses.asdict(summary) for summary in summaries], ensure_ascii=False, indent=2)


# ------------------------------------------------------------------ internal


def _ensure_tables(store: Store) -> None:
    # Imported here: stories.py re-exports this module's functions, so a module-level import would be circular.
    from newsfuse.store.stories import ensure_story_tables

    ensure_story_tables(store)


def _merged_from(store: Store) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for row in store.conn.execute("SELECT kept, absorbed FROM story_merges WHERE level = 'story' ORDER BY id"):
        found.setdefault(row["kept"], []).append(str(row["absorbed"]))
    return found


def _days(members: list) -> list[str]:
    # Publication dates only: the day an undated article was ingested says nothing about the story.
    return sorted(row["published"] for row in members if row["published"])


def _title(members: list) -> str | None:
    title = next((row["title"] for row in members if row["title"]), None)
    if title is None and members:
        title = (members[0]["opening"] or "").strip().split("\n")[0][:120] or None
    return title


def _story_summary(story: int, members: list, merged_from: list[str]) -> StorySummary:
    by_event: dict[int, list] = {}
    for row in members:
        by_event.setdefault(row["event"], []).append(row)
    events = []
    for event, rows in by_event.items():
        days = _days(rows)
        events.append(EventSummary(id=str(event), size=len(rows), first_seen=days[0] if days else None,
                                   last_seen=days[-1] if days else None, title=_title(rows)))
    events.sort(key=lambda event: (event.first_seen or "", int(event.id)))
    days = _days(members)
    return StorySummary(
        id=str(story), size=len(members), outlets=sorted({row["outlet"] for row in members if row["outlet"]}),
        first_seen=days[0] if days else None, last_seen=days[-1] if days else None,
        title=_title(members), merged_from=merged_from, events=events,
    )
