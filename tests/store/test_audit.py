from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.store.audit import AuditStore, CheckinAudit, ForbiddenData, PersonalFields, StaffAction
from kiosk.store.cipher import FieldCipher

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
PERSON = PersonalFields(name="山田　太郎", birthdate="19800217", insurer_number="01130012",
                        insured_card_symbol="12345678", insured_identification_number="1024",
                        insured_branch_number="01")


class Clock:
    now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> AuditStore:
    return AuditStore(tmp_path / "audit.sqlite", FieldCipher.from_key_file(tmp_path / "k"), 90, clock)


def checkin(at=NOW, personal=PERSON, **changes) -> CheckinAudit:
    values = dict(started_at=at, method="pin", mode="automatic", outcome="written",
                  step_times={"card_read": 0.41, "authenticated": 3.2, "confirmed": 3.25,
                              "result_committed": 9.8},
                  patient_code=None, validity=1, notice_codes=("W01",),
                  result_file="OQSsiquc01res_face_x_20261123100000.xml", personal=personal)
    values.update(changes)
    return CheckinAudit(**values)


def test_checkin_round_trip(store):
    store.record_checkin(checkin())
    store.record_checkin(checkin(outcome="refused", patient_code="006", validity=None,
                                 notice_codes=(), result_file=None, personal=PersonalFields()))
    first, second = store.checkins()
    assert first == checkin()
    assert second.patient_code == "006" and second.personal == PersonalFields()


def test_personal_fields_are_encrypted_at_rest(store, tmp_path):
    store.record_checkin(checkin())
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("audit.sqlite*"))
    for value in (PERSON.name, PERSON.birthdate, PERSON.insurer_number, PERSON.insured_card_symbol):
        assert value.encode() not in raw
    assert b"result_committed" in raw  # the non-personal part stays readable


def test_personal_fields_of_a_record():
    class Record:
        name, birthdate, insurer_number = "A　B", "20000101", "  138057"
    assert PersonalFields.of(Record()).insurer_number == "  138057"
    assert PersonalFields.of(None) == PersonalFields()


@pytest.mark.parametrize("entry", [
    checkin(personal=PersonalFields(name="123456789012")),
    checkin(outcome="my number 123456789012"),
    checkin(step_times={"pin_1234": 1.0}),
    checkin(step_times={"reading": 1.0, "PIN=0000": 2.0}),
])
def test_forbidden_data_is_refused(store, entry):
    with pytest.raises(ForbiddenData):
        store.record_checkin(entry)
    assert store.checkins() == []


@pytest.mark.parametrize("detail", [{"visual_check_password": "x"}, {"pin": "1234"},
                                    {"note": "card 123456789012"}])
def test_staff_actions_refuse_secrets(store, detail):
    with pytest.raises(ForbiddenData):
        store.record_staff_action(StaffAction(NOW, "settings_change", detail))


def test_staff_actions_are_kept(store):
    switch = StaffAction(NOW, "mode_switch", {"from": "automatic", "to": "pin_only"})
    change = StaffAction(NOW, "settings_change", {"key": "result_encoding", "old": "utf-8",
                                                  "new": "shift_jis"})
    store.record_staff_action(switch)
    store.record_staff_action(change)
    assert store.staff_actions() == [switch, change]


def test_retention_purges_old_rows_only(store, clock, tmp_path):
    store.record_checkin(checkin(at=NOW - timedelta(days=91)))
    store.record_checkin(checkin(at=NOW - timedelta(days=89)))
    store.record_staff_action(StaffAction(NOW - timedelta(days=100), "mode_switch", {"to": "x"}))
    store.record_staff_action(StaffAction(NOW, "mode_switch", {"to": "y"}))
    assert store.purge() == 2
    assert [c.started_at for c in store.checkins()] == [NOW - timedelta(days=89)]
    assert [a.detail for a in store.staff_actions()] == [{"to": "y"}]
    clock.now = NOW + timedelta(days=2)
    store.record_staff_action(StaffAction(clock.now, "mode_switch", {"to": "z"}))
    assert store.purge() == 1 and store.checkins() == []


def test_a_clock_far_ahead_purges_nothing_newer_than_the_newest_row_minus_retention(store, clock):
    """Issue 17, fault 6: a clock at 2040 (faketime) deleted the whole audit trail."""
    store.record_checkin(checkin(at=NOW - timedelta(days=120)))
    store.record_checkin(checkin(at=NOW - timedelta(days=60)))
    store.record_checkin(checkin(at=NOW))
    clock.now = datetime(2040, 1, 1, tzinfo=timezone.utc)
    assert store.purge() == 1
    assert [c.started_at for c in store.checkins()] == [NOW - timedelta(days=60), NOW]


@pytest.mark.expect_log("audit purge skipped")
def test_a_clock_behind_the_newest_row_purges_nothing(store, clock):
    store.record_checkin(checkin(at=NOW - timedelta(days=200)))
    store.record_checkin(checkin(at=NOW))
    clock.now = NOW - timedelta(hours=1)       # the clock went backwards
    assert store.purge() == 0 and len(store.checkins()) == 2


def test_purged_rows_leave_no_trace_on_disk(store, tmp_path):
    store.record_checkin(checkin(at=NOW - timedelta(days=200), result_file="OQS_gone_marker.xml"))
    store.record_checkin(checkin(at=NOW))
    assert store.purge() == 1
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("audit.sqlite*"))
    assert b"OQS_gone_marker" not in raw


def test_store_survives_reopening(tmp_path, clock):
    key = FieldCipher.from_key_file(tmp_path / "k")
    AuditStore(tmp_path / "a.sqlite", key, 30, clock).record_checkin(checkin())
    assert AuditStore(tmp_path / "a.sqlite", key, 30, clock).checkins() == [checkin()]
