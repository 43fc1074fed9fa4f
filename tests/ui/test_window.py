"""The real window (offscreen) over a bare machine: what each screen shows for the visit it is
given, the PIN pad, languages, the countdown, the preview; and `python -m kiosk` itself."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.core import events as ev
from kiosk.core.codes import Problem
from kiosk.core.events import CardFacts, TokenKind
from kiosk.core.session import Step
from tests.ui.driving import FakeRunner, make_window, press, shows, visible_buttons, visible_text
from ui.texts import GUIDANCE

ROOT = Path(__file__).resolve().parents[2]


def to_pin_entry(qtbot, window, machine, tries=3):
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=tries)))
    shows(qtbot, window, Step.METHOD_CHOICE)
    press(qtbot, window, "暗証番号（4桁）")
    shows(qtbot, window, Step.PIN_ENTRY)


def test_starts_on_idle_in_japanese_and_switches_language_at_run_time(qtbot):
    window, *_ = make_window(qtbot, smartphone_enabled=True)
    assert window.current().step is Step.IDLE
    assert window.current().title.text() == "マイナンバーカードを置いてください"
    assert "1 / 4   カード" in visible_text(window)
    press(qtbot, window, "English")
    assert window.current().title.text() == "Please place your My Number card"
    assert "Use a smartphone instead" in visible_text(window) and "1 / 4   Card" in visible_text(window)
    press(qtbot, window, "日本語")
    assert "スマートフォンで受付する" in visible_text(window)


def test_idle_hides_the_phone_button_when_phones_are_off(qtbot):
    window, *_ = make_window(qtbot)
    assert [b.text() for b in visible_buttons(window) if b.text()] == ["日本語", "English"]   # + the access pictograms


def test_method_choice_offers_what_the_card_allows(qtbot):
    window, machine, *_ = make_window(qtbot)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    shows(qtbot, window, Step.METHOD_CHOICE)
    names = [b.text() for b in visible_buttons(window) if b.text()]
    assert names == ["やめる", "日本語", "English", "顔認証", "暗証番号（4桁）"]


def test_pin_pad_masks_digits_and_spends_a_try_only_on_ok(qtbot):
    window, machine, sent, _ = make_window(qtbot)
    to_pin_entry(qtbot, window, machine)
    screen = window.current()
    assert "あと3回入力できます。" in visible_text(window) and not screen.warning.isVisible()
    for digit in "2581":
        press(qtbot, window, digit)
    assert [d.text() for d in screen.pad.dots] == ["●"] * 4
    assert "2581" not in visible_text(window)
    press(qtbot, window, "1字消す")
    assert not screen.ok.isEnabled()
    press(qtbot, window, "0")
    assert not [e for e in sent if isinstance(e, ev.PinEntered)]      # typed, not yet sent
    press(qtbot, window, "OK")
    (pin_event,) = [e for e in sent if isinstance(e, ev.PinEntered)]
    assert pin_event.pin.reveal() == "2580"
    assert screen.pad.count() == 0


def test_last_try_warning_is_shown_before_typing(qtbot):
    window, machine, *_ = make_window(qtbot)
    to_pin_entry(qtbot, window, machine, tries=1)
    assert window.current().warning.isVisible()
    assert "残り1回です。間違えるとカードがロックされ" in visible_text(window)


def test_scrambled_pin_pad_shuffles_the_digits(qtbot):
    window, machine, *_ = make_window(qtbot, pin_scrambled=True)
    to_pin_entry(qtbot, window, machine)
    pad = window.current().pad
    layouts = set()
    for _ in range(5):
        assert sorted(k.text() for k in pad.keys) == sorted("1234567890")
        layouts.add(tuple(k.text() for k in pad.keys))
        pad.arrange(scrambled=True)
    assert len(layouts) > 1


def test_escape_and_close_do_not_leave_the_kiosk(qtbot):
    window, *_ = make_window(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.close()
    assert window.isVisible()


def test_problem_screen_shows_the_code_in_both_languages(qtbot):
    window, machine, *_ = make_window(qtbot)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardReadFailed(Problem.NOT_MYNUMBER_CARD))
    shows(qtbot, window, Step.PROBLEM)
    assert "マイナンバーカードではありません。" in visible_text(window) and "コード 002" in visible_text(window)
    press(qtbot, window, "English")
    assert "This is not a My Number card." in visible_text(window) and "Code 002" in visible_text(window)


@pytest.mark.parametrize("code", sorted(GUIDANCE))
def test_every_guidance_code_is_a_sentence_in_both_languages(qtbot, code):
    window, machine, *_ = make_window(qtbot)
    screen = window.screens[Step.FACE_CAPTURE]
    window.bridge.guidance.emit(code)
    japanese = screen.guidance.text()
    window.switch_language("en")
    screen.show_visit(window.shown[1], [])
    english = screen.guidance.text()
    assert japanese and english and japanese != english
    assert english.endswith((".", "…")) and japanese.endswith(("。", "…"))


def test_countdown_shows_the_seconds_and_touches_extend(qtbot):
    runner = FakeRunner(seconds=45.0)
    window, *_ = make_window(qtbot, runner=runner)
    window.tick()
    assert not window.countdown.isVisible()
    runner.seconds = 7.2
    window.tick()                     # the window's clock reads the runner's seconds left
    assert window.countdown.isVisible()
    assert "あと8秒で最初の画面に戻ります" in window.countdown.text()
    before = runner.touches
    qtbot.mouseClick(window.current(), Qt.MouseButton.LeftButton)
    assert runner.touches == before + 1


def test_preview_frames_reach_the_face_screen_without_queueing(qtbot):
    class Face:
        preview_listeners: list = []
    face = Face()
    window, machine, *_ = make_window(qtbot, face=face)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_set=False, pin_tries_left=None)))
    machine.handle(ev.ChipPhotoLoaded(b"jp2"))
    shows(qtbot, window, Step.FACE_CAPTURE)
    frame = np.zeros((480, 640, 3), np.uint8)
    frame[:, :320] = (255, 0, 0)                    # left half blue (BGR)

    def camera():
        for _ in range(50):
            face.preview_listeners[0](frame)
    thread = threading.Thread(target=camera)
    thread.start()
    thread.join()
    picture = window.current().picture
    qtbot.waitUntil(lambda: not picture.image.isNull(), timeout=1000)
    assert window.bridge.take_frame() is None       # 50 frames, at most one waited
    assert picture.image.pixelColor(600, 10).blue() == 255   # mirrored for the patient
    machine.handle(ev.Cancelled())
    shows(qtbot, window, Step.IDLE)
    assert picture.image.isNull()                   # nothing kept after the visit


def run_kiosk(tmp_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "OQS_KIOSK_CONFIG_DIR": str(tmp_path / "config"), "OQS_KIOSK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, encoding="utf-8")


@pytest.mark.e2e   # the app run in a subprocess
def test_python_m_kiosk_demo_opens_the_window(tmp_path):
    done = run_kiosk(tmp_path, "--demo", "--windowed", "--quit-after", "0.5")
    assert done.returncode == 0, done.stderr
    assert "window open on the idle screen" in done.stderr
    assert "window open" in (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert (tmp_path / "config" / "visual-check-password.json").exists()   # the demo's 目視 password


@pytest.mark.e2e   # the app run in a subprocess
def test_python_m_kiosk_refuses_a_wrong_institution_code(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('institution_code = "12345"\n', encoding="utf-8")
    done = run_kiosk(tmp_path, "--windowed", "--quit-after", "0.5")
    assert done.returncode == 2
    assert "institution_code" in done.stderr and "起動できません" in done.stderr
    assert "cannot start" in (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_every_problem_and_notice_has_words():
    from kiosk.core.codes import Notice
    from ui.texts import NEXT_STEP, NOTICES, WHAT_HAPPENED
    assert set(WHAT_HAPPENED) == set(Problem)
    assert {p.next_step for p in Problem} <= set(NEXT_STEP)
    assert set(NOTICES) == set(Notice)


@pytest.mark.e2e   # the app run in a subprocess
def test_screenshots_command_saves_every_screen_in_both_languages(tmp_path):
    from ui.samples import samples
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.screenshots", str(tmp_path), "--size", "1024x768"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(names) == 2 * len(samples())
    assert "ja-staff-check.png" in names and "en-pin-entry-last-try.png" in names


@pytest.mark.e2e   # the app run in a subprocess
def test_a_refused_setting_is_shown_on_screen_in_both_languages(tmp_path):
    """Issue 17, fault 8: a refusal at start reaches the screen, not only stderr."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text(
        'institution_code = "1311111111"\nscreen_timeout_seconds = 100000000000\n', encoding="utf-8")
    shot = tmp_path / "refusal.png"
    done = run_kiosk(tmp_path, "--windowed", "--quit-after", "1.5", "--screenshot", str(shot))
    assert done.returncode == 2 and "screen_timeout_seconds" in done.stderr
    assert shot.exists() and shot.stat().st_size > 1000
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "cannot start" in log and "screen_timeout_seconds" in log


def test_the_refusal_window_says_why_in_japanese_and_english(qtbot):
    from ui.refusal import RefusalWindow
    window = RefusalWindow("setting 'institution_code': must be exactly 10 digits")
    qtbot.addWidget(window)
    window.show()
    text = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "起動できません" in text and "cannot start" in text and "institution_code" in text
    assert window.close_button.minimumHeight() >= 80
    window.close_button.click()
    assert not window.isVisible()


@pytest.mark.e2e   # the app run in a subprocess
def test_a_second_kiosk_on_the_same_data_folder_is_refused_on_screen(tmp_path):
    """Issue 17, fault 9: not "database is locked", but a clear message."""
    from kiosk.config.instance import claim_data_folder
    release = claim_data_folder(tmp_path / "data")
    try:
        done = run_kiosk(tmp_path, "--demo", "--windowed", "--quit-after", "1")
    finally:
        release()
    assert done.returncode == 2 and "already running on the data folder" in done.stderr
    assert "Traceback" not in done.stderr
