"""The kiosk as a vendor installs it (`python -m kiosk` without --demo), started as the entry
point starts it: settings.toml in the config folder, the card reader through a real private
pcscd with a virtual card behind vpcd, the embedded simulator, the real window, and no demo
passwords or demo control window."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.staff import passwords
from kiosk.config import settings as st
from kiosk.core.codes import Problem
from kiosk.core.session import Step
from kiosk.staff.staff_access import StaffAccess
from kiosk.composition.wiring import Kiosk
from tests.results.parse import parse_result
from tests.ui.driving import FAST, press, visible_text, wait_for_step
from ui.main_window import KioskWindow

pytestmark = pytest.mark.e2e

NO_CAMERA = "/nonexistent/camera.mp4"   # a clinic whose camera is unplugged


@dataclass
class Installed:
    qtbot: object
    window: KioskWindow
    kiosk: Kiosk
    controls: object
    pcscd: object
    personas: Path
    results: Path

    def place(self, persona_id: str) -> None:
        from reader.virtual.personas import open_card
        self.pcscd.insert(open_card(self.personas, persona_id))

    def wait_for(self, step: str) -> None:
        wait_for_step(self.qtbot, self.window, Step(step))

    def press(self, *texts: str) -> None:
        for text in texts:
            press(self.qtbot, self.window, text)


@pytest.fixture
def installed(qtbot, tmp_path, monkeypatch):
    """`start(staff_password=None)`: the installed kiosk over a fresh config and data folder."""
    from kiosk.composition.demo import prepare_personas
    from kiosk.gateway import SimulatedGateway
    from reader.testing.pcscd import shared_pcscd
    from ui.app import start_kiosk
    pcscd = shared_pcscd()     # before any PC/SC context: libpcsclite fixes its socket once
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    results = tmp_path / "results"
    results.mkdir()      # the share: the kiosk never creates a result folder it was given
    st.settings_file().write_text(f'institution_code = "1399999999"\nresult_folder = "{results}"\n'
                                  f'face_camera = "{NO_CAMERA}"\n', encoding="utf-8")
    # The virtual cards' holders are known to the installed simulator, as a patient is known to
    # the real network.
    personas = tmp_path / "cards"
    personas.mkdir()
    prepare_personas(personas, SimulatedGateway.open())
    started: list[Kiosk] = []

    def start(staff_password: str | None = None) -> Installed:
        if staff_password:
            StaffAccess().set_password(staff_password)
        window, kiosk, controls = start_kiosk(st.load(), demo=False)
        started.append(kiosk)
        qtbot.addWidget(window, before_close_func=KioskWindow.release)
        window.resize(1280, 800)
        window.show()
        return Installed(qtbot, window, kiosk, controls, pcscd, personas, results)

    yield start
    for kiosk in started:
        kiosk.stop()
    pcscd.remove()


def result_fields(folder: Path) -> dict[str, str]:
    (path,) = list(folder.glob("OQSsiquc01res_face_*.xml"))
    return {e.tag: (e.text or "") for e in parse_result(path.read_bytes()).iter()}


def test_first_start_asks_for_the_staff_password_and_sets_no_demo_ones(installed, caplog):
    caplog.set_level(logging.INFO)
    kiosk = installed()
    desk = kiosk.window.staff
    kiosk.qtbot.waitUntil(desk.setup.isVisible, timeout=FAST)
    assert kiosk.controls is None and not desk.access.has_password()
    assert not passwords.password_file().exists()       # no demo visual-check password either
    assert "embedded local qualification simulator" in caplog.text
    desk.setup.first.setText("80642")
    desk.setup.again.setText("80642")
    desk.setup.set_button.click()
    kiosk.qtbot.waitUntil(desk.panel.isVisible, timeout=FAST)
    assert StaffAccess().try_password("80642").accepted


def test_a_pin_check_in_through_real_pcscd_writes_the_result(installed):
    kiosk = installed(staff_password="80642")
    assert not kiosk.window.staff.is_open()
    kiosk.place("valid_adult")
    kiosk.wait_for("method_choice")
    kiosk.press("暗証番号（4桁）")
    kiosk.press(*"1234", "OK")
    kiosk.wait_for("consent_all")
    kiosk.press("すべて同意する")
    kiosk.wait_for("done")
    kiosk.pcscd.remove()
    kiosk.wait_for("idle")
    written = result_fields(kiosk.results)
    assert written["QualificationValidity"] == "1" and written["PharmacistsInfoConsFlg"] == "1"
    assert written["MedicalInstitutionCode"] == "1399999999"


@pytest.mark.expect_log('LoadChipPhoto failed: 019 CAMERA_UNAVAILABLE')   # no camera, on purpose
def test_no_camera_is_problem_019_and_the_pin_still_works(installed):
    kiosk = installed(staff_password="80642")
    kiosk.place("valid_adult")
    kiosk.wait_for("method_choice")
    kiosk.press("顔認証")
    kiosk.qtbot.waitUntil(lambda: kiosk.kiosk.machine.visit.problem is Problem.CAMERA_UNAVAILABLE,
                          timeout=FAST)
    kiosk.wait_for("method_choice")
    assert "019" in visible_text(kiosk.window)
    kiosk.press("暗証番号（4桁）")
    kiosk.press(*"1234", "OK")
    kiosk.wait_for("consent_all")
    assert not list(kiosk.results.glob("*.xml"))


@pytest.mark.expect_log('card reader: (READER_REMOVED|SERVICE_DOWN)', 'PC/SC service (lost|not reachable)')   # pcscd stopped on purpose
def test_without_pcscd_the_idle_screen_says_so_and_recovers_when_it_is_back(installed):
    kiosk = installed(staff_password="80642")
    idle = kiosk.window.screens[kiosk.window.shown[0]]
    kiosk.qtbot.waitUntil(lambda: kiosk.kiosk.card.service.readers() != [], timeout=FAST)
    kiosk.window.tick()             # the window's next tick shows what the service now says
    assert not idle.no_reader.isVisible()
    kiosk.pcscd.stop()              # the PC/SC service (and with it every reader) goes away
    kiosk.qtbot.waitUntil(idle.no_reader.isVisible, timeout=FAST)
    assert "カードリーダーが接続されていません。" in visible_text(kiosk.window)
    voice = kiosk.window.voice
    assert voice.player.history[-1] == ("ja", "reader_missing")      # said for who cannot see it
    voice.replay()
    assert voice.player.history[-4:-1] == [("ja", "reader_missing"), ("ja", "screen.idle"),
                                           ("ja", "placement.tray")]
    kiosk.pcscd.start()
    kiosk.qtbot.waitUntil(lambda: not idle.no_reader.isVisible(), timeout=FAST)
    kiosk.place("valid_adult")
    kiosk.wait_for("method_choice")
