"""Briefing stories as they change, debounced per story: :class:`DebouncedBriefs`.

A long-lived ingest touches stories as articles arrive; each touched story is
briefed (into the store's cache) once it has been quiet for
``BriefParams.quiet_seconds``, or every ``BriefParams.max_wait_seconds`` while
it keeps changing. A story whose briefing is running when more articles arrive
is briefed once more after it, never twice at once; :meth:`DebouncedBriefs.flush`
(on exit) briefs every story still pending and waits for them all. The timing
rules are :class:`newsfuse.debounce.Debouncer`'s; this class adds the clock, the
thread that wakes up when the next story falls due, and the launching: `launch`
starts one story's briefing somewhere (the newsroom's background worker, a Ray
task) and returns a :class:`concurrent.futures.Future` that completes with it.
:class:`newsfuse.app.Newsroom` wires it (:meth:`~newsfuse.app.Newsroom.brief_after_adding`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future

from newsfuse.debounce import Debouncer

# launch(story_id) -> a future done when that story's briefing is (its result is not used)
Launch = Callable[[str], Future]


class DebouncedBriefs:
    """Runs `launch(story_id)` for touched stories when the :class:`Debouncer` says they are due.

    `clock`: seconds on a monotonic clock (tests pass a fake one). `background`: a daemon
    thread launches briefs as they fall due; without it only :meth:`tick` and
    :meth:`flush` launch (tests drive time by hand). Briefs that failed are kept in
    `failures` (story id, error) and the first one is raised by :meth:`flush`.
    """

    def __init__(self, launch: Launch, *, quiet_seconds: float, max_wait_seconds: float,
                 clock: Callable[[], float] = time.monotonic, background: bool = True):
        self._debouncer = Debouncer(quiet_seconds=quiet_seconds, max_wait_seconds=max_wait_seconds)
        self._launch = launch
        self._clock = clock
        self._background = background
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.launched: list[str] = []  # story ids, in the order their briefs were started
        self.failures: list[tuple[str, BaseException]] = []

    def touch(self, story_ids: Iterable[str]) -> None:
        """These stories changed now."""
        with self._changed:
            now = self._clock()
            for story_id in story_ids:
                self._debouncer.touch(str(story_id), now)
            if self._background and self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="newsfuse-briefs", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def tick(self) -> list[str]:
        """Launch the briefs due now; the story ids launched."""
        with self._changed:
            due = self._debouncer.due(self._clock())
        for story_id in due:
            self._start(story_id)
        return due

    def flush(self, *, raise_failure: bool = True) -> None:
        """Brief every pending story now, due or not, and wait until none is pending or running.

        `raise_failure`: raise the first failed brief's error (once every brief has ended).
        """
        while True:
            with self._changed:
                if self._debouncer.idle:
                    break
                pending = self._debouncer.drain()
                if not pending:
                    self._changed.wait()  # a running brief ends (a touch during it may make it pending again)
                    continue
            for story_id in pending:
                self._start(story_id)
        if raise_failure and self.failures:
            failed = self.failures[0][1]
            self.failures.clear()
            raise failed

    def close(self) -> None:
        """Stop the background thread (pending briefs stay unlaunched: :meth:`flush` first)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _start(self, story_id: str) -> None:
        try:
            future = self._launch(story_id)
        except Exception as error:  # noqa: BLE001  (a launch that fails is one failed brief)
            future = Future()
            future.set_exception(error)
        self.launched.append(story_id)
        future.add_done_callback(lambda done: self._finished(story_id, done))

    def _finished(self, story_id: str, future: Future) -> None:
        error = CancelledError() if future.cancelled() else future.exception()
        with self._changed:
            if error is not None:
                self.failures.append((story_id, error))
            self._debouncer.finished(story_id)
            self._changed.notify_all()

    def _run(self) -> None:
        """The background thread: sleep until the next story falls due (or a touch or an end), launch it."""
        while True:
            with self._changed:
                if self._closed:
                    return
                next_due = self._debouncer.next_due()
                wait = None if next_due is None else next_due - self._clock()
                if wait is None or wait > 0:
                    self._changed.wait(timeout=wait)
                    continue
            self.tick()
