"""The kiosk's files under Windows semantics (tests/windows_semantics.py): key files through binary
descriptors, text in UTF-8 whatever the code page, replacing a file someone else holds."""
from __future__ import annotations

import logging
import os
import sys
from datetime import date

import pytest

from kiosk.config import atomic, logs, platform_calls
from kiosk.composition import demo
from kiosk.tools import selftest_checks
from kiosk.gateway import SimulatedGateway
from kiosk.staff.staff_access import LOCKOUT_FILE, StaffAccess
from kiosk.store import cipher
from kiosk.store.keyfile import read_or_create_secret
from reader.virtual.personas import load_record

KEY_WITH_NEWLINES = bytes(range(32))   # holds 0x0A, as 11.8 % of random AES keys do


def test_the_fixture_turns_newlines_of_text_descriptors(windows, tmp_path):
    """The witness for the key tests: what the C runtime does to a descriptor without O_BINARY."""
    fd = os.open(tmp_path / "t", os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"a\nb")
    os.close(fd)
    assert (tmp_path / "t").read_bytes() == b"a\r\nb"


def test_a_key_with_newlines_survives_a_text_mode_runtime(windows, tmp_path):
    windows.as_platform()
    assert read_or_create_secret(tmp_path / "k", lambda: KEY_WITH_NEWLINES) == KEY_WITH_NEWLINES
    assert (tmp_path / "k").read_bytes() == KEY_WITH_NEWLINES


def test_the_store_key_opens_again_on_the_next_start(windows, monkeypatch, tmp_path):
    windows.as_platform()
    monkeypatch.setattr(cipher.AESGCM, "generate_key", staticmethod(lambda bit_length: KEY_WITH_NEWLINES))
    first = cipher.FieldCipher.from_key_file(tmp_path / "store.key")
    sealed = first.encrypt(b"\xe5\xb1\xb1\xe7\x94\xb0", "patients.name.1")
    again = cipher.FieldCipher.from_key_file(tmp_path / "store.key")
    assert again.decrypt(sealed, "patients.name.1") == b"\xe5\xb1\xb1\xe7\x94\xb0"


def test_the_keys_folder_is_made_private_on_windows(windows, tmp_path):
    windows.as_platform()
    windows.acl = list(windows.INHERITED_FROM_A_SECOND_DISK)
    assert platform_calls.readers_besides_owner(tmp_path) == ["Authenticated Users (S-1-5-11)", "Users (S-1-5-32-545)"]
    read_or_create_secret(tmp_path / "keys" / "k", lambda: KEY_WITH_NEWLINES)
    icacls = [c for c in windows.tool_calls if c[0] == "icacls"]
    assert icacls == [["icacls", str(tmp_path / "keys"), "/inheritance:r", "/grant:r",
                       f"*{windows.USER_SID}:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F"]]
    assert platform_calls.readers_besides_owner(tmp_path / "keys") == []


def test_the_demo_personas_are_written_and_read_on_japanese_windows(windows, tmp_path):
    windows.as_platform()
    simulator = SimulatedGateway.open(tmp_path / "simulator")
    records = demo.prepare_personas(tmp_path / "personas", simulator, date(2026, 12, 3))
    assert records["iphone"]["name"] == "𠮷野　美咲"
    assert load_record(tmp_path / "personas", "iphone")["name"] == "𠮷野　美咲"
    again = demo.prepare_personas(tmp_path / "personas", simulator, date(2026, 12, 3))   # the stamp
    assert again["iphone"]["name"] == "𠮷野　美咲"


def test_replace_waits_for_a_briefly_held_target(windows, tmp_path):
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old")
    windows.hold(target, times=3)            # antivirus scanning the file it just saw change
    atomic.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(windows.refused) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]   # no temporary left


def test_replace_gives_up_on_a_target_held_for_good(windows, tmp_path):
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old")
    windows.hold(target)
    with pytest.raises(PermissionError):
        atomic.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


@pytest.fixture
def staff(tmp_path, monkeypatch):
    monkeypatch.setattr("kiosk.staff.staff_access.STAFF_SCRYPT", {"n": 2 ** 10, "r": 8, "p": 1})
    access = StaffAccess(tmp_path)
    access.set_password("2580")
    return access


@pytest.mark.expect_log("cannot save", "wrong staff password")
def test_a_lockout_that_cannot_be_saved_still_counts(windows, staff, tmp_path, caplog):
    windows.hold(tmp_path / LOCKOUT_FILE)    # held for good: every save fails
    for _ in range(3):
        attempt = staff.try_password("0000")   # must not raise
        assert not attempt.accepted
    assert attempt.locked_for > 0              # the lock holds in this run all the same
    assert not staff.try_password("2580").accepted
    assert "cannot save" in caplog.text


def test_log_rollover_waits_while_another_process_holds_the_log(windows, tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.configure(tmp_path)
    try:
        windows.hold(path)                   # a log viewer, or a second kiosk process
        log = logging.getLogger("kiosk.test")
        for n in range(60):
            log.info("line %03d of a log that must not lose a word", n)
        windows.release(path)
        text = path.read_text(encoding="utf-8")
        assert "line 059" in text and "line 030" in text
        assert "rollover postponed" in text
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.fixture
def selftest_setup(tmp_path, monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path))
    return selftest_checks.SelftestSetup(demo=True)


def test_the_selftest_finds_a_keys_folder_others_may_read_on_linux(selftest_setup, tmp_path):
    (tmp_path / "keys").mkdir(mode=0o755)
    (tmp_path / "keys").chmod(0o755)
    with pytest.raises(selftest_checks.CheckFailed, match="group, others; run: chmod -R go-rwx"):
        selftest_checks.check_keys(selftest_setup)
    (tmp_path / "keys").chmod(0o700)
    assert "this user only" in selftest_checks.check_keys(selftest_setup)


def test_the_selftest_reads_the_keys_folder_acl_on_windows(windows, selftest_setup, tmp_path):
    windows.as_platform()
    (tmp_path / "keys").mkdir()
    windows.acl = list(windows.INHERITED_FROM_A_SECOND_DISK)
    with pytest.raises(selftest_checks.CheckFailed, match=r"Users \(S-1-5-32-545\); run: icacls"):
        selftest_checks.check_keys(selftest_setup)
    platform_calls.protect_private_folder(tmp_path / "keys")
    assert "this user only" in selftest_checks.check_keys(selftest_setup)


def test_the_acl_reading_ignores_deny_entries_and_rights_without_read():
    output = ("S-1-5-21-1-2-3-1001\r\n"
              "S-1-5-32-545 Deny 1179817\r\n"          # a Deny entry takes nothing away from safety
              "S-1-5-11 Allow 4\r\n"                    # AppendData only
              "S-1-1-0 Allow -1610612736\r\n")          # GENERIC_READ | GENERIC_EXECUTE, inherit-only
    assert platform_calls.readers_in_acl(output) == ["Everyone (S-1-1-0)"]


def test_a_windowed_program_without_stderr_logs_to_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)     # pythonw / a windowed PyInstaller program
    path = logs.configure(tmp_path)
    try:
        logging.getLogger("kiosk.test").warning("started without a console")
        assert [type(h) for h in logging.getLogger().handlers] == [logs.SharedLogFile]
        assert "started without a console" in path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
