"""Time as the core reads it: the wall clock for the record, a monotonic clock and timers for
giving up on a patient. Injected, so tests and replays move time by hand instead of waiting."""
from __future__ import annotations

import heapq
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Protocol


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...                   # aware local time, for the record
    def monotonic(self) -> float: ...                # seconds, for deadlines
    def call_later(self, seconds: float, action: Callable[[], None]) -> Cancellable: ...


class SystemClock:
    """The real clocks; `call_later` runs the action on a daemon timer thread."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def call_later(self, seconds: float, action: Callable[[], None]) -> Cancellable:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()
        return timer


SYSTEM_CLOCK = SystemClock()


@dataclass(order=True)
class _Scheduled:
    due: float
    order: int                      # ties run in the order they were asked for
    action: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A clock that moves only when told: `advance(seconds)` runs every action that falls due,
    in order, on the caller's thread."""

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start or datetime(2026, 4, 1, 9, 0).astimezone()
        self._elapsed = 0.0
        self._queue: list[_Scheduled] = []
        self._order = 0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        return self._elapsed

    def call_later(self, seconds: float, action: Callable[[], None]) -> Cancellable:
        with self._lock:
            self._order += 1
            scheduled = _Scheduled(self._elapsed + seconds, self._order, action)
            heapq.heappush(self._queue, scheduled)
        return scheduled

    def pending(self) -> int:
        """Actions still waiting (not cancelled)."""
        with self._lock:
            return sum(not s.cancelled for s in self._queue)

    def advance(self, seconds: float) -> None:
        target = self._elapsed + seconds
        while True:
            with self._lock:
                if not self._queue or self._queue[0].due > target:
                    break
                scheduled = heapq.heappop(self._queue)
                self._elapsed = max(self._elapsed, scheduled.due)
            if not scheduled.cancelled:
                scheduled.action()
        self._elapsed = target
