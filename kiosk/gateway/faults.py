"""A switch that makes the link to the gateway fail on purpose: timeouts, refusals, bad answers.

Tests arm it directly; a run of the app arms it from ``OQS_KIOSK_GATEWAY_FAULTS``, e.g.
``timeout`` or ``refused:2,malformed@confirm`` (fault[@call][:count], applied in order to the next
calls; ``@confirm`` or ``@issue_nonce`` limits a fault to that call).
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
        self._queue: deque[tuple[Fault, str | None]] = deque()
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> "FaultSwitch":
        switch = cls()
        for item in filter(None, os.environ.get(cls.ENVIRONMENT_VARIABLE, "").split(",")):
            spec, _, count = item.strip().partition(":")
            name, _, call = spec.partition("@")
            switch.arm(Fault(name.lower()), int(count or 1), call or None)
        return switch

    def arm(self, fault: Fault, times: int = 1, call: str | None = None) -> None:
        """Make the next ``times`` calls (of ``call`` only, if given) fail with ``fault``."""
        if call not in (None, "confirm", "issue_nonce"):
            raise ValueError(f"no gateway call named {call!r}")
        with self._lock:
            self._queue.extend([(fault, call)] * times)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def next_fault(self, call: str) -> Fault | None:
        """The fault for this call of ``call`` (consumed), or None for a healthy call."""
        with self._lock:
            for entry in self._queue:
                if entry[1] in (None, call):
                    self._queue.remove(entry)
                    return entry[0]
            return None
