"""The staff password: a slow salted hash only, a lockout that grows and survives a restart, and
the bound on guesses per hour that follows."""
from __future__ import annotations

import json

import pytest

from kiosk.staff.staff_access import (DEMO_STAFF_PASSWORD, FREE_TRIES, LONGEST_LOCK_S, StaffAccess,
                                ensure_demo_staff_password, lock_seconds, most_guesses)
from kiosk.store import open_audit_store


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def access(tmp_path):
    access = StaffAccess(tmp_path, clock=Clock())
    access.set_password("4711")
    return access


def test_only_a_salted_hash_is_stored(tmp_path, access):
    record = json.loads(access.password_path.read_text(encoding="utf-8"))
    assert "4711" not in access.password_path.read_text(encoding="utf-8")
    assert record["n"] >= 2 ** 15 and len(bytes.fromhex(record["salt"])) == 16
    other = StaffAccess(tmp_path / "other")
    other.set_password("4711")
    assert json.loads(other.password_path.read_text(encoding="utf-8"))["hash"] != record["hash"]


@pytest.mark.expect_log(r"wrong staff password")
def test_right_and_wrong_passwords(access):
    assert access.try_password("4711").accepted
    assert not access.try_password("4712").accepted
    assert not access.try_password("").accepted


def test_a_short_password_is_refused(tmp_path):
    with pytest.raises(ValueError):
        StaffAccess(tmp_path).set_password("123")


def failures(access) -> int:
    return json.loads(access.lockout_path.read_text(encoding="utf-8"))["failures"]


@pytest.mark.expect_log(r"wrong staff password")
def test_wrong_tries_lock_for_a_growing_time_that_a_restart_keeps(tmp_path, access, monkeypatch):
    clock = access.clock
    for _ in range(FREE_TRIES - 1):
        assert access.try_password("0000").locked_for == 0
    assert access.try_password("0000").locked_for == 30
    # Locked: even the right password is not checked, and the try does not count.
    with monkeypatch.context() as locked:
        def no_hash(*_args):
            raise AssertionError("a locked try computed the hash")
        locked.setattr("kiosk.staff.staff_access.password_matches", no_hash)
        assert not access.try_password("4711").accepted
        assert failures(access) == FREE_TRIES
    clock.now += 30
    assert access.try_password("0000").locked_for == 60
    restarted = StaffAccess(tmp_path, clock=clock)
    assert restarted.locked_for() == 60
    clock.now += 60
    assert restarted.try_password("0000").locked_for == 120
    clock.now += 120
    assert restarted.try_password("4711").accepted
    assert restarted.try_password("0000").locked_for == 0     # the right one cleared the count


def test_the_lock_stops_growing_at_an_hour_and_bounds_guesses():
    assert [lock_seconds(n) for n in range(1, 7)] == [0, 0, 30, 60, 120, 240]
    assert lock_seconds(50) == LONGEST_LOCK_S
    assert most_guesses(3600) == 9
    assert most_guesses(24 * 3600) < 40


@pytest.mark.expect_log(r"unreadable .* locking the staff prompt")
def test_a_damaged_lockout_file_locks(tmp_path, access):
    access.lockout_path.write_text("{not json", encoding="utf-8")
    assert access.locked_for() > 0
    assert not access.try_password("4711").accepted
    access.clock.now += LONGEST_LOCK_S
    assert access.locked_for() == 0                       # the lock was saved once: it ends
    assert access.try_password("4711").accepted


@pytest.mark.expect_log(r"wrong staff password")
def test_logins_are_audited_without_the_password(tmp_path):
    store = open_audit_store(90, tmp_path)
    access = StaffAccess(tmp_path, store, clock=Clock())
    access.set_password("4711")
    access.try_password("9999")
    access.try_password("4711")
    actions = store.staff_actions()
    assert [a.kind for a in actions] == ["staff_password_change", "staff_login", "staff_login"]
    assert [a.detail.get("accepted") for a in actions[1:]] == [False, True]
    assert "4711" not in repr(actions) and "9999" not in repr(actions)


def test_the_demo_password_is_set_once(tmp_path):
    access = StaffAccess(tmp_path)
    ensure_demo_staff_password(access)
    assert access.try_password(DEMO_STAFF_PASSWORD).accepted
    access.set_password("clinic-1")
    ensure_demo_staff_password(access)
    assert access.try_password("clinic-1").accepted
