"""The demo window as the UI tests drive it (helpers in tests/ui/driving.py)."""
from __future__ import annotations

import pytest

from kiosk.config import settings as st
from kiosk.core.clock import SYSTEM_CLOCK, Clock
from kiosk.composition.wiring import Kiosk
from tests.ui.driving import Demo, PcscdTray, step_of
from ui.main_window import KioskWindow


@pytest.fixture
def demo_factory(qtbot, tmp_path, monkeypatch):
    """Starts the real window on the demo wiring: virtual cards in-process, the recorded camera,
    the local simulator, the real outbox and result folder. `clock`: a ManualClock moves the
    runner's timeouts by hand (the window shows them on `window.tick()`)."""
    from kiosk.composition.demo import build_demo_kiosk
    from ui.app import build_kiosk_window
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    started: list[Kiosk] = []

    def start(open_camera=None, pcscd: bool = False, clock: Clock = SYSTEM_CLOCK, **changes) -> Demo:
        (tmp_path / "results").mkdir(exist_ok=True)   # the share: the kiosk never creates it
        settings = st.defaults().with_changes(**{
            "institution_code": "1399999999", "result_folder": str(tmp_path / "results"),
            "smartphone_enabled": True, **changes})
        service = None
        if pcscd:
            from reader.pcsc import PcscReaderService
            from reader.testing.pcscd import shared_pcscd
            shared_pcscd()     # before any PC/SC context: libpcsclite fixes its socket once
            service = PcscReaderService()
        kiosk, tray = build_demo_kiosk(settings, open_camera, service=service, clock=clock)
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
