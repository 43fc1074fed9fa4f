"""The real window (offscreen): it starts on the idle screen and renders what the machine says."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk import events as ev
from kiosk.events import CardFacts, TokenKind
from kiosk.session import CheckInMachine, Step
from kiosk.settings import defaults
from ui.app import build_window

ROOT = Path(__file__).resolve().parents[2]


def make_window(qtbot, **changes):
    settings = defaults().with_changes(institution_code="1399999999", consent_items=[], **changes)
    machine = CheckInMachine(settings)
    sent: list[ev.Event] = []

    def send(event):
        sent.append(event)
        machine.handle(event)

    window, bridge = build_window(settings, machine, send)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window, machine, sent, bridge


def buttons(window):
    return [b for b in window.stack.currentWidget().findChildren(QPushButton) if b.isVisible()]


def press(qtbot, window, text_start):
    (button,) = [b for b in buttons(window) if b.text().startswith(text_start)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_starts_on_idle_with_japanese_first(qtbot):
    window, *_ = make_window(qtbot, smartphone_enabled=True)
    screen = window.stack.currentWidget()
    assert screen.step is Step.IDLE
    assert screen.title.text() == "マイナンバーカードを置いてください"
    assert screen.subtitle.text() == "Please place your My Number card"
    assert [b.text() for b in buttons(window)] == ["スマートフォン\nSmartphone"]


def test_idle_hides_the_phone_button_when_phones_are_off(qtbot):
    window, *_ = make_window(qtbot)
    assert buttons(window) == []


def test_pin_check_in_through_the_window(qtbot):
    window, machine, sent, _ = make_window(qtbot)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    assert window.stack.currentWidget().step is Step.METHOD_CHOICE
    assert [b.text() for b in buttons(window)] == ["顔認証\nFace", "暗証番号\nPIN"]
    press(qtbot, window, "暗証番号")
    assert window.stack.currentWidget().detail.text() == "残り 3 回 / 3 tries left"
    for digit in "2580":
        press(qtbot, window, digit)
    assert window.stack.currentWidget().step is Step.PIN_VERIFYING
    (pin_event,) = [e for e in sent if isinstance(e, ev.PinEntered)]
    assert pin_event.pin.reveal() == "2580"


def test_escape_does_not_leave_the_kiosk(qtbot):
    window, *_ = make_window(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible()


def test_problem_screen_shows_the_code_in_both_languages(qtbot):
    window, machine, *_ = make_window(qtbot)
    from kiosk.codes import Problem
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardReadFailed(Problem.NOT_MYNUMBER_CARD))
    detail = window.stack.currentWidget().detail.text()
    assert "コード 002" in detail and "code 002" in detail


def run_kiosk(tmp_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "OQS_KIOSK_CONFIG_DIR": str(tmp_path / "config"), "OQS_KIOSK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_python_m_kiosk_demo_opens_the_window(tmp_path):
    done = run_kiosk(tmp_path, "--demo", "--windowed", "--quit-after", "0.5")
    assert done.returncode == 0, done.stderr
    assert "window open on the idle screen" in done.stderr
    assert "window open" in (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_python_m_kiosk_refuses_a_wrong_institution_code(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('institution_code = "12345"\n', encoding="utf-8")
    done = run_kiosk(tmp_path, "--windowed", "--quit-after", "0.5")
    assert done.returncode == 2
    assert "institution_code" in done.stderr and "起動できません" in done.stderr
