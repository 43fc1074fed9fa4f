"""The one bridge between the core and Qt.

Core to screen: the machine's changes, the face guidance and the camera frames become queued Qt
signals (emitted on worker threads, delivered on the GUI thread). Screen to core: `send` (the
patient's answers), `touch` (extends the inactivity timeout), `seconds_left` (the countdown)."""
from __future__ import annotations

import copy
import threading
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from kiosk.core import events as ev
from kiosk.core.session import CheckInMachine, Step, Visit


def snapshot(visit: Visit) -> Visit:
    """A copy the GUI thread may read while workers move the machine on."""
    shown = copy.copy(visit)
    shown.excluded, shown.notices, shown.consents = set(visit.excluded), list(visit.notices), dict(visit.consents)
    return shown


class CoreBridge(QObject):
    changed = Signal(object, object, object)     # (Step, Visit snapshot, methods offered)
    guidance = Signal(str)                       # a faceauth guidance code
    frame_ready = Signal()                       # a camera frame waits in `take_frame()`

    def __init__(self, machine: CheckInMachine, send: Callable[[ev.Event], None], runner=None,
                 face=None) -> None:
        super().__init__()
        self.machine, self._send, self.runner = machine, send, runner
        self.face = face
        self._frame: np.ndarray | None = None
        self._frame_lock = threading.Lock()
        machine.subscribe(self._on_change)
        if runner is not None:
            runner.guidance_listeners.append(self.guidance.emit)
        if face is not None:
            face.preview_listeners.append(self._on_frame)

    # ---- core to screen -------------------------------------------------------------------------

    def _on_change(self, step: Step, visit: Visit) -> None:
        # Called inside the machine (under the runner's lock), so the offer matches the visit.
        self.changed.emit(step, snapshot(visit), self.machine.available_methods())

    def _on_frame(self, image: np.ndarray) -> None:
        """Camera thread: keep only the newest frame; signal once until the GUI has taken it,
        so a busy GUI thread never builds a queue of pictures."""
        with self._frame_lock:
            waiting = self._frame is not None
            self._frame = image
        if not waiting:
            self.frame_ready.emit()

    def reader_connected(self) -> bool:
        """A card reader is there (the PC/SC monitor forgets them while pcscd is gone)."""
        card = getattr(self.runner, "card", None)
        return card is None or bool(card.service.readers())

    def take_frame(self) -> np.ndarray | None:
        with self._frame_lock:
            image, self._frame = self._frame, None
        return image

    # ---- screen to core -------------------------------------------------------------------------

    def send(self, event: ev.Event) -> None:
        self._send(event)

    def touch(self) -> None:
        if self.runner is not None:
            self.runner.touch()

    def available_methods(self) -> list[ev.Method]:
        """For a redraw outside a change (settings applied): under the runner's lock when there is one."""
        return self.runner.available_methods() if self.runner is not None else self.machine.available_methods()

    def seconds_left(self) -> float | None:
        return self.runner.seconds_left() if self.runner is not None else None
