"""The voice and the numeric keypad in the real window over a bare machine: what is said on each
screen, in which language, on request; the face guidance without chatter; the keypad's keys."""
from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.core import events as ev
from kiosk.core.clock import ManualClock
from kiosk.core.events import CardFacts, Method, TokenKind
from kiosk.core.session import CheckInMachine, Step
from kiosk.config.settings import ConsentItem, defaults
from tests.ui.driving import FakeRunner, make_window, press, shows
from ui.app import build_window
from ui.main_window import KioskWindow
from ui.player import PromptPlayer
from ui.replay import ReplayButton

PAD = Qt.KeyboardModifier.KeypadModifier


def said(window, since: int = 0) -> list[str]:
    return [prompt for _language, prompt in window.voice.player.history[since:]]


def keypad(qtbot, window, *keys) -> None:
    for key in keys:
        qtbot.keyClick(window.focusWidget() or window.current(), key, PAD)


def test_each_screen_says_its_sentences_and_which_key_does_what(qtbot):
    window, machine, *_ = make_window(qtbot)
    assert window.voice.player.history == [("ja", "screen.idle"), ("ja", "placement.tray"),
                                           ("en", "key.language")]
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    shows(qtbot, window, Step.METHOD_CHOICE)
    qtbot.waitUntil(lambda: said(window)[-1] == "key.language")
    assert said(window)[3:] == ["earcon.card", "screen.reading", "screen.method_choice",
                                "key.method.face", "key.method.pin", "key.replay", "key.language"]
    assert {language for language, _ in window.voice.player.history[3:-1]} == {"ja"}
    assert window.voice.player.history[-1] == ("en", "key.language")   # English offered in English


def test_a_language_switch_and_the_replay_button_say_it_again(qtbot):
    window, *_ = make_window(qtbot)
    press(qtbot, window, "English")
    assert window.voice.player.history[-3:] == [("en", "screen.idle"), ("en", "placement.tray"),
                                                ("ja", "key.language")]
    qtbot.mouseClick(window.header.findChild(ReplayButton), Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_Plus, PAD)
    assert window.voice.player.history[-6:] == [("en", "screen.idle"), ("en", "placement.tray"),
                                                ("ja", "key.language")] * 2
    qtbot.waitUntil(lambda: window.header.findChild(ReplayButton).accessibleName() == "Listen again")


def test_the_star_key_switches_the_language_and_back(qtbot):
    """A patient who cannot read the screen hears which key speaks their language, and uses it."""
    window, machine, *_ = make_window(qtbot)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    shows(qtbot, window, Step.METHOD_CHOICE)
    keypad(qtbot, window, Qt.Key.Key_Asterisk)
    assert window.languages.current == "en"
    assert window.current().title.text() == "How would you like to confirm who you are?"
    history = window.voice.player.history
    assert ("en", "screen.method_choice") in history[-8:] and history[-1] == ("ja", "key.language")
    keypad(qtbot, window, Qt.Key.Key_Asterisk)
    assert window.languages.current == "ja" and window.voice.player.history[-1] == ("en", "key.language")
    start = len(window.voice.player.history)
    keypad(qtbot, window, Qt.Key.Key_2)                   # the screen's own keys still work
    shows(qtbot, window, Step.PIN_ENTRY)
    assert "screen.pin_entry" in said(window, start) and "key.language" not in said(window, start)


def test_the_keypad_chooses_the_pin_types_it_and_only_the_count_is_said(qtbot):
    window, machine, sent, _ = make_window(qtbot)
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    shows(qtbot, window, Step.METHOD_CHOICE)
    keypad(qtbot, window, Qt.Key.Key_3)                  # staff is not offered: nothing happens
    keypad(qtbot, window, Qt.Key.Key_2)
    shows(qtbot, window, Step.PIN_ENTRY)
    start = len(window.voice.player.history)
    keypad(qtbot, window, Qt.Key.Key_2, Qt.Key.Key_5, Qt.Key.Key_8, Qt.Key.Key_Minus, Qt.Key.Key_0)
    keypad(qtbot, window, Qt.Key.Key_Enter)
    assert not [e for e in sent if isinstance(e, ev.PinEntered)]          # only 3 digits: not sent
    keypad(qtbot, window, Qt.Key.Key_1, Qt.Key.Key_Enter)
    (pin,) = [e for e in sent if isinstance(e, ev.PinEntered)]
    assert pin.pin.reveal() == "2501"
    assert [p for p in said(window, start) if p.startswith("digits.")] == [
        "digits.1", "digits.2", "digits.3", "digits.2", "digits.3", "digits.3", "digits.4"]
    assert said(window, start).count("earcon.digit") == 7


def test_the_keypad_answers_consent_and_finishes(qtbot):
    settings = defaults().with_changes(consent_items=[ConsentItem.MEDICATION], comprehensive_consent=False)
    machine = CheckInMachine(settings)
    window, _bridge = build_window(settings, machine, machine.handle)
    qtbot.addWidget(window, before_close_func=KioskWindow.release)
    window.show()
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_tries_left=3)))
    machine.handle(ev.MethodChosen(Method.PIN))
    machine.handle(ev.PinEntered(ev.Secret("1234")))
    machine.handle(ev.PinAccepted())
    machine.handle(ev.PauseOver())
    machine.handle(ev.QualificationConfirmed(answer="answer", validity=ev.Validity.VALID, insurance_only=False, expires_soon=False))
    shows(qtbot, window, Step.CONSENT_ITEM)
    assert said(window)[-3:] == ["consent.medication", "key.yes_no", "key.replay"]
    keypad(qtbot, window, Qt.Key.Key_2)
    assert machine.visit.consents == {ConsentItem.MEDICATION: False}
    shows(qtbot, window, Step.WRITING)
    machine.handle(ev.ResultWritten("result.xml"))
    shows(qtbot, window, Step.DONE)
    keypad(qtbot, window, Qt.Key.Key_Enter)
    shows(qtbot, window, Step.IDLE)


def test_face_guidance_is_spoken_without_chatter(qtbot):
    window, machine, *_ = make_window(qtbot)
    voice, clock = window.voice, ManualClock()
    voice.monotonic = clock.monotonic
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(CardFacts(TokenKind.CARD, pin_set=False, pin_tries_left=None)))
    machine.handle(ev.ChipPhotoLoaded(b"photo"))
    shows(qtbot, window, Step.FACE_CAPTURE)
    assert said(window)[-2:] == ["screen.face_capture", "key.replay"]
    assert "カメラは画面の上にあります" in window.current().where.text()
    for code in ["too_far", "off_centre", "too_far", "no_face", "too_far"] * 10:   # flickering frames
        window.bridge.guidance.emit(code)
    assert not [p for p in said(window) if p.startswith("guidance.")]   # the screen's sentence first
    clock.advance(voice.throttle.min_gap)
    voice.guide()                                    # the face screen's next tick
    voice.guide()
    spoken = [p for p in said(window) if p.startswith("guidance.")]
    assert spoken == ["guidance.too_far"]            # one instruction, not fifty


@pytest.mark.expect_log(r"voice prompt .* missing")
def test_without_an_audio_device_playback_fails_soft_and_says_so_once(qtbot, caplog, tmp_path):
    caplog.set_level(logging.WARNING)
    player = PromptPlayer(folder=tmp_path, audible=False)
    player.say(["screen.idle", "earcon.card"], "ja")
    player.say(["screen.done"], "xx")                     # an unknown language falls back to English
    assert player.history == [("ja", "screen.idle"), ("ja", "earcon.card"), ("en", "screen.done")]
    assert caplog.text.count("missing") == 1 and not player.busy
    silent = PromptPlayer(audible=False)                   # the rendered files, no device to play them
    silent.say(["screen.idle", "earcon.card"], "ja")
    assert silent.history == [("ja", "screen.idle"), ("ja", "earcon.card")] and not silent.busy
    assert caplog.text.count("missing") == 1


def test_the_volume_setting_reaches_the_player(qtbot):
    window, *_ = make_window(qtbot, voice_volume=35)
    assert window.voice.player._volume == 0.35
    window.apply_settings(window.settings.with_changes(voice_volume=60))   # staff change it live
    assert window.voice.player._volume == 0.6


def test_a_staff_change_of_the_languages_shows_in_the_header_at_once(qtbot):
    window, *_ = make_window(qtbot)
    press(qtbot, window, "English")
    window.apply_settings(window.settings.with_changes(languages=["ja"]))
    shown = [k.text() for k in window.header.findChildren(QPushButton)
             if k.objectName() == "language" and not k.isHidden()]
    assert shown == ["日本語"]                      # at once, before Qt deletes the old keys
    assert window.languages.current == "ja" and window.current().title.text() == "マイナンバーカードを置いてください"
    window.voice.replay()
    assert window.voice.player.history[-1] == ("ja", "placement.tray")   # no other language offered
    keypad(qtbot, window, Qt.Key.Key_Asterisk)
    assert window.languages.current == "ja"
    window.apply_settings(window.settings.with_changes(languages=["ja", "en"]))
    qtbot.waitUntil(lambda: len([k for k in window.header.findChildren(QPushButton)
                                 if k.objectName() == "language"]) == 2)
    press(qtbot, window, "English")
    assert window.languages.current == "en"


def test_the_countdown_is_said_once_each_time_it_appears(qtbot):
    runner = FakeRunner(seconds=45.0)
    window, *_ = make_window(qtbot, runner=runner)
    window.tick()
    assert "countdown" not in said(window)
    runner.seconds = 7.0
    window.tick()                                     # the window's clock reads the seconds left
    assert said(window).count("countdown") == 1
    window.tick()
    window.tick()                                     # two more ticks: still showing, not said again
    assert said(window).count("countdown") == 1
    runner.seconds = 60.0                             # a key was pressed: full time again
    window.tick()
    assert window.countdown.isHidden()
    runner.seconds = 5.0
    window.tick()
    assert said(window).count("countdown") == 2


class Playing:
    """Stands in for the sound QtMultimedia is playing (no audio device here)."""

    def __init__(self, prompt: str) -> None:
        self.prompt, self.stopped = prompt, False

    def property(self, _name: str) -> str:
        return self.prompt

    def stop(self) -> None:
        self.stopped = True


def test_identity_confirmed_is_heard_to_its_end_before_the_next_screen_speaks(qtbot):
    from ui.voice import UNCUT
    player = PromptPlayer(audible=False)
    beat = player._playing = Playing("screen.identified")
    player.say(["screen.querying"], "ja", uncut=UNCUT)
    assert not beat.stopped and player._playing is beat
    assert list(player._queue) == [("screen.querying", "ja")]     # said next, not dropped
    query = player._playing = Playing("screen.querying")
    player.say(["screen.consent_all"], "ja", uncut=UNCUT)
    assert query.stopped                                          # anything else is cut as before
