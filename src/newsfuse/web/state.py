"""The web app's state, and the waits for background work that its pages and its API share."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsfuse.app import Added, Newsroom
from newsfuse.lru import Lru
from newsfuse.params import FuseParams
from newsfuse.errors import Warnings
from newsfuse.ingest.uploads import Upload
from newsfuse.jobs import Job
from newsfuse.models import Briefing, Problem
from newsfuse.render.view import origin_groups
from newsfuse.store.members import Member
from newsfuse.store.stories import resolve_story
from newsfuse.web.pages import article_href, story_href
from newsfuse.web.templating import page
from newsfuse.web.uploads import MAX_FILE_BYTES

PAGE_ENTRIES = 64  # rendered story pages kept in memory, by briefing signature
COUNT_ENTRIES = 20_000  # independent-source counts kept for the stories list
WAIT_SECONDS = 3.0  # how long a request waits for background analysis before showing its progress
REFRESH_SECONDS = 2  # how often a progress page reloads itself


class AddResult(BaseModel):
    """What `POST /api/articles` did: each new article's story, and the inputs it refused."""

    placed: list[dict] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class App:
    """Per-app state: the newsroom (store, caches, background worker) and the web's own caches."""

    def __init__(self, room: Newsroom, wait_seconds: float):
        self.room = room
        self.db = room.db
        self.wait_seconds = wait_seconds
        self.pages = Lru(PAGE_ENTRIES)  # (story id, signature) -> rendered story page
        self.independent = Lru(COUNT_ENTRIES)  # signature -> independent sources of a briefed story

    async def finished(self, job: Job) -> bool:
        """Wait up to `wait_seconds` for `job`; True when it has finished (done or failed)."""
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job.future)), self.wait_seconds)
        except TimeoutError:
            return False
        except Exception:  # noqa: BLE001  (a failed job has finished; its error is raised by job.future.result())
            return True
        return True

    def independent_sources(self, story_id: str, members: list[Member]) -> int | None:
        """How many independent sources (origin groups) the story's cached briefing counts; None if not briefed."""
        signature = self.room.signature(members)
        known = self.independent.get(signature)
        if known is None:
            briefing = self.room.cached_story_briefing(story_id, members)
            if briefing is None:
                return None
            known = len(origin_groups(briefing))
            self.independent.put(signature, known)
        return known

    async def story_briefing(self, story_id: str, params: FuseParams) -> Briefing | Job:
        """The story's briefing: cached, or made by the background worker within `wait_seconds`;
        else the job making it. 404 when there is no such story."""
        briefing = await run_in_threadpool(self._cached_briefing, story_id, params)
        if briefing is not None:
            return briefing
        job = self.room.brief_story_later(story_id, params)
        if not await self.finished(job):
            return job
        return job.future.result().briefing  # raises the job's coded error if it failed

    def _cached_briefing(self, story_id: str, params: FuseParams) -> Briefing | None:
        members = self.room.story_members(story_id)
        if not members:
            raise HTTPException(404, f"There is no story '{story_id}' in the store.")
        return self.room.cached_story_briefing(story_id, members, params)

    async def add(self, uploads: list[Upload]) -> AddResult | Job:
        """Add `uploads` on the background worker: what it did, or the job when it takes longer."""
        if not uploads:
            nothing = Warnings.W002.problem("form", "nothing to add: choose files or paste text")
            return AddResult(problems=[nothing])
        job = self.room.add_later(uploads, max_bytes=MAX_FILE_BYTES)
        if not await self.finished(job):
            return job
        return self.add_result(job.future.result())

    def add_result(self, added: Added) -> AddResult:
        """Where each new article went (its live story after any merge), and what was refused."""
        store = self.room.store()
        titles = {article.id: article.title or article.id for article in added.articles}
        placed = []
        for placement in added.placements.placements:
            story_id = str(resolve_story(store, str(placement.story)) or placement.story)
            placed.append({"article_id": placement.article, "title": titles[placement.article],
                           "story_id": story_id, "new_story": placement.new, "score": round(placement.score, 3),
                           "article_href": article_href(placement.article), "story_href": story_href(story_id)})
        return AddResult(placed=placed, problems=added.problems)


def brief_params(summary_sentences: int | None, summary_words: int | None) -> FuseParams:
    """Briefing parameters from a request's query (defaults where not given)."""
    defaults = FuseParams()
    return FuseParams(summary_sentences=summary_sentences or defaults.summary_sentences,
                      summary_words=summary_words or defaults.summary_words)


SentencesQuery = Annotated[int | None, Query(ge=1, le=30, description="Sentences in the summary (default 7).")]
WordsQuery = Annotated[int | None, Query(ge=10, le=5000, description="Cap the summary at about this many words (default 120).")]


def working_page(job: Job, heading: str) -> HTMLResponse:
    """A page showing how far `job` got; it reloads itself until the job is over (202 meanwhile)."""
    status = 202 if job.state in ("queued", "running") else 200
    return page("working.html.j2", status, job=job, heading=heading, refresh=REFRESH_SECONDS)


