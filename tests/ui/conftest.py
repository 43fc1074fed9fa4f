"""Driving the real window as a patient: find the visible button with the words on it, press it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk import settings as st
from kiosk.demo import VirtualTray
from kiosk.wiring import Kiosk
from tests.results.parse import parse_result
from ui.main_window import KioskWindow

FAST = 10_000   # ms: the longest any step may take in these tests (face matching included)


def step_of(window: KioskWindow) -> str:
    return window.current().step.value


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
        self.qtbot.waitUntil(lambda: step_of(self.window) == step, timeout=timeout)

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


@pytest.fixture
def demo_factory(qtbot, tmp_path, monkeypatch):
    """Starts the real window on the demo wiring: virtual cards in-process, the recorded camera,
    the local simulator, the real outbox and result folder."""
    from kiosk.demo import build_demo_kiosk
    from ui.app import build_kiosk_window
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    started: list[Kiosk] = []

    def start(open_camera=None, pcscd: bool = False, **changes) -> Demo:
        settings = st.defaults().with_changes(**{
            "institution_code": "1399999999", "result_folder": str(tmp_path / "results"),
            "smartphone_enabled": True, **changes})
        service = None
        if pcscd:
            from reader.pcsc import PcscReaderService
            from reader.testing.pcscd import shared_pcscd
            shared_pcscd()     # before any PC/SC context: libpcsclite fixes its socket once
            service = PcscReaderService()
        kiosk, tray = build_demo_kiosk(settings, open_camera, service=service)
        window, _bridge = build_kiosk_window(kiosk, settings, demo=True)
        qtbot.addWidget(window, before_close_func=KioskWindow.release)
        window.resize(1280, 800)
        window.show()
        kiosk.start()
        started.append(kiosk)
        demo = Demo(qtbot, window, kiosk, PcscdTray(tray) if pcscd else tray, tmp_path / "results")
        window.stack.currentChanged.connect(lambda _: demo.shown.append(step_of(window)))
        return demo

    yield start
    for kiosk in started:
        kiosk.stop()
