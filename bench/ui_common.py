"""Shared by the UI benchmarks: the demo kiosk in a temporary data folder, a patient who answers
every screen the moment it appears (real widget clicks), and a GUI-thread stall meter."""
from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.staff.passwords import DEMO_VISUAL_CHECK_PASSWORD
from kiosk.core.session import Step

TICK_MS = 5


def demo_window(open_camera=None, kiosk_options=None, **changes):
    """(app, window, kiosk, tray) on the demo wiring, data in a fresh temporary folder;
    `kiosk_options` go to build_demo_kiosk (the soak's clock and tray camera), `changes` to the
    settings."""
    folder = tempfile.mkdtemp(prefix="oqs-ui-bench-")
    os.environ["OQS_KIOSK_DATA_DIR"] = os.path.join(folder, "data")
    os.environ["OQS_KIOSK_CONFIG_DIR"] = os.path.join(folder, "config")
    os.makedirs(os.path.join(folder, "results"))   # the share: the kiosk never creates it
    app = QApplication.instance() or QApplication([])
    from kiosk.config import settings as st
    from kiosk.composition.demo import build_demo_kiosk
    from ui.app import build_kiosk_window, route_qt_messages_to_logging
    route_qt_messages_to_logging()
    settings = st.defaults().with_changes(institution_code="1399999999", eprescription_question=True,
                                          result_folder=os.path.join(folder, "results"), **changes)
    kiosk, tray = build_demo_kiosk(settings, open_camera, **(kiosk_options or {}))
    window, _bridge = build_kiosk_window(kiosk, settings, demo=True)
    window.resize(1280, 800)
    window.show()
    kiosk.start()
    return app, window, kiosk, tray


class StallMeter:
    """A 5 ms timer that measures its own lateness: the longest time the GUI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self._last = None

    def start(self) -> None:
        self.worst, self._last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - TICK_MS / 1000)
        self._last = now


class InstantPatient:
    """Answers each screen as soon as the window shows it, by clicking its buttons."""

    def __init__(self, window, method: str, pin: str = "1234") -> None:
        self.window, self.method, self.pin = window, method, pin
        self.done_at: float | None = None
        self.fell_back = False       # the method asked for was not offered
        self._listener = lambda _: QTimer.singleShot(0, self.answer)
        window.stack.currentChanged.connect(self._listener)

    def detach(self) -> None:
        self.window.stack.currentChanged.disconnect(self._listener)

    def answer(self) -> None:
        screen = self.window.current()
        step = screen.step
        if step is Step.METHOD_CHOICE:
            offered = {m.value: b for m, b in screen.buttons.items() if not b.isHidden()}
            if self.method not in offered:   # e.g. the card surface was not read: PIN instead
                self.fell_back, self.method = True, "pin"
            offered[self.method].click()
        elif step is Step.PIN_ENTRY:
            for digit in self.pin:
                next(k for k in screen.pad.keys if k.text() == digit).click()
            screen.ok.click()
        elif step is Step.STAFF_CHECK:
            for digit in DEMO_VISUAL_CHECK_PASSWORD:
                next(k for k in screen.pad.keys if k.text() == digit).click()
            screen.confirm.click()
        elif step is Step.CONSENT_ALL:
            screen.agree.click()
        elif step is Step.PRESCRIPTION:
            screen.electronic.click()
        elif step is Step.DONE:
            self.done_at = time.perf_counter()


def run_until(done, seconds: float = 3.0) -> bool:
    """Run the event loop until `done()` (checked every millisecond) or `seconds` pass. One
    event loop, not a processEvents() spin: PySide6 6.12 on Python 3.11 drops a reference to None
    on every void call from Python, and tens of thousands of them crash the interpreter."""
    from PySide6.QtCore import QEventLoop
    if done():
        return True
    loop, poll, give_up = QEventLoop(), QTimer(), QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: done() and loop.quit())
    poll.start()
    give_up.setSingleShot(True)     # stopped below: no pending timer left per call
    give_up.timeout.connect(lambda: loop.quit())   # a lambda: PySide6 keeps ~60 bytes for
    # every connection to a bound method of a QObject, after both are gone (bench.soak_growth)
    give_up.start(int(seconds * 1000))
    loop.exec()
    poll.stop()
    give_up.stop()
    return done()


def wait(app, condition, timeout: float = 30.0) -> None:
    if not run_until(condition, timeout):
        raise TimeoutError("the check-in did not finish")
