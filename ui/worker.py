"""Slow work started from a screen (e.g. checking a password hash) runs on Qt's thread pool; its
answer comes back to the GUI thread through a queued signal."""
from __future__ import annotations

import logging
from typing import Callable, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger("ui.worker")
T = TypeVar("T")


class _Courier(QObject):
    arrived = Signal(object, object)    # (callback, result)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(lambda done, result: done(result))


_courier: _Courier | None = None


def submit(work: Callable[[], T], done: Callable[[T | None], None]) -> None:
    """`done(work())` on the GUI thread, or `done(None)` when the work failed (logged)."""
    global _courier
    if _courier is None:
        _courier = _Courier()      # created on the GUI thread, so `done` runs there
    courier = _courier

    def run() -> None:
        result: T | None
        try:
            result = work()
        except Exception:
            log.exception("background work failed")
            result = None
        courier.arrived.emit(done, result)

    QThreadPool.globalInstance().start(run)
