"""The one bridge from the core to Qt: the machine's changes become a queued Qt signal."""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal

from kiosk.session import CheckInMachine, Step, Visit


class CoreBridge(QObject):
    # Emitted from whatever thread changed the machine; Qt queues it to the GUI thread.
    changed = Signal(object, object)     # (Step, Visit snapshot)
    guidance = Signal(str)

    def __init__(self, machine: CheckInMachine) -> None:
        super().__init__()
        machine.subscribe(self._on_change)

    def _on_change(self, step: Step, visit: Visit) -> None:
        self.changed.emit(step, copy.copy(visit))
