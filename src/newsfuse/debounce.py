"""Per-key debouncing with no clock of its own: when to redo work for things that keep changing.

A :class:`Debouncer` answers "which keys are due now?" for keys (story ids) that
are touched (new articles arrived) at times the caller gives, in seconds on any
monotonic clock:

* a touched key is due once it has been quiet for `quiet_seconds`, or once
  `max_wait_seconds` have passed since its first untreated touch, whichever
  comes first (a story that keeps changing is still treated every
  `max_wait_seconds`);
* a due key is handed out once and then counts as running until
  :meth:`finished`; a key touched while running is not handed out again
  meanwhile (never two runs of one key at once) but is pending once more when
  the run finishes (one more run, however many touches arrived);
* :meth:`drain` hands out every pending key at once, whatever its quiet time:
  what is left on exit.

It holds no clock and no threads (the caller passes `now`), so its behaviour is
a pure function of the calls: tests need no sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Pending:
    first: float  # first untreated touch, seconds
    last: float  # latest touch, seconds


class Debouncer:
    """See the module docstring. `quiet_seconds` >= 0, `max_wait_seconds` >= `quiet_seconds`."""

    def __init__(self, *, quiet_seconds: float, max_wait_seconds: float):
        if quiet_seconds < 0 or max_wait_seconds < quiet_seconds:
            raise ValueError(f"need 0 <= quiet_seconds <= max_wait_seconds, got {quiet_seconds}, {max_wait_seconds}")
        self.quiet_seconds = quiet_seconds
        self.max_wait_seconds = max_wait_seconds
        self._pending: dict[str, _Pending] = {}  # touched, not handed out since
        self._running: set[str] = set()

    def touch(self, key: str, now: float) -> None:
        """`key` changed at `now`."""
        pending = self._pending.get(key)
        if pending is None:
            self._pending[key] = _Pending(first=now, last=now)
        else:
            pending.last = max(pending.last, now)

    def due(self, now: float) -> list[str]:
        """The keys due at `now` (not running), oldest first touch first; they count as running from now."""
        ready = [key for key, pending in self._pending.items()
                 if key not in self._running and now >= self._due_at(pending)]
        return self._hand_out(ready)

    def drain(self) -> list[str]:
        """Every pending key that is not running, due or not (a flush); they count as running from now."""
        return self._hand_out([key for key in self._pending if key not in self._running])

    def finished(self, key: str) -> None:
        """The run of `key` ended (however it ended); a touch during it makes `key` pending again."""
        self._running.discard(key)

    def next_due(self) -> float | None:
        """When the next pending key that is not running falls due (seconds), or None when none waits."""
        times = [self._due_at(pending) for key, pending in self._pending.items() if key not in self._running]
        return min(times, default=None)

    @property
    def idle(self) -> bool:
        """Nothing pending and nothing running."""
        return not self._pending and not self._running

    @property
    def running(self) -> frozenset[str]:
        """The keys handed out and not finished yet."""
        return frozenset(self._running)

    def _due_at(self, pending: _Pending) -> float:
        return min(pending.last + self.quiet_seconds, pending.first + self.max_wait_seconds)

    def _hand_out(self, keys: list[str]) -> list[str]:
        keys.sort(key=lambda key: (self._pending[key].first, key))
        for key in keys:
            del self._pending[key]
            self._running.add(key)
        return keys
