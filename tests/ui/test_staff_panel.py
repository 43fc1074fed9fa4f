"""The staff side through the real kiosk window on the demo wiring: the hidden ways in, the
password and its lockout, the modes changing what patients may choose, the settings form (live,
persisted, audited, refused with the schema's reason), the dashboard and the exit."""
from __future__ import annotations

import json
import tomllib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from kiosk.staff.passwords import check_visual_check_password
from kiosk.config.settings import SCHEMA, Who
from kiosk.staff.staff_access import DEMO_STAFF_PASSWORD, StaffAccess
from tests.ui.driving import FAST, step_of
from tests.ui.staff_driving import close_panel, open_panel, open_settings_form, tab, type_password
from ui.staff.desk import HOLD_MS

pytestmark = pytest.mark.e2e


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def staff_actions(demo, kind: str) -> list:
    return [a for a in demo.kiosk.audit.store.staff_actions() if a.kind == kind]


def settings_changes(demo) -> dict[str, list[tuple]]:
    """Each audited settings change as (from, to, who), by setting, in order."""
    changes: dict[str, list[tuple]] = {}
    for action in staff_actions(demo, "settings_change"):
        detail = action.detail
        change = (detail.get("from"), detail.get("to"), detail["who"])   # a password has neither
        changes.setdefault(detail["key"], []).append(change)
    return changes


def card_on_reader(demo) -> None:
    """The valid adult's card placed: the kiosk asks how to confirm who they are."""
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")


def saved_settings(demo) -> dict:
    return tomllib.loads(demo.window.staff.editor.path.read_text(encoding="utf-8"))


def test_a_long_press_in_the_top_left_corner_and_the_password_open_the_panel(demo_factory):
    demo = demo_factory()
    desk, qtbot = demo.window.staff, demo.qtbot
    corner = QPoint(10, 10)
    # The hold is a single-shot Qt timer: the test reads its state and fires it when the press
    # has lasted HOLD_MS, instead of waiting out real seconds.
    qtbot.mousePress(demo.window, Qt.MouseButton.LeftButton, pos=corner)
    assert desk.hold.isActive() and desk.hold.interval() == HOLD_MS
    qtbot.mouseRelease(demo.window, Qt.MouseButton.LeftButton, pos=corner)
    assert not desk.hold.isActive() and not desk.is_open()   # a short press is only a touch
    qtbot.mousePress(demo.window, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert not desk.hold.isActive()                            # a long press elsewhere starts nothing
    qtbot.mouseRelease(demo.window, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert not desk.is_open()
    qtbot.mousePress(demo.window, Qt.MouseButton.LeftButton, pos=corner)
    assert desk.hold.isActive()
    desk.hold.stop()
    desk.hold.timeout.emit()                                   # HOLD_MS have passed
    assert desk.prompt.isVisible()
    qtbot.mouseRelease(demo.window, Qt.MouseButton.LeftButton, pos=corner)
    assert not desk.panel.isVisible()
    type_password(demo, DEMO_STAFF_PASSWORD)
    qtbot.waitUntil(desk.panel.isVisible, timeout=FAST)
    assert [a.detail["accepted"] for a in staff_actions(demo, "staff_login")] == [True]
    close_panel(demo)
    assert step_of(demo.window) == "idle"


def tick_lock(desk) -> None:
    """The lock's countdown ticks once a second while it runs: tick it now, after moving the clock."""
    assert desk.prompt.ticker.isActive() and desk.prompt.ticker.interval() == 1000
    desk.prompt.ticker.timeout.emit()


@pytest.mark.expect_log('wrong staff password \\(\\d+ in a row\\)')   # wrong passwords on purpose
def test_wrong_passwords_lock_the_prompt_for_a_growing_time_across_a_restart(demo_factory, tmp_path):
    demo = demo_factory()
    desk = demo.window.staff
    desk.access.clock = clock = Clock()
    desk.open_prompt()
    for _ in range(2):
        type_password(demo, "1111")
        demo.see("パスワードが違います / Wrong password")
        assert desk.prompt.ok.isEnabled()
    type_password(demo, "1111")
    demo.see("あと 30 秒お待ちください")
    assert not desk.prompt.ok.isEnabled() and not desk.prompt.keypad.keys["1"].isEnabled()
    clock.now += 31
    tick_lock(desk)
    assert desk.prompt.ok.isEnabled()
    type_password(demo, "2222")
    demo.see("あと 60 秒お待ちください")
    assert StaffAccess(tmp_path / "config", clock=clock).locked_for() == pytest.approx(60)
    clock.now += 61
    tick_lock(desk)
    assert desk.prompt.ok.isEnabled()
    type_password(demo, DEMO_STAFF_PASSWORD)
    demo.qtbot.waitUntil(desk.panel.isVisible, timeout=FAST)
    assert "1111" not in repr(demo.kiosk.audit.store.staff_actions())


def method_buttons(demo) -> set[str]:
    methods = demo.window.screens[demo.window.shown[0]].buttons
    return {m.value for m, b in methods.items() if b.isVisible()}


def test_each_mode_changes_what_the_patient_may_choose(demo_factory):
    demo = demo_factory()
    window, desk = demo.window, demo.window.staff
    assert desk.badge.text() == "A S"
    assert demo.window.screens[window.shown[0]].phone.isVisible()
    open_panel(demo)
    demo.press("受け付けない\nRefuse")
    close_panel(demo)
    assert not window.screens[window.shown[0]].phone.isVisible()    # the idle screen's phone button
    assert desk.badge.text() == "A"
    card_on_reader(demo)
    assert method_buttons(demo) == {"face", "pin"}
    for button, badge, offered in (("暗証番号のみ\nPIN only", "P", {"pin"}),
                                   ("目視確認\nVisual check", "V", {"staff"}),
                                   ("自動 (顔認証・暗証番号)\nAutomatic (face or PIN)", "A", {"face", "pin"})):
        open_panel(demo)
        demo.press(button)
        close_panel(demo)
        assert step_of(window) == "method_choice"
        assert method_buttons(demo) == offered       # the screen shown is drawn again at once
        assert desk.badge.text() == badge
        assert demo.kiosk.machine.settings.staff_mode.value == saved_settings(demo).get(
            "staff_mode", "automatic")
    assert settings_changes(demo)["staff_mode"] == [("automatic", "pin_only", "staff"),
                                                    ("pin_only", "visual_check", "staff"),
                                                    ("visual_check", "automatic", "staff")]


def test_a_settings_change_is_applied_live_persisted_and_audited(demo_factory):
    demo = demo_factory()
    form = open_settings_form(demo)
    headings = [w.text() for w in form.findChildren(QLabel, "staff_heading")]
    assert headings[:len(SCHEMA)] == [f"{s.title_ja} / {s.title_en}" for s in SCHEMA]   # the schema's titles
    form.fields["screen_timeout_seconds"].number.setValue(45)
    form.fields["pin_scrambled"].toggle.click()
    demo.press("保存する / Save")
    demo.see("2 件を保存しました / Saved 2")
    assert demo.kiosk.machine.settings.screen_timeout_seconds == 45
    assert demo.window.screens[demo.window.shown[0]].settings.pin_scrambled is True
    saved = saved_settings(demo)
    assert saved["screen_timeout_seconds"] == 45 and saved["pin_scrambled"] is True
    assert settings_changes(demo) == {"screen_timeout_seconds": [(60, 45, "staff")],
                                      "pin_scrambled": [(False, True, "staff")]}
    card_on_reader(demo)    # the live machine times the next screen with the new value
    assert 40 < demo.kiosk.runner.seconds_left() <= 45


def test_an_invalid_value_is_refused_with_the_schemas_reason(demo_factory):
    demo = demo_factory()
    form = open_settings_form(demo)
    form.fields["languages"].text.setText("en, ja")
    form.fields["face_attempts"].number.setValue(0)
    form.fields["pin_scrambled"].toggle.click()       # a valid change is not saved alone either
    demo.press("保存する / Save")
    demo.see("保存していません")
    assert form.problems["languages"].isVisible()
    assert 'must start with "ja"' in form.problems["languages"].text()
    assert "must be from 1 to 10" in form.problems["face_attempts"].text()
    assert not form.problems["pin_scrambled"].isVisible()
    assert not demo.window.staff.editor.path.exists() and staff_actions(demo, "settings_change") == []
    assert demo.kiosk.machine.settings.languages == ["ja", "en"]
    assert not form.fields["institution_code"].isEnabled()      # vendor settings: read-only


def test_the_visual_check_password_is_changed_and_audited_without_its_value(demo_factory, tmp_path):
    demo = demo_factory()
    desk = demo.window.staff
    open_panel(demo)
    (visual, _staff) = [f for f in desk.settings_form.findChildren(type(desk.setup))]
    visual.first.setText("8642")
    visual.again.setText("8642")
    visual.set_button.click()
    demo.qtbot.waitUntil(lambda: visual.message.text() == "設定しました / Password set", timeout=FAST)
    assert check_visual_check_password("8642", tmp_path / "config" / "visual-check-password.json")
    (action,) = staff_actions(demo, "settings_change")
    assert action.detail == {"key": "visual_check_password", "who": "staff"}


@pytest.mark.expect_log('wrong staff password \\(\\d+ in a row\\)')   # wrong passwords on purpose
def test_the_staff_password_changes_only_with_the_current_one(demo_factory, tmp_path):
    demo = demo_factory()
    desk = demo.window.staff
    open_panel(demo)
    (_visual, staff) = [f for f in desk.settings_form.findChildren(type(desk.setup))]
    assert not staff.current.isHidden() and _visual.current.isHidden()

    def change(current: str, new: str, answer: str) -> None:
        staff.current.setText(current)
        staff.first.setText(new)
        staff.again.setText(new)
        staff.set_button.click()
        demo.qtbot.waitUntil(lambda: staff.message.text() == answer, timeout=FAST)

    change("1111", "97531", "設定できません / Not set: the current password is wrong")
    lockout = json.loads((tmp_path / "config" / "staff-lockout.json").read_text(encoding="utf-8"))
    assert lockout["failures"] == 1                             # a wrong current one counts
    access = StaffAccess(tmp_path / "config")
    assert access.try_password(DEMO_STAFF_PASSWORD).accepted    # unchanged
    change(DEMO_STAFF_PASSWORD, "97531", "設定しました / Password set")
    assert access.try_password("97531").accepted
    assert not [f for f in (staff.current, staff.first, staff.again) if f.text()]   # nothing left typed


def pin_check_in(demo) -> None:
    """The valid adult checks in by PIN and agrees to all, through the window's buttons."""
    card_on_reader(demo)
    demo.press("暗証番号（4桁）")
    demo.press(*"1234")
    demo.press("OK")
    demo.wait_for("consent_all")
    demo.press("すべて同意する")
    demo.wait_for("done")


def test_a_new_result_folder_encoding_and_code_take_the_next_result(demo_factory, tmp_path):
    demo = demo_factory()
    moved = tmp_path / "moved-results"
    moved.mkdir()          # the new share exists: the kiosk never creates a result folder
    demo.window.staff.editor.change({"result_folder": str(moved), "result_encoding": "shift_jis",
                                     "institution_code": "2712345678"}, Who.VENDOR)
    pin_check_in(demo)
    (written,) = moved.glob("OQSsiquc01res_face_2712345678*.xml")
    assert b'encoding="Shift_JIS"' in written.read_bytes()[:80]
    assert demo.no_result()


def test_the_dashboard_counts_todays_check_in_and_exports_it(demo_factory, tmp_path):
    demo = demo_factory()
    pin_check_in(demo)
    demo.tray.take()
    demo.wait_for("idle")
    desk = demo.window.staff
    open_panel(demo)
    tab(demo, "本日の状況 / Today")
    demo.qtbot.waitUntil(lambda: desk.dashboard.board is not None
                         and desk.dashboard.board.checkins == 1, timeout=FAST)
    assert desk.dashboard.board.by_outcome == {"written": 1}
    assert desk.dashboard.board.by_method == {"pin": 1}
    assert "受付 1 件" in desk.dashboard.summary.text()
    desk.dashboard.folder.setText(str(tmp_path))
    demo.press("CSV 書き出し / Export CSV")
    demo.qtbot.waitUntil(lambda: "1 件を書き出しました" in desk.dashboard.export_status.text(),
                         timeout=FAST)
    (exported,) = tmp_path.glob("oqs-audit_*.csv")
    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and ",pin," in lines[1]
    assert "試験" not in exported.read_text(encoding="utf-8-sig")     # no names
    assert staff_actions(demo, "audit_export")[0].detail["rows"] == 1


def test_the_panel_closes_itself_and_only_it_leaves_the_kiosk(demo_factory):
    demo = demo_factory()
    desk = demo.window.staff
    desk.editor.change({"staff_panel_timeout_seconds": 1}, Who.STAFF)
    open_panel(demo)
    assert desk.idle.isActive() and desk.idle.interval() == 1000
    desk.idle.stop()
    desk.idle.timeout.emit()                         # the second has passed with nobody touching
    assert not desk.is_open()
    quits = []
    desk.exit_page.quit_kiosk = lambda: quits.append(True)
    open_panel(demo)
    tab(demo, "終了 / Exit")
    demo.press("全画面に戻す / Back to full screen")
    demo.qtbot.waitUntil(demo.window.isFullScreen, timeout=FAST)
    demo.press("全画面を終了する / Leave full screen")
    demo.qtbot.waitUntil(lambda: not demo.window.isFullScreen(), timeout=FAST)
    demo.press("受付を終了する / Quit the kiosk")
    assert quits == []                              # one press only asks again
    demo.press("もう一度押すと終了します / Press again to quit")
    assert quits == [True]
    demo.qtbot.keyClick(demo.window, Qt.Key.Key_Escape)
    demo.window.close()
    assert demo.window.isVisible()                  # the patient side cannot close it


def test_first_start_without_a_staff_password_asks_for_one(demo_factory, tmp_path):
    demo = demo_factory()
    desk = demo.window.staff
    desk.access.password_path.unlink()
    desk.open_prompt()
    assert desk.setup.isVisible() and not desk.prompt.isVisible()
    desk.setup.first.setText("97531")
    desk.setup.again.setText("97531")
    desk.setup.set_button.click()
    demo.qtbot.waitUntil(desk.panel.isVisible, timeout=FAST)
    assert StaffAccess(tmp_path / "config").try_password("97531").accepted


def test_the_self_test_runs_on_the_panel_one_line_per_check(demo_factory):
    from kiosk.tools.selftest import CHECKS
    demo = demo_factory()
    desk = demo.window.staff
    open_panel(demo)
    tab(demo, "自己診断 / Self-test")
    demo.press("自己診断を実行 / Run the self-test")
    demo.see("すべて正常です / All checks passed", timeout=120_000)
    lines = [desk.selftest.lines.item(i).text() for i in range(desk.selftest.lines.count())]
    assert [line.split(" ", 2)[:2] for line in lines] == [["[", "OK"]] * len(CHECKS)
    assert lines[0].startswith("[ OK ] 設定ファイル / Settings file")


def test_the_consent_checklist_keeps_the_order_staff_give_it(demo_factory):
    demo = demo_factory()
    checklist = open_settings_form(demo).fields["consent_items"]
    checklist.items.setCurrentRow(1)                           # 特定健診, asked second
    demo.press("▲")
    checklist.items.item(2).setCheckState(Qt.CheckState.Checked)   # 診療情報
    demo.press("保存する / Save")
    demo.see("1 件を保存しました / Saved 1")
    assert [item.value for item in demo.kiosk.machine.settings.consent_items] == [
        "health_checkups", "medication", "diagnosis"]
    assert saved_settings(demo)["consent_items"] == ["health_checkups", "medication", "diagnosis"]
