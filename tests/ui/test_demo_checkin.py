"""A PIN check-in on the demo's embedded defaults, driven through the real window by clicks:
virtual card in-process, the local simulator, the real outbox and result folder."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk import settings as st
from tests.results.parse import parse_result
from ui.app import build_demo_kiosk, build_window

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    settings = st.defaults().with_changes(institution_code="1399999999", eprescription_question=True,
                                          result_folder=str(tmp_path / "results"))
    kiosk, tray = build_demo_kiosk(settings)
    window, bridge = build_window(settings, kiosk.machine, kiosk.runner.dispatch)
    qtbot.addWidget(window)
    window.show()
    kiosk.start()
    yield window, kiosk, tray, tmp_path / "results"
    kiosk.stop()


def screen(window):
    return window.stack.currentWidget().step.value


def click(qtbot, window, prefix):
    (button,) = [b for b in window.stack.currentWidget().findChildren(QPushButton)
                 if b.isVisible() and b.text().startswith(prefix)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_pin_check_in_writes_the_result(qtbot, demo):
    window, kiosk, tray, results = demo
    shown = []
    window.stack.currentChanged.connect(lambda _: shown.append(screen(window)))
    tray.place("valid_adult")
    qtbot.waitUntil(lambda: screen(window) == "method_choice")
    click(qtbot, window, "暗証番号")
    for digit in "1234":
        click(qtbot, window, digit)
    qtbot.waitUntil(lambda: screen(window) == "consent_all")
    click(qtbot, window, "同意する")
    click(qtbot, window, "電子")
    qtbot.waitUntil(lambda: screen(window) == "done")
    tray.take()
    qtbot.waitUntil(lambda: screen(window) == "idle")
    assert shown == ["reading", "method_choice", "pin_entry", "pin_verifying", "querying",
                     "consent_all", "prescription", "writing", "done", "idle"]
    (path,) = list(results.glob("OQSsiquc01res_face_*.xml"))
    root = parse_result(path.read_bytes())
    assert root.findtext("MessageBody/PrescriptionIssueSelect") == "1"
    assert root.findtext(".//PharmacistsInfoConsFlg") == "1"


def test_card_removed_mid_flow_returns_to_idle_and_writes_nothing(qtbot, demo):
    window, kiosk, tray, results = demo
    tray.place("valid_adult")
    qtbot.waitUntil(lambda: screen(window) == "method_choice")
    click(qtbot, window, "暗証番号")
    tray.take()
    qtbot.waitUntil(lambda: screen(window) == "idle")
    assert "コード 013" in window.stack.currentWidget().detail.text()
    assert not results.exists() or list(results.iterdir()) == []
