"""Background work with a visible state: a queue of jobs run by one worker thread.

The web app hands analysis (uploads, first briefings) to a :class:`Worker` so
its request threads only ever read; a page asks a job how far it got. A job
whose key is already queued or running is not added twice (ten readers of a
new story start one briefing). Jobs report progress through the usual
``progress(stage, done, total)`` callback, which is also where a stop request
takes effect: :meth:`Worker.stop` makes the next progress call raise E031, so
shutting down waits for at most one article's analysis. The thread is a daemon
thread: it never keeps the process alive.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from newsfuse.errors import Errors, NewsfuseError

KEEP_FINISHED = 200  # finished jobs kept for status queries (oldest dropped first)

# progress(stage, done, total), as everywhere in newsfuse
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """A `Progress` callback that ignores every report."""
    return None


@dataclass
class Job:
    """One unit of background work and how far it got. `state`: queued, running, done or failed."""

    id: str
    key: str
    label: str
    state: str = "queued"
    stage: str = ""
    done: int = 0
    total: int = 0
    error: str | None = None
    future: Future = field(default_factory=Future, repr=False)

    def as_json(self) -> dict:
        return {"id": self.id, "label": self.label, "state": self.state, "stage": self.stage,
                "done": self.done, "total": self.total, "error": self.error}


class Worker:
    """Runs submitted jobs one at a time, in order, on a daemon thread started on first use."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._active: dict[str, Job] = {}  # key -> queued or running job
        self._jobs: OrderedDict[str, Job] = OrderedDict()  # id -> job, finished ones trimmed
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def submit(self, key: str | None, label: str, work: Callable[[Progress], Any]) -> Job:
        """Queue `work(progress)` unless a job with `key` is queued or running (that one is returned).

        `key` None: a job never shared with another submission.
        """
        with self._lock:
            job_id = f"j{next(self._ids)}"
            job = Job(id=job_id, key=key or job_id, label=label)
            if self._stopping.is_set():
                self._fail(job, Errors.E031.error())
                return job
            running = self._active.get(job.key)
            if running is not None:
                return running
            self._active[job.key] = job
            self._remember(job)
            self._queue.put((job, work))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="newsfuse-worker", daemon=True)
                self._thread.start()
        return job

    def job(self, job_id: str) -> Job | None:
        """The job with this id, while it is queued, running or among the recent finished ones."""
        with self._lock:
            return self._jobs.get(job_id)

    def active(self, key: str) -> Job | None:
        """The queued or running job with this key, if any."""
        with self._lock:
            return self._active.get(key)

    def stop(self) -> None:
        """Refuse new jobs, fail the queued ones and make the running one stop at its next progress call."""
        self._stopping.set()
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:  # None: the wake-up of an earlier stop()
                self._finish(item[0], error=Errors.E031.error())
        self._queue.put(None)  # wakes the thread so it can end

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None or self._stopping.is_set():
                if item is not None:
                    self._finish(item[0], error=Errors.E031.error())
                return
            job, work = item
            job.state = "running"
            try:
                result = work(self._progress_of(job))
            except NewsfuseError as error:
                self._finish(job, error=error)
            except Exception as error:  # noqa: BLE001  (a job's bug must not kill the worker)
                self._finish(job, error=error)
            else:
                self._finish(job, result=result)

    def _progress_of(self, job: Job) -> Progress:
        def progress(stage: str, done: int, total: int) -> None:
            if self._stopping.is_set():
                raise Errors.E031.error()
            job.stage, job.done, job.total = stage, done, total
        return progress

    def _finish(self, job: Job, *, result: Any = None, error: BaseException | None = None) -> None:
        with self._lock:
            if self._active.get(job.key) is job:
                del self._active[job.key]
        if error is None:
            job.state = "done"
            job.future.set_result(result)
        else:
            self._fail(job, error)

    def _fail(self, job: Job, error: BaseException) -> None:
        job.state = "failed"
        job.error = str(error)
        job.future.set_exception(error)

    def _remember(self, job: Job) -> None:
        self._jobs[job.id] = job
        while len(self._jobs) > KEEP_FINISHED:
            oldest = next(iter(self._jobs.values()))
            if oldest.state in ("queued", "running"):
                break
            self._jobs.popitem(last=False)
