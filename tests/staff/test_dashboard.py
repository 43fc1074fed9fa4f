"""The dashboard and the CSV export: from real audit rows written by the headless check-in command
for every persona, and from rows with known step times recorded in a real audit store."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.tools import checkin
from kiosk.staff.dashboard import (CSV_COLUMNS, day_dashboard, export_csv, step_durations, summarise,
                             write_csv)
from kiosk.results import open_result_sink
from tests.results.sinks import opened
from kiosk.results.layout import JST
from kiosk.store import CheckinAudit, PersonalFields, open_audit_store
from tests.e2e.checkin_cases import CASES

ROOT = Path(__file__).resolve().parents[2]

@pytest.fixture(scope="module")
def checked_in(tmp_path_factory):
    """Every persona once through the headless command (in-process reader), plus valid_adult
    once more with the result folder replaced by a file, so its result waits in the outbox."""
    root = tmp_path_factory.mktemp("checkins")
    data, out = root / "data", root / "results"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OQS_KIOSK_CONFIG_DIR", str(root / "config"))   # no settings.toml: demo code
        for persona, (args, code, _, _) in CASES.items():
            assert checkin.main(["--persona", persona, "--out", str(out), "--data", str(data),
                                 "--inprocess", *args]) == code, persona
        blocked = root / "share-is-a-file"
        blocked.write_text("not a folder", encoding="utf-8")
        assert checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(blocked),
                             "--data", str(data), "--inprocess"]) == checkin.QUEUED_ONLY
    sink = opened(open_result_sink(blocked, "1399999999", base=data))
    return open_audit_store(90, data), sink.status()


def today_jst() -> date:
    return datetime.now(JST).date()


@pytest.mark.e2e   # every persona's whole check-in first (checked_in)
def test_the_day_of_every_persona(checked_in):
    store, outbox = checked_in
    board = day_dashboard(store, today_jst(), outbox)
    written = sum(1 for _, code, _, _ in CASES.values() if code == 0)
    assert board.checkins == len(CASES) + 1
    # pin_locked and infant_no_photo: the patient, offered no usable method, cancels
    assert board.by_outcome == {"written": written, "queued": 1, "problem": 3, "cancelled": 2}
    assert board.by_method["android"] == 1 and board.by_method["iphone"] == 1
    assert board.by_method["face"] == 2 and board.by_method["none"] == 1
    assert board.errors_by_code == {"006": 2, "003": 1, "018": 1, "007": 1}
    assert board.notices_by_code.keys() >= {"W01", "W02"}     # expiring soon, in the grace period
    assert board.face_tried == 2 and board.face_then_pin == 0 and board.fallback_rate == 0.0
    assert board.median_step_seconds["reading"] > 0
    assert board.outbox.queued == 1 and board.outbox.oldest_queued_at is not None
    assert day_dashboard(store, today_jst() - timedelta(days=1)).checkins == 0


@pytest.mark.e2e   # every persona's whole check-in first (checked_in)
def test_no_name_or_birth_date_reaches_the_dashboard_or_the_csv(checked_in, tmp_path):
    store, outbox = checked_in
    personal = [row.personal for row in store.checkins()]    # decrypted, to know what to look for
    secrets = {p.name for p in personal if p.name} | {p.birthdate for p in personal if p.birthdate}
    assert len(secrets) > 10
    secrets |= {f"{s[:4]}-{s[4:6]}-{s[6:]}" for s in secrets if s.isdigit()}
    path = tmp_path / "audit.csv"
    assert export_csv(store, today_jst(), today_jst(), path) == len(CASES) + 1
    exports = [a.detail for a in store.staff_actions() if a.kind == "audit_export"]
    assert exports[-1] == {"from": today_jst().isoformat(), "to": today_jst().isoformat(),
                           "rows": len(CASES) + 1, "who": "staff"}          # the export is audited
    shown = path.read_text(encoding="utf-8-sig") + repr(day_dashboard(store, today_jst(), outbox))
    assert [s for s in secrets if s in shown] == []


def visit(start: datetime, method: str, outcome: str, steps: dict[str, float], code=None):
    return CheckinAudit(start, method, "automatic", outcome, steps, code,
                        personal=PersonalFields(name="試験　花子", birthdate="19700101"))


DAY = date(2026, 11, 20)
MORNING = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
FACE_OK = {"reading": 0.0, "method_choice": 1.0, "face_preparing": 2.0, "face_capture": 3.0,
           "querying": 7.0, "done": 9.0}
FACE_TO_PIN = {"reading": 0.0, "method_choice": 1.0, "face_preparing": 2.0, "face_capture": 3.0,
               "pin_entry": 13.0, "pin_verifying": 20.0, "querying": 21.0, "done": 23.0}
PIN_ONLY = {"reading": 0.0, "method_choice": 3.0, "pin_entry": 4.0, "pin_verifying": 9.0,
            "problem": 10.0}


@pytest.fixture
def known_day(tmp_path):
    store = open_audit_store(90, tmp_path)
    rows = [visit(MORNING, "face", "written", FACE_OK),
            visit(MORNING + timedelta(minutes=5), "pin", "written", FACE_TO_PIN),
            visit(MORNING + timedelta(minutes=9), "pin", "problem", PIN_ONLY, "003"),
            visit(MORNING + timedelta(minutes=12), "face", "written", FACE_OK),
            # just outside the clinic's day, either side (JST midnight)
            visit(datetime(2026, 11, 19, 23, 59, 59, tzinfo=JST), "pin", "written", PIN_ONLY),
            visit(datetime(2026, 11, 21, 0, 0, 0, tzinfo=JST), "pin", "written", PIN_ONLY)]
    for row in rows:
        store.record_checkin(row)
    return store


def test_fallback_rate_and_median_time_per_step(known_day):
    board = day_dashboard(known_day, DAY)
    assert board.checkins == 4
    assert board.by_method == {"face": 2, "pin": 2}
    assert board.by_outcome == {"written": 3, "problem": 1}
    assert (board.face_tried, board.face_then_pin) == (3, 1)
    assert board.fallback_rate == pytest.approx(1 / 3)
    # face_capture lasted 4, 10, 4 s → 4; pin_entry 7 and 5 s → 6; reading 1, 1, 3, 1 → 1
    assert board.median_step_seconds["face_capture"] == 4.0
    assert board.median_step_seconds["pin_entry"] == 6.0
    assert board.median_step_seconds["reading"] == 1.0
    assert "done" not in board.median_step_seconds and "problem" not in board.median_step_seconds
    assert board.errors_by_code == {"003": 1}


def test_step_durations_follow_the_order_of_the_times_not_of_the_keys():
    assert step_durations({"querying": 5.0, "reading": 0.0, "pin_entry": 2.0}) == {
        "reading": 2.0, "pin_entry": 3.0}


def test_an_empty_day_has_no_rate():
    board = summarise([], DAY)
    assert board.checkins == 0 and board.fallback_rate is None and board.median_step_seconds == {}


def test_csv_export_of_a_date_range(known_day, tmp_path):
    path = tmp_path / "export.csv"
    assert export_csv(known_day, date(2026, 11, 19), DAY, path) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                   # BOM: Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["started_at"] == "2026-11-19T23:59:59+09:00"
    assert [r["outcome"] for r in rows] == ["written", "written", "written", "problem", "written"]
    assert rows[2]["pin_entry_s"] == "13.0" and rows[2]["face_capture_s"] == "3.0"
    assert rows[1]["pin_entry_s"] == "" and rows[3]["patient_code"] == "003"
    assert "試験" not in raw.decode("utf-8-sig") and "19700101" not in raw.decode("utf-8-sig")


def test_csv_of_no_rows_is_the_header_alone():
    stream = io.StringIO()
    assert write_csv([], stream) == 0
    assert stream.getvalue() == ",".join(CSV_COLUMNS) + "\r\n"


def test_the_fast_read_refuses_personal_columns(known_day):
    with pytest.raises(ValueError, match="name_enc"):
        known_day.plain_columns_between(MORNING, MORNING + timedelta(days=1), ["outcome", "name_enc"])


def test_the_export_read_leaves_personal_fields_empty_but_the_full_read_has_them(known_day):
    start, end = MORNING, MORNING + timedelta(hours=1)
    assert {r.personal for r in known_day.checkins_between(start, end, personal=False)} == {
        PersonalFields()}
    assert {r.personal.name for r in known_day.checkins_between(start, end)} == {"試験　花子"}


def test_the_charts_draw_without_the_opengl_bindings(tmp_path):
    """The vendor's build leaves PySide6.QtOpenGL(Widgets) out (9 MB); QtCharts names them, so the
    dashboard's bars are drawn here in a process where importing them fails."""
    script = """
import sys
sys.modules["PySide6.QtOpenGL"] = sys.modules["PySide6.QtOpenGLWidgets"] = None
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.staff.dashboard import BarChart
chart = BarChart("test")
chart.show_counts({"face": 3, "pin": 1})
chart.resize(400, 270)
image = chart.grab().toImage()
bar = sum(image.pixelColor(x, y).name() == "#1d4f86" for x in range(0, 400, 2) for y in range(0, 270, 2))
print(bar)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT, encoding="utf-8")
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 500   # bar-coloured pixels (every other one counted)


@pytest.mark.qt_log_ignore("pipewire")    # importing the staff screens loads Qt's audio
def test_the_outbox_line_names_set_aside_results_and_a_damaged_outbox():
    from ui.staff.dashboard import outbox_line
    from kiosk.results import OutboxStatus
    line = outbox_line(OutboxStatus(0, None, None, set_aside=2,
                                    damage="outbox.sqlite was damaged (x); kept as y"))
    assert "復号できない結果: 2 件" in line and "2 result(s) could not be decrypted" in line
    assert "破損" in line and "kept as y" in line


@pytest.mark.qt_log_ignore("pipewire")
def test_a_damaged_audit_store_is_named_on_the_dashboard():
    from ui.staff.dashboard import audit_damage_line
    assert audit_damage_line(None) is None
    line = audit_damage_line("audit.sqlite was damaged (x); kept as audit.sqlite.damaged-1")
    assert line.startswith("記録ファイルが破損") and line.endswith("kept as audit.sqlite.damaged-1")
