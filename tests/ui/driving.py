"""Driving the real window as a patient: find the visible button with the words on it, press it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.core import events as ev
from kiosk.composition.demo import VirtualTray
from kiosk.core.session import CheckInMachine, Step
from kiosk.config.settings import defaults
from kiosk.composition.wiring import Kiosk
from tests.results.parse import parse_result
from ui.app import build_window
from ui.main_window import KioskWindow

FAST = 10_000   # ms: the longest any step may take in these tests (face matching included)


def step_of(window: KioskWindow) -> str:
    return window.current().step.value


def wait_for_step(qtbot, window: KioskWindow, step: Step, timeout: int = FAST) -> None:
    """Wait for the bridge to announce `step`: on its `changed` signal, not by polling. The
    blocker listens before the window is looked at, so an announcement from a worker thread in
    between is not missed; the window takes the signal queued, so what was announced is delivered
    before looking and after the signal."""
    blocker = qtbot.waitSignal(window.bridge.changed, timeout=timeout,
                               check_params_cb=lambda shown, *_: shown is step)
    with blocker:                                 # leaving waits, unless signal_triggered
        QCoreApplication.processEvents()
        if window.current().step is step:
            blocker.signal_triggered = True       # there already: nothing to wait for
    QCoreApplication.processEvents()


def lay_out() -> None:
    """Apply the layouts Qt has been asked to redo (a screen just shown, a stretch changed) now,
    instead of waiting for the event loop to get round to them."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def visible_buttons(window: KioskWindow) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if b.isVisible()]


def press(qtbot, window: KioskWindow, text: str) -> None:
    """Click the one visible, enabled button whose words are exactly `text` (waiting for it to
    appear, as a patient waits for the next screen)."""
    def matches():
        return [b for b in visible_buttons(window) if b.text() == text]
    try:
        qtbot.waitUntil(lambda: len(matches()) == 1, timeout=FAST)
    except Exception:
        raise AssertionError(f"{text!r} among {[b.text() for b in visible_buttons(window)]}") from None
    (target,) = matches()
    qtbot.waitUntil(target.isEnabled, timeout=FAST)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def visible_text(window: KioskWindow) -> str:
    labels = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    return "\n".join(labels + [b.text() for b in visible_buttons(window)])


@dataclass
class Demo:
    qtbot: object
    window: KioskWindow
    kiosk: Kiosk
    tray: VirtualTray
    results: Path
    shown: list[str] = field(default_factory=list)

    def wait_for(self, step: str, timeout: int = FAST) -> None:
        wait_for_step(self.qtbot, self.window, Step(step), timeout)

    def press(self, *texts: str) -> None:
        for text in texts:
            press(self.qtbot, self.window, text)

    def see(self, words: str, timeout: int = FAST) -> None:
        """Wait until `words` are visible somewhere on the window."""
        self.qtbot.waitUntil(lambda: words in self.text(), timeout=timeout)

    def text(self) -> str:
        return visible_text(self.window)

    def result(self) -> dict[str, str]:
        (path,) = list(self.results.glob("OQSsiquc01res_face_*.xml"))
        return {e.tag: (e.text or "") for e in parse_result(path.read_bytes()).iter()}

    def no_result(self) -> bool:
        return not self.results.exists() or list(self.results.iterdir()) == []


class PcscdTray:
    """The demo tray's interface over a real private pcscd with a virtual card reader (vpcd):
    the same persona cards, reached through PC/SC as a clinic's reader is."""

    def __init__(self, tray: VirtualTray) -> None:
        from reader.testing.pcscd import shared_pcscd
        self.tray, self.pcscd = tray, shared_pcscd()

    def place(self, persona_id: str) -> None:
        from reader.virtual.personas import open_card
        self.tray.current = persona_id        # the printed values the surface scan would read
        self.pcscd.insert(open_card(self.tray.folder, persona_id))

    def take(self) -> None:
        self.tray.current = None
        self.pcscd.remove()


class FakeRunner:
    """Stands in for the runner's countdown: seconds left and touches."""

    def __init__(self, seconds):
        self.seconds, self.touches, self.guidance_listeners = seconds, 0, []

    def seconds_left(self):
        return self.seconds

    def touch(self):
        self.touches += 1


def make_window(qtbot, runner=None, face=None, **changes):
    settings = defaults().with_changes(institution_code="1399999999", consent_items=[], **changes)
    machine = CheckInMachine(settings)
    sent: list[ev.Event] = []

    def send(event):
        sent.append(event)
        machine.handle(event)

    window, bridge = build_window(settings, machine, send, runner=runner, face=face)
    qtbot.addWidget(window, before_close_func=KioskWindow.release)
    window.resize(1280, 800)
    window.show()
    return window, machine, sent, bridge


def shows(qtbot, window: KioskWindow, step: Step, timeout: int = 2000) -> None:
    """Wait until the window shows `step`: on the bridge's `changed` signal, not by polling."""
    wait_for_step(qtbot, window, step, timeout)
