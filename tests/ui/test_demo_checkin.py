"""Check-ins end to end through the real window on the demo's wiring, one per persona and path:
the patient's hand places the card on the demo tray, every other step is a click or a key press
on a visible widget; the screens shown and the result file written are checked."""
from __future__ import annotations

import logging
import re

import pytest
from PySide6.QtCore import Qt

from kiosk.core.clock import ManualClock
from kiosk.core.session import Step
from kiosk.staff.passwords import DEMO_VISUAL_CHECK_PASSWORD
from tests.ui.driving import FAST, visible_buttons

pytestmark = pytest.mark.e2e

PIN_PATH = ["reading", "method_choice", "pin_entry", "pin_verifying", "identified", "querying"]


def type_pin(demo, pin: str) -> None:
    demo.press(*pin)
    demo.press("OK")


def finish(demo, *, prescription: str | None = "電子処方箋") -> None:
    """Consent to all (and answer the prescription question), take the card when told."""
    demo.wait_for("consent_all")
    demo.press("すべて同意する")
    if prescription:
        demo.wait_for("prescription")
        demo.press(prescription)
    demo.wait_for("done")
    demo.see("カードをお取りください。")
    demo.tray.take()
    demo.wait_for("idle")


@pytest.mark.parametrize("pcscd", [False, True], ids=["in-process", "pcscd"])
def test_pin_path_writes_the_result(demo_factory, pcscd):
    demo = demo_factory(eprescription_question=True, pcscd=pcscd)
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    demo.see("2 / 4   本人確認")
    demo.press("暗証番号（4桁）")
    demo.see("あと3回入力できます。")
    type_pin(demo, "1234")
    finish(demo)
    assert demo.shown == PIN_PATH + ["consent_all", "prescription", "writing", "done", "idle"]
    result = demo.result()
    assert result["PrescriptionIssueSelect"] == "1" and result["PharmacistsInfoConsFlg"] == "1"
    assert result["QualificationValidity"] == "1"


@pytest.mark.parametrize("pcscd", [False, True], ids=["in-process", "pcscd"])
def test_face_path_with_the_recorded_camera(demo_factory, pcscd):
    demo = demo_factory(pcscd=pcscd)
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    demo.press("顔認証")
    demo.wait_for("face_capture")
    picture = demo.window.screens[demo.window.shown[0]].picture
    demo.qtbot.waitUntil(lambda: not picture.image.isNull(), timeout=5000)   # the live preview
    finish(demo, prescription=None)
    assert demo.shown[:4] == ["reading", "method_choice", "face_preparing", "face_capture"]
    assert demo.shown[4:] == ["identified", "querying", "consent_all", "writing", "done", "idle"]
    assert demo.result()["QualificationValidity"] == "1"
    assert picture.image.isNull()        # the last frame is gone with the visit


def test_english_pin_path_then_the_next_patient_starts_in_japanese(demo_factory):
    demo = demo_factory()
    demo.press("English")
    demo.see("Please place your My Number card")
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    demo.press("PIN (4 digits)")
    demo.see("You can try 3 more times.")
    type_pin(demo, "1234")
    demo.wait_for("consent_all")
    demo.press("Choose one by one")
    demo.wait_for("consent_item")
    demo.see("Past medication")
    demo.press("Agree")
    demo.see("Health check-up results")
    demo.press("Do not agree")
    demo.wait_for("done")
    demo.press("OK")
    demo.wait_for("idle")
    demo.see("マイナンバーカードを置いてください")
    result = demo.result()
    assert result["PharmacistsInfoConsFlg"] == "1" and result["SpecificHealthCheckupsInfoConsFlg"] == "0"


def test_keyboard_pin_entry_and_a_wrong_pin(demo_factory):
    demo = demo_factory()
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    demo.press("暗証番号（4桁）")
    demo.wait_for("pin_entry")
    screen = demo.window.current()
    demo.qtbot.keyClicks(screen, "0000")
    demo.qtbot.keyClick(screen, Qt.Key.Key_Return)
    demo.see("あと2回入力できます。")
    assert demo.shown[-2:] == ["pin_verifying", "pin_entry"]
    assert "残り1回" not in demo.text()
    demo.tray.take()
    demo.wait_for("idle")
    assert demo.no_result()


def test_last_try_is_warned_before_typing(demo_factory, caplog):
    caplog.set_level(logging.DEBUG)
    demo = demo_factory()
    demo.tray.place("pin_one_try_left")
    demo.wait_for("method_choice")
    demo.press("暗証番号（4桁）")
    assert "あと1回入力できます。" not in demo.text()    # the last-try warning says it, and more
    demo.see("残り1回です。間違えるとカードがロックされ")
    type_pin(demo, "3690")
    finish(demo, prescription=None)
    assert demo.result()["QualificationValidity"] == "1"
    assert "visit 1" in caplog.text and not re.search(r"\b3690\b", caplog.text)   # never logged


def test_locked_pin_offers_face_and_staff_then_the_staff_check(demo_factory, caplog):
    caplog.set_level(logging.DEBUG)
    demo = demo_factory()
    demo.tray.place("pin_locked")
    demo.wait_for("method_choice")
    text = demo.text()
    assert "ロックされています" in text and "コード 003" in text and "市区町村" in text
    assert "顔認証" in text and "職員による確認" in text and "暗証番号（4桁）" not in text
    demo.press("職員による確認")
    demo.wait_for("staff_check")
    staff = demo.window.current()
    demo.qtbot.waitUntil(lambda: not staff.photo.image.isNull(), timeout=5000)   # chip photo
    demo.qtbot.waitUntil(lambda: not staff.live.image.isNull(), timeout=5000)    # live picture
    demo.press("9", "9", "9", "9", "本人と確認")
    demo.see("パスワードが違います")
    assert demo.window.shown[0].value == "staff_check"
    demo.press(*DEMO_VISUAL_CHECK_PASSWORD, "本人と確認")
    finish(demo, prescription=None)
    assert demo.shown[:3] == ["reading", "method_choice", "staff_check"]
    assert demo.result()["QualificationValidity"] == "1"
    assert not re.search(rf"\b({DEMO_VISUAL_CHECK_PASSWORD}|9999)\b", caplog.text)   # never logged


@pytest.mark.expect_log('LoadChipPhoto failed: 001 CARD_UNREADABLE: CardRemoved')   # the card may leave while its photo still loads for staff
def test_visual_check_mode_and_staff_refusal(demo_factory):
    demo = demo_factory(staff_mode="visual_check")
    demo.tray.place("valid_adult")
    demo.wait_for("staff_check")
    demo.press("本人と確認できない")
    demo.wait_for("problem")
    demo.see("コード 015")
    demo.tray.take()
    demo.wait_for("idle")
    assert demo.shown == ["reading", "staff_check", "problem", "idle"]
    assert demo.no_result()


@pytest.mark.expect_log('LoadChipPhoto failed: 001 CARD_UNREADABLE: CardRemoved')   # as in the rejected case: the photo may still load as the card leaves
def test_visual_check_mode_confirmed(demo_factory):
    demo = demo_factory(staff_mode="visual_check")
    demo.tray.place("valid_adult")
    demo.wait_for("staff_check")
    demo.press(*DEMO_VISUAL_CHECK_PASSWORD, "本人と確認")
    finish(demo, prescription=None)
    assert demo.shown == ["reading", "staff_check", "identified", "querying", "consent_all", "writing",
                          "done", "idle"]
    assert demo.result()["QualificationValidity"] == "1"


def test_android_phone(demo_factory):
    demo = demo_factory()
    demo.press("スマートフォンで受付する")
    demo.wait_for("phone_guide")
    demo.press("Android")
    demo.see("暗証番号（4桁）をこの画面で入力")
    demo.tray.place("android_phone")
    demo.wait_for("pin_entry")
    demo.see("スマホ用電子証明書の暗証番号（4桁）を入力してください")
    type_pin(demo, "2580")
    finish(demo, prescription=None)
    assert demo.shown[:4] == ["phone_guide", "reading", "pin_entry", "pin_verifying"]
    assert demo.result()["QualificationValidity"] == "1"


def test_iphone(demo_factory):
    demo = demo_factory()
    demo.press("スマートフォンで受付する")
    demo.wait_for("phone_guide")
    demo.press("iPhone")
    demo.see("Face ID")
    demo.tray.place("iphone")
    finish(demo, prescription=None)
    assert demo.shown == ["phone_guide", "reading", "identified", "querying", "consent_all", "writing",
                          "done", "idle"]
    assert demo.result()["QualificationValidity"] == "1"


def test_phones_refused_when_the_clinic_does_not_take_them(demo_factory):
    demo = demo_factory(smartphone_enabled=False)
    assert "スマートフォンで受付する" not in demo.text()
    demo.tray.place("android_phone")
    demo.wait_for("problem")
    demo.see("コード 005")


@pytest.mark.parametrize("persona, pin, notice, code", [
    ("expiring_soon", "2468", "3か月以内に切れます", "W01"),
    ("grace_expired", "1357", "保険の資格のみ確認しました", "W02"),
])
def test_certificate_notices_on_the_done_screen(demo_factory, persona, pin, notice, code):
    demo = demo_factory()
    demo.tray.place(persona)
    demo.wait_for("method_choice")
    demo.press("暗証番号（4桁）")
    type_pin(demo, pin)
    if persona == "expiring_soon":
        demo.wait_for("consent_all")
        demo.press("すべて同意する")
    demo.wait_for("done")                 # in the grace period no consent is asked
    assert notice in demo.text()
    assert demo.result()["ProcessingResultCode"] == code


@pytest.mark.parametrize("persona, pin, code", [
    ("expired", "9753", "006"), ("revoked", "8642", "006"), ("forged", "1111", "007"),
])
@pytest.mark.expect_log('ConfirmQualification failed: 00[67] CERTIFICATE_')   # the refusal it provokes
def test_refused_certificates_show_code_and_next_step(demo_factory, persona, pin, code):
    demo = demo_factory()
    demo.tray.place(persona)
    demo.wait_for("method_choice")
    demo.press("暗証番号（4桁）")
    type_pin(demo, pin)
    demo.wait_for("problem")
    demo.see(f"コード {code}")
    assert "2 / 4   本人確認" in demo.text()   # the stage it failed in: before any consent
    demo.press("English")
    demo.see(f"Code {code}")
    demo.press("OK")
    demo.wait_for("idle")
    assert demo.no_result()


@pytest.mark.expect_log('LoadChipPhoto failed: 018 NO_CHIP_PHOTO')   # the card without a photo
def test_infant_card_without_photo_falls_back_to_pin(demo_factory):
    demo = demo_factory()
    demo.tray.place("infant_no_photo")
    demo.wait_for("method_choice")
    demo.press("顔認証")
    demo.see("コード 018")
    assert "顔認証" not in [b.text() for b in visible_buttons(demo.window)]
    demo.press("暗証番号（4桁）")
    type_pin(demo, "5050")
    finish(demo, prescription=None)
    assert demo.result()["QualificationValidity"] == "1"


def test_face_only_card_starts_the_camera_directly(demo_factory):
    demo = demo_factory()
    demo.tray.place("face_only_no_pin")
    demo.wait_for("consent_all", timeout=60_000)     # face matching on a busy machine
    finish(demo, prescription=None)
    assert demo.shown[:3] == ["reading", "face_preparing", "face_capture"]
    assert demo.result()["QualificationValidity"] == "1"


@pytest.mark.parametrize("pcscd", [False, True], ids=["in-process", "pcscd"])
def test_card_removed_mid_flow_returns_to_idle_and_writes_nothing(demo_factory, pcscd):
    demo = demo_factory(pcscd=pcscd)
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    demo.press("暗証番号（4桁）")
    demo.press("1", "2")
    demo.tray.take()
    demo.wait_for("idle")
    assert "コード 013" in demo.text() and "途中でカードが取り出されました。" in demo.text()
    assert demo.shown == ["reading", "method_choice", "pin_entry", "idle"]
    assert demo.no_result()


def test_timeout_counts_down_and_a_touch_extends_it(demo_factory):
    clock = ManualClock()
    demo = demo_factory(screen_timeout_seconds=2, clock=clock)
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    countdown, window = demo.window.countdown, demo.window
    window.tick()
    assert countdown.isVisible() and "あと2秒で最初の画面に戻ります" in countdown.text()
    clock.advance(1.25)               # binary fractions: the sums below are exact
    window.tick()
    assert "あと1秒" in countdown.text()
    demo.qtbot.mouseClick(window.current(), Qt.MouseButton.LeftButton)   # a touch anywhere
    window.tick()
    assert "あと2秒" in countdown.text()
    clock.advance(1.5)
    window.tick()
    assert demo.kiosk.machine.step is Step.METHOD_CHOICE and "あと1秒" in countdown.text()
    clock.advance(0.5)                # the full two seconds since the touch
    demo.wait_for("idle")
    demo.see("コード 014")
    assert not countdown.isVisible()
    assert demo.no_result()


def test_someone_else_in_front_of_the_camera_is_offered_pin_then_staff(demo_factory, tmp_path):
    """Real weights, a camera showing another person: face guidance in plain words, the match
    fails twice, the PIN and the staff check are offered beside problem 004."""
    import cv2
    from faceauth import CameraSource, FaceMatcher, sample_faces
    stranger = sample_faces.people(FaceMatcher.load().detect)[1]
    frames = tmp_path / "stranger"
    frames.mkdir()
    for index, frame in enumerate(sample_faces.recorded_session(stranger, count=20)):
        cv2.imwrite(str(frames / f"{index:03d}.png"), frame)   # a public test photo, not a patient
    demo = demo_factory(open_camera=lambda **kw: CameraSource(frames, loop=True, **kw))
    demo.tray.place("valid_adult")
    demo.press("顔認証")
    demo.wait_for("face_capture")
    guidance = demo.window.screens[demo.window.shown[0]].guidance
    demo.qtbot.waitUntil(lambda: guidance.text() != "", timeout=FAST)
    demo.wait_for("method_choice", timeout=30_000)
    demo.see("コード 004")
    buttons = [b.text() for b in visible_buttons(demo.window)]
    assert "暗証番号（4桁）" in buttons and "職員による確認" in buttons and "顔認証" not in buttons
    demo.press("暗証番号（4桁）")
    type_pin(demo, "1234")
    finish(demo, prescription=None)
    assert demo.shown[:4] == ["reading", "method_choice", "face_preparing", "face_capture"]
    assert demo.result()["QualificationValidity"] == "1"
