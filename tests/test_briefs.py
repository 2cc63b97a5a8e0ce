"""Briefs debounced per story: once quiet, at most every max wait, one at a time, the rest on exit.

Time is a fake clock moved by hand and briefs are futures completed by hand: nothing sleeps.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import Future

import pytest

from newsfuse.app import Newsroom
from newsfuse.briefs import DebouncedBriefs
from newsfuse.debounce import Debouncer
from newsfuse.errors import Errors
from newsfuse.params import BriefParams, FuseParams
from conftest import SAMPLE_STORY


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Briefer:
    """A `launch` whose briefs end only when the test says (`finish`)."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.open: dict[str, Future] = {}
        self.instant = False  # briefs end as they start
        self.instant_done = threading.Event()

    def __call__(self, story_id: str) -> Future:
        assert story_id not in self.open, f"two briefs of story {story_id} at once"
        self.started.append(story_id)
        future = self.open[story_id] = Future()
        if self.instant:
            self.finish(story_id)
            self.instant_done.set()
        return future

    def finish(self, story_id: str, error: BaseException | None = None) -> None:
        future = self.open.pop(story_id)
        future.set_exception(error) if error else future.set_result("signature")


def test_a_story_is_due_once_quiet_for_the_quiet_time():
    debouncer = Debouncer(quiet_seconds=10, max_wait_seconds=60)
    debouncer.touch("1", 0)
    debouncer.touch("1", 5)
    assert debouncer.due(14) == []  # 9 s quiet
    assert debouncer.next_due() == 15
    assert debouncer.due(15) == ["1"]
    assert debouncer.due(100) == []  # handed out once


def test_a_story_that_keeps_changing_is_due_at_the_max_wait():
    debouncer = Debouncer(quiet_seconds=10, max_wait_seconds=30)
    for second in range(0, 30, 5):  # never 10 s quiet
        debouncer.touch("7", second)
        assert debouncer.due(second) == []
    assert debouncer.due(30) == ["7"]


def test_a_story_touched_while_running_is_due_once_more_after_it_and_not_before():
    debouncer = Debouncer(quiet_seconds=10, max_wait_seconds=60)
    debouncer.touch("1", 0)
    assert debouncer.due(10) == ["1"]
    debouncer.touch("1", 12)
    debouncer.touch("1", 13)
    assert debouncer.due(50) == []  # due by time, but still running
    assert debouncer.next_due() is None
    debouncer.finished("1")
    assert debouncer.due(50) == ["1"]  # one more run for both touches
    debouncer.finished("1")
    assert debouncer.idle


def test_drain_hands_out_every_pending_story_oldest_first_but_not_running_ones():
    debouncer = Debouncer(quiet_seconds=10, max_wait_seconds=60)
    debouncer.touch("9", 0)
    assert debouncer.due(10) == ["9"]
    debouncer.touch("9", 11)
    debouncer.touch("3", 12)
    debouncer.touch("2", 11)
    assert debouncer.drain() == ["2", "3"]
    assert debouncer.running == {"2", "3", "9"}


def test_the_timing_must_make_sense():
    with pytest.raises(ValueError):
        Debouncer(quiet_seconds=60, max_wait_seconds=10)


def test_briefs_start_when_due_one_at_a_time_per_story_and_flush_waits_for_the_rest():
    clock, briefer = Clock(), Briefer()
    briefs = DebouncedBriefs(briefer, quiet_seconds=10, max_wait_seconds=60, clock=clock, background=False)
    briefs.touch(["1", "2"])
    clock.now = 5
    briefs.touch(["2"])
    clock.now = 10
    assert briefs.tick() == ["1"]
    briefs.touch(["1"])  # more articles while story 1 is being briefed
    clock.now = 40
    assert briefs.tick() == ["2"]  # story 1 waits for its running brief
    briefer.finish("1")
    assert briefs.tick() == ["1"]  # then is briefed once more
    briefer.finish("1")
    briefs.touch(["3"])
    briefer.instant = True  # from now on a brief ends as it starts
    flushed = threading.Thread(target=briefs.flush)
    flushed.start()  # briefs story 3 at once, due or not, then waits for story 2's running brief
    assert briefer.instant_done.wait(timeout=30)  # a bound on a hang, not a timing assertion
    assert flushed.is_alive() or "2" not in briefer.open
    briefer.finish("2")
    flushed.join()
    assert briefer.started == ["1", "2", "1", "3"]
    assert not briefer.open


def test_flush_raises_the_first_failed_brief_after_all_have_ended():
    clock = Clock()
    done = []

    def launch(story_id: str) -> Future:
        future: Future = Future()
        if story_id == "1":
            future.set_exception(Errors.E012.error(kind="story", given=story_id))
        else:
            done.append(story_id)
            future.set_result("ok")
        return future

    briefs = DebouncedBriefs(launch, quiet_seconds=10, max_wait_seconds=60, clock=clock, background=False)
    briefs.touch(["1", "2"])
    with pytest.raises(Exception, match="E012"):
        briefs.flush()
    assert done == ["2"]
    briefs.flush()  # reported once


def test_the_background_thread_launches_a_due_brief_without_being_asked():
    launched = threading.Event()

    def launch(story_id: str) -> Future:
        launched.set()
        future: Future = Future()
        future.set_result("ok")
        return future

    briefs = DebouncedBriefs(launch, quiet_seconds=0, max_wait_seconds=0)
    try:
        briefs.touch(["4"])
        assert launched.wait(timeout=30)  # a bound on a hang, not a timing assertion
    finally:
        briefs.close()
    assert briefs.launched == ["4"]


def test_the_newsroom_briefs_each_story_it_adds_to_once_on_its_brief_task(tmp_path):
    clock, briefer = Clock(), Briefer()
    articles = sorted(SAMPLE_STORY.glob("*.txt"))
    assert len(articles) >= 2
    with Newsroom(tmp_path / "newsfuse.db", brief_task=lambda story_id, params: briefer(story_id)) as room:
        briefs = room.brief_after_adding(BriefParams(quiet_seconds=10, max_wait_seconds=60), FuseParams(),
                                         clock=clock, background=False)
        first = room.add(articles[:1])
        assert first.stories and briefs.tick() == []  # not quiet yet
        clock.now = 5
        second = room.add(articles[1:])
        clock.now = 14
        assert briefs.tick() == sorted(set(first.stories) - set(second.stories), key=int)
        clock.now = 15
        briefs.tick()
        assert sorted(briefer.started, key=int) == sorted(set(first.stories) | set(second.stories), key=int)
        for story_id in list(briefer.open):
            briefer.finish(story_id)
        room.add(articles[:1])  # nothing new: no story touched
        room.flush_briefs()
    assert len(briefer.started) == len(set(briefer.started))


def test_the_newsroom_flushes_waiting_briefs_on_close_into_the_cache(tmp_path, models):
    db = tmp_path / "newsfuse.db"
    with Newsroom(db, models=models) as room:
        room.brief_after_adding(BriefParams(quiet_seconds=3600, max_wait_seconds=3600))
        added = room.add([SAMPLE_STORY])
    assert added.stories
    with Newsroom(db, models=models) as room:
        for story_id in added.stories:
            found = room.cached_story_briefing(story_id, room.story_members(story_id))
            assert found is not None and json.dumps(found.to_json_dict())
