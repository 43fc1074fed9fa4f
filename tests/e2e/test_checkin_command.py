"""The headless check-in command for every persona, through real pcscd + vpcd, the gateway
simulator, real weights (face path) and real result files, which are parsed back."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.tools import checkin
from reader.virtual.personas import PERSONAS
from tests.e2e.checkin_cases import CASES
from tests.results.parse import parse_result

pytestmark = pytest.mark.e2e


def test_every_persona_has_a_case():
    assert set(CASES) == set(PERSONAS)


def run(capsys, tmp_path, persona, *args):
    out = tmp_path / "results"
    code = checkin.main(["--persona", persona, "--out", str(out), "--data", str(tmp_path / "data"), *args])
    return code, capsys.readouterr().out, out


def parse_only_result(out: Path) -> dict[str, str]:
    (path,) = list(out.glob("OQSsiquc01res_face_*.xml"))
    return {element.tag: (element.text or "") for element in parse_result(path.read_bytes()).iter()}


@pytest.mark.expect_log(r"(ConfirmQualification|LoadChipPhoto) failed")
@pytest.mark.parametrize("persona", sorted(CASES))
def test_persona_through_real_pcscd(capsys, tmp_path, persona):
    args, expected_code, says, fields = CASES[persona]
    code, printed, out = run(capsys, tmp_path, persona, *args)
    assert code == expected_code, printed
    assert says in printed
    if fields is None:
        assert not out.exists() or list(out.iterdir()) == []   # nothing for an unconfirmed check-in
        return
    written = parse_only_result(out)
    for tag, value in fields.items():
        assert written.get(tag) == value, tag
    birth = PERSONAS[persona].birth_date.strftime("%Y%m%d")
    assert written["Birthdate"] == birth


def test_face_path_and_shift_jis_in_process(capsys, tmp_path):
    code, printed, out = run(capsys, tmp_path, "valid_adult", "--method", "face", "--inprocess",
                             "--encoding", "shift_jis", "--prescription", "paper")
    assert code == 0, printed
    (path,) = list(out.glob("*.xml"))
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="Shift_JIS"')
    fields = {e.tag: e.text for e in parse_result(raw).iter()}
    assert fields["CharacterCodeIdentifier"] == "1" and fields["PrescriptionIssueSelect"] == "2"
    assert "face_capture" in printed


def test_wrong_pin_spends_one_try_and_writes_nothing(capsys, tmp_path):
    code, printed, out = run(capsys, tmp_path, "valid_adult", "--pin", "0000", "--inprocess")
    assert code == 1 and "the patient stopped" in printed
    code, printed, out = run(capsys, tmp_path, "valid_adult", "--pin", "1234", "--inprocess")
    assert code == 0 and len(list(out.glob("*.xml"))) == 1


@pytest.mark.expect_log(r"(ConfirmQualification|LoadChipPhoto|VerifyPin|ReadCard) failed")
def test_each_visit_leaves_one_audit_row_without_secrets(capsys, tmp_path):
    from kiosk.store import open_audit_store
    run(capsys, tmp_path, "valid_adult", "--pin", "1234", "--inprocess")
    run(capsys, tmp_path, "expired", "--pin", "9753", "--inprocess")
    rows = open_audit_store(90, tmp_path / "data").checkins()
    assert [(r.method, r.outcome, r.patient_code, r.validity) for r in rows] == [
        ("pin", "written", None, 1), ("pin", "problem", "006", None)]
    assert rows[0].personal.birthdate == "19800217" and rows[0].result_file.startswith("OQSsiquc01res_face_")
    assert {"reading", "querying", "done"} <= set(rows[0].step_times)
    raw = (tmp_path / "data" / "audit.sqlite").read_bytes()
    assert "山田".encode() not in raw and b"1234" not in raw and b"19800217" not in raw


def test_a_result_only_queued_exits_3(capsys, tmp_path):
    """Issue 17, fault 9: 0 means written; a result waiting in the outbox is not that."""
    blocked = tmp_path / "share-gone"
    blocked.write_text("not a folder", encoding="utf-8")
    code = checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(blocked),
                         "--data", str(tmp_path / "data"), "--inprocess"])
    assert code == 3 and "result queued" in capsys.readouterr().out
