"""A switch that makes the link to the gateway fail on purpose: timeouts, refusals, bad answers.

Tests arm it directly; a run of the app arms it from ``OQS_KIOSK_GATEWAY_FAULTS``, e.g.
``timeout`` or ``refused:2,malformed`` (fault[:count], applied in order to the next calls).
"""
from __future__ import annotations

import enum
import os
import threading
from collections import deque


class Fault(enum.Enum):
    TIMEOUT = "timeout"      # the request was processed, the answer never arrived
    REFUSED = "refused"      # the request never reached the service
    MALFORMED = "malformed"  # the answer arrived truncated


class FaultSwitch:
    ENVIRONMENT_VARIABLE = "OQS_KIOSK_GATEWAY_FAULTS"

    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> "FaultSwitch":
        switch = cls()
        for item in filter(None, os.environ.get(cls.ENVIRONMENT_VARIABLE, "").split(",")):
            name, _, count = item.strip().partition(":")
            switch.arm(Fault(name.lower()), int(count or 1))
        return switch

    def arm(self, fault: Fault, times: int = 1) -> None:
        with self._lock:
            self._queue.extend([fault] * times)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def next_fault(self) -> Fault | None:
        """The fault for this call (consumed), or None for a healthy call."""
        with self._lock:
            return self._queue.popleft() if self._queue else None
