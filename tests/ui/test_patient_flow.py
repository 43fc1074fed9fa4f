"""Patient flow as clinics run it (issue 18), through the real window on the demo wiring: a visit
whose qualification was confirmed always ends in exactly one result file, whichever question the
patient leaves and how; the "identity confirmed" beat; endings whose title, sound and panel agree;
the reader's own card placement; the 目視 check answered from the staff panel."""
from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from kiosk.gateway import SimulatedGateway
from kiosk.gateway.messages import Validity
from kiosk.staff.passwords import DEMO_VISUAL_CHECK_PASSWORD
from kiosk.core.clock import ManualClock
from kiosk.core.session import IDENTITY_BEAT_SECONDS, Step, Visit
from kiosk.staff.staff_access import DEMO_STAFF_PASSWORD
from kiosk.config.settings import CardPlacement
from tests.ui.driving import FAST
from tests.ui.staff_driving import open_panel, tab

pytestmark = pytest.mark.e2e

CONSENT_FLAGS = ("PharmacistsInfoConsFlg", "SpecificHealthCheckupsInfoConsFlg")


def spoken(demo) -> list[str]:
    return [prompt for _language, prompt in demo.window.voice.player.history]


def to_pin_checked(demo) -> None:
    demo.tray.place("valid_adult")
    demo.press("暗証番号（4桁）")
    demo.press(*"1234")
    demo.press("OK")


def reach(demo, step: str) -> None:
    """From a confirmed qualification to the question `step`, answering what comes before it:
    per item, the first item agreed; for the prescription, all agreed."""
    demo.wait_for("consent_all")
    if step == "consent_item":
        demo.press("項目ごとに選ぶ")
        demo.wait_for("consent_item")
        demo.see("過去のお薬")
        demo.press("同意する")
        demo.see("健診")
    elif step == "prescription":
        demo.press("すべて同意する")
        demo.wait_for("prescription")


# What the file says after leaving at each question: answers given stay, the rest are not given.
EXPECTED_FLAGS = {"consent_all": ("0", "0"), "consent_item": ("1", "0"), "prescription": ("1", "1")}
QUESTIONS = list(EXPECTED_FLAGS)


def dashboard_outcomes(demo) -> dict[str, int]:
    """Today's check-ins by outcome, as staff see them on the panel's dashboard."""
    open_panel(demo)
    tab(demo, "本日の状況 / Today")
    desk = demo.window.staff
    demo.qtbot.waitUntil(lambda: desk.dashboard.board is not None
                         and desk.dashboard.board.checkins == 1, timeout=FAST)
    return desk.dashboard.board.by_outcome


@pytest.mark.parametrize("question", QUESTIONS)
def test_card_taken_at_a_question_still_writes_the_confirmed_result(demo_factory, question):
    demo = demo_factory(eprescription_question=True)
    to_pin_checked(demo)
    reach(demo, question)
    demo.tray.take()
    demo.wait_for("idle")
    demo.see("コード 020")
    demo.see("カードが途中で取り出されました。")
    demo.see("保険の確認だけを、同意なしで受付に送りました。")
    assert demo.shown[-2:] == ["writing", "idle"]
    result = demo.result()                                 # exactly one file
    assert result["QualificationValidity"] == "1"
    assert tuple(result[flag] for flag in CONSENT_FLAGS) == EXPECTED_FLAGS[question]
    assert "PrescriptionIssueSelect" not in result          # format not chosen
    assert dashboard_outcomes(demo) == {"unanswered": 1}   # counted apart, not as written
    assert "problem.020" in spoken(demo) and "next.sent_to_reception" in spoken(demo)


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_answer_at_a_question_writes_the_result_and_sends_the_patient_to_reception(
        demo_factory, question):
    clock = ManualClock(start=datetime.now().astimezone())   # today, as the dashboard counts
    demo = demo_factory(eprescription_question=True, clock=clock)
    to_pin_checked(demo)
    demo.wait_for("identified")
    clock.advance(IDENTITY_BEAT_SECONDS)      # the beat before the insurance query
    reach(demo, question)
    clock.advance(demo.kiosk.machine.settings.screen_timeout_seconds - 0.5)
    demo.window.tick()
    assert demo.kiosk.machine.step is Step(question) and demo.window.countdown.isVisible()
    clock.advance(0.5)                        # the whole screen timeout without a touch
    demo.wait_for("done")
    title = demo.window.current().title.text()
    assert title == "受付にお声がけください" and "完了" not in demo.text()
    demo.see("お答えがありませんでした。")
    demo.see("コード 021")
    said = spoken(demo)[spoken(demo).index("earcon.attention"):]
    assert said[:3] == ["earcon.attention", "problem.021", "next.sent_to_reception"]
    assert "see_reception" in said and "earcon.success" not in said and "screen.done" not in said
    result = demo.result()
    assert tuple(result[flag] for flag in CONSENT_FLAGS) == EXPECTED_FLAGS[question]
    assert "PrescriptionIssueSelect" not in result
    demo.tray.take()
    demo.wait_for("idle")
    assert len(list(demo.results.glob("*.xml"))) == 1       # never written twice
    assert dashboard_outcomes(demo) == {"unanswered": 1}


@pytest.mark.parametrize("validity, code, words", [
    (Validity.INVALID, "010", "保険の資格が無効です。"),
    (Validity.NOT_FOUND, "011", "保険の資格情報が見つかりませんでした。"),
])
def test_invalid_or_missing_insurance_ends_at_reception_with_the_attention_sound(
        demo_factory, validity, code, words):
    demo = demo_factory()
    registry = SimulatedGateway.open().registry      # the demo simulator's own registry file
    _validity, record = registry.person("valid_adult")
    registry.put_person("valid_adult", validity, None if validity is Validity.NOT_FOUND else record)
    to_pin_checked(demo)
    demo.wait_for("done")
    demo.see(f"コード {code}")
    assert words in demo.text()
    assert demo.window.current().title.text() == "受付にお声がけください"
    assert "完了" not in demo.text()                        # neither the title nor the step bar
    assert "4 / 4   受付へ" in demo.text()
    said = spoken(demo)
    assert "earcon.attention" in said and "earcon.success" not in said[said.index("screen.querying"):]
    assert demo.result()["QualificationValidity"] == str(validity.value)


def test_identity_confirmed_is_a_beat_before_the_query_and_the_step_bar_waits(demo_factory):
    demo = demo_factory()
    to_pin_checked(demo)
    demo.wait_for("identified")
    demo.see("✓ 本人確認ができました")
    assert "2 / 4   本人確認" in demo.text()
    demo.wait_for("consent_all")
    demo.see("3 / 4   同意")
    said = spoken(demo)
    beat = said.index("screen.identified")
    assert said[beat - 1] == "earcon.success" and said.index("screen.querying") > beat
    assert demo.shown[:6] == ["reading", "method_choice", "pin_entry", "pin_verifying",
                              "identified", "querying"]
    # the query itself may answer too quickly to catch its screen: show it as the bridge would
    demo.window.show_step(Step.QUERYING, Visit(), [])
    assert "2 / 4   本人確認" in demo.text()      # no 同意 before the insurance has answered


@pytest.mark.parametrize("placement, words, picture", [
    (CardPlacement.TRAY, "写真の面を上にして、カード置き場に置いてください。", "card-tray.svg"),
    (CardPlacement.SLOT, "写真の面を上にして、差し込み口に入れてください。", "card-slot.svg"),
    (CardPlacement.STAND, "写真の面を手前に向けて、カード立てに立ててください。", "card-stand.svg"),
])
def test_the_idle_screen_shows_and_says_the_installed_readers_placement(demo_factory, placement,
                                                                         words, picture):
    demo = demo_factory() if placement is CardPlacement.TRAY else \
        demo_factory(card_placement=placement.value)
    assert demo.kiosk.machine.settings.card_placement is placement   # the demo's default: tray
    idle = demo.window.current()
    demo.see(words)
    assert idle.placement is placement
    from ui.screens.idle import PICTURES
    assert PICTURES[placement] == picture and idle.picture.renderer().isValid()
    assert spoken(demo)[:2] == ["screen.idle", f"placement.{placement.value}"]
    demo.press("English")
    assert "photo" in demo.text() and "My Number card" in demo.text()


def open_panel_over_the_staff_check(demo) -> None:
    """Ctrl+Alt+S and the staff password on the prompt's own keypad (the patient screen's 目視
    pad shows the same digits beside it)."""
    staff = demo.window.staff
    demo.qtbot.keyClick(demo.window, Qt.Key.Key_S,
                        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    demo.qtbot.waitUntil(staff.prompt.isVisible, timeout=FAST)
    for digit in DEMO_STAFF_PASSWORD:
        demo.qtbot.mouseClick(staff.prompt.keypad.keys[digit], Qt.MouseButton.LeftButton)
    demo.qtbot.mouseClick(staff.prompt.ok, Qt.MouseButton.LeftButton)
    demo.qtbot.waitUntil(staff.panel.isVisible, timeout=FAST)


def test_the_visual_check_is_answered_from_the_staff_panel(demo_factory):
    demo = demo_factory(staff_mode="visual_check")
    demo.tray.place("valid_adult")
    demo.wait_for("staff_check")
    open_panel_over_the_staff_check(demo)
    staff = demo.window.staff
    assert staff.panel.tabs.currentWidget() is staff.visual_check
    demo.press("本人と確認 / Same person")
    demo.wait_for("consent_all")
    assert not staff.panel.isVisible()
    (answered,) = [a for a in demo.kiosk.audit.store.staff_actions()
                   if a.kind == "visual_check_from_panel"]
    assert answered.detail == {"same_person": True, "who": "staff"}
    demo.press("すべて同意する")
    demo.wait_for("done")
    assert demo.result()["QualificationValidity"] == "1"
    assert not any(DEMO_VISUAL_CHECK_PASSWORD in str(a.detail) for a in demo.kiosk.audit.store.staff_actions())


@pytest.mark.expect_log('LoadChipPhoto failed: 001 CARD_UNREADABLE: CardRemoved')   # each card may leave while its photo still loads
def test_the_staff_keypad_shuffles_says_the_patients_words_and_shows_only_dots(demo_factory):
    demo = demo_factory(staff_mode="visual_check", pin_scrambled=True)
    orders = set()
    for _visit in range(2):
        demo.tray.place("valid_adult")
        demo.wait_for("staff_check")
        pad = demo.window.current().pad
        orders.add(tuple(key.text() for key in pad.keys))
        assert (pad.clear_key.text(), pad.back_key.text()) == ("消去", "1字消す")   # as the PIN pad
        demo.press(*DEMO_VISUAL_CHECK_PASSWORD[:3])
        assert [dot.text() for dot in pad.dots] == ["●", "●", "●", ""]    # never a digit
        demo.tray.take()
        demo.wait_for("idle")
    assert len(orders) == 2          # a new order each visit (equal by chance: 1 in 10!)
    pin_screen = demo.window.screens[Step.PIN_ENTRY]
    pin_screen.show_visit(Visit(), [])                   # the patient's PIN pad, for comparison
    pin_pad = pin_screen.pad
    assert (pin_pad.clear_key.text(), pin_pad.back_key.text()) == ("消去", "1字消す")


def test_pin_screen_ok_sits_under_the_keypad_and_keys_are_96_px(demo_factory):
    demo = demo_factory()
    demo.tray.place("valid_adult")
    demo.press("暗証番号（4桁）")
    demo.wait_for("pin_entry")
    screen = demo.window.current()
    pad, ok = screen.pad, screen.ok
    keys = pad.keys + [pad.clear_key, pad.back_key]
    assert min(k.height() for k in keys) >= 96
    ok_box = ok.geometry()
    assert ok.parentWidget() is pad
    assert ok_box.top() > max(k.geometry().bottom() for k in keys)      # directly under
    assert pad.rect().left() <= ok_box.left() and ok_box.right() <= pad.rect().right()
    demo.press(*"123")
    assert not ok.isEnabled()
    disabled_height = ok.height()
    demo.press("4")
    assert ok.isEnabled() and ok.height() == disabled_height
    cancel = demo.window.header.cancel
    assert cancel.isVisible()
    demo.qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    demo.wait_for("idle")
