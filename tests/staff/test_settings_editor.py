"""Settings saved atomically and changed live: checked by the schema and by who may change what,
written to a real TOML file with fsync, applied to a running machine, audited in real SQLite."""
from __future__ import annotations

import os

import pytest

from kiosk.core import events as ev
from kiosk.config import settings as st
from kiosk.staff.passwords import check_visual_check_password
from kiosk.core.session import CheckInMachine
from kiosk.staff.settings_editor import SETTINGS_CHANGE, SettingsEditor, editable_by
from kiosk.store import open_audit_store

CODE = "1311111111"


@pytest.fixture
def loaded():
    return st.defaults().with_changes(institution_code=CODE)


@pytest.fixture
def audit(tmp_path):
    return open_audit_store(90, tmp_path / "data")


@pytest.fixture
def editor(tmp_path, loaded, audit):
    return SettingsEditor(loaded, audit, tmp_path / "config" / "settings.toml")


def changes_in(audit):
    return [a.detail for a in audit.staff_actions() if a.kind == SETTINGS_CHANGE]


def test_saved_settings_load_back_equal(tmp_path, loaded):
    changed = loaded.with_changes(staff_mode="pin_only", consent_items=["operations", "medication"],
                                  result_encoding="shift_jis", screen_timeout_seconds=45)
    path = st.save(changed, tmp_path / "settings.toml")
    assert st.load(path) == changed
    text = path.read_text(encoding="utf-8")
    assert 'staff_mode = "pin_only"' in text
    assert "comprehensive_consent" not in text   # defaults stay out of the file


@pytest.mark.posix
def test_save_replaces_the_file_by_rename_and_fsyncs_file_and_folder(tmp_path, loaded, monkeypatch):
    path = tmp_path / "settings.toml"
    st.save(loaded, path)
    old_inode = path.stat().st_ino
    synced = []
    real_fsync = os.fsync

    def recording_fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    st.save(loaded.with_changes(face_attempts=3), path)
    assert path.stat().st_ino != old_inode           # a new file renamed in, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]   # no temporary left
    assert synced[0].startswith(str(tmp_path / ".settings.toml."))   # the temporary, before rename
    assert synced[-1] == str(tmp_path)                                # then the folder
    assert st.load(path).face_attempts == 3


def test_a_staff_change_is_saved_applied_live_and_audited(editor, audit, loaded):
    machine = CheckInMachine(loaded)
    editor.subscribe(lambda new: setattr(machine, "settings", new))
    machine.handle(ev.CardPlaced())
    machine.handle(ev.CardRead(ev.CardFacts(ev.TokenKind.CARD, has_photo=True, pin_set=True,
                                            pin_tries_left=3)))
    assert ev.Method.FACE in machine.available_methods()

    editor.change({"staff_mode": st.StaffMode.PIN_ONLY}, st.Who.STAFF)

    assert machine.settings.staff_mode is st.StaffMode.PIN_ONLY
    assert machine.available_methods() == [ev.Method.PIN]        # the camera is no longer offered
    assert st.load(editor.path).staff_mode is st.StaffMode.PIN_ONLY
    assert changes_in(audit) == [{"key": "staff_mode", "from": "automatic", "to": "pin_only",
                                  "who": "staff"}]


@pytest.mark.parametrize("changes,named", [
    ({"screen_timeout_seconds": 0}, "screen_timeout_seconds"),
    ({"languages": ["en", "ja"]}, "languages"),
    ({"staff_mode": "sometimes"}, "staff_mode"),
    ({"face_attempts": 3, "consent_items": ["xray"]}, "consent_items"),   # all or nothing
    ({"colour": "blue"}, "colour"),
])
def test_an_invalid_value_is_refused_naming_the_key_and_nothing_changes(editor, audit, loaded,
                                                                         changes, named):
    seen = []
    editor.subscribe(seen.append)
    with pytest.raises(st.SettingsError, match=f"'{named}'"):
        editor.change(changes, st.Who.STAFF)
    assert editor.current == loaded
    assert not editor.path.exists() and seen == [] and changes_in(audit) == []


def test_staff_cannot_change_a_vendor_setting_but_the_vendor_can(editor, audit):
    for name, value in [("institution_code", "1322222222"), ("result_folder", "/srv/oqs"),
                        ("audit_retention_days", 30)]:
        with pytest.raises(st.SettingNotAllowed, match=f"'{name}'"):
            editor.change({name: value}, st.Who.STAFF)
    assert changes_in(audit) == []
    editor.change({"institution_code": "1322222222"}, st.Who.VENDOR)
    assert st.load(editor.path).institution_code == "1322222222"
    assert changes_in(audit)[-1]["who"] == "vendor"


def test_the_form_offers_staff_only_their_settings_and_the_vendor_all():
    vendor_only = {"institution_code", "card_placement", "result_folder", "result_share_mount",
                   "result_encoding", "audit_retention_days",
                   "face_camera", "tray_camera"}
    assert {s.name for s in editable_by(st.Who.STAFF)} == {s.name for s in st.SCHEMA} - vendor_only
    assert editable_by(st.Who.VENDOR) == st.SCHEMA


def test_an_unchanged_value_is_neither_saved_nor_audited(editor, audit):
    editor.change({"staff_mode": "automatic"}, st.Who.STAFF)
    assert not editor.path.exists() and changes_in(audit) == []


def test_a_password_setting_is_audited_as_changed_without_its_values(tmp_path, monkeypatch, loaded,
                                                                    audit):
    secret = st.Setting("visual_check_password", str, "", "目視 password (test only)", st.Who.STAFF,
                        title_ja="目視確認のパスワード", title_en="Visual check password")
    monkeypatch.setattr(st, "SCHEMA", st.SCHEMA + (secret,))
    monkeypatch.setitem(st.SCHEMA_BY_NAME, secret.name, secret)
    editor = SettingsEditor(st.Settings({**loaded.values, secret.name: "old-Secret-1"}), audit,
                            tmp_path / "settings.toml")

    editor.change({secret.name: "new-Secret-2"}, st.Who.STAFF)

    assert editor.current.visual_check_password == "new-Secret-2"
    assert changes_in(audit) == [{"key": "visual_check_password", "who": "staff"}]
    stored = b"".join(p.read_bytes() for p in (tmp_path / "data").glob("audit.sqlite*"))
    assert b"Secret" not in stored


def test_the_visual_check_password_is_changed_apart_and_audited_without_its_value(editor, audit, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    editor.change_visual_check_password("8642", st.Who.STAFF)
    assert check_visual_check_password("8642") and not check_visual_check_password("8643")
    assert changes_in(audit) == [{"key": "visual_check_password", "who": "staff"}]


def test_every_refused_change_is_named_at_once_and_nothing_saved(editor, audit):
    before = editor.current
    found = editor.problems({"languages": ["xx"], "institution_code": "1399999998", "voice_volume": 40},
                            st.Who.STAFF)
    assert set(found) == {"languages", "institution_code"}            # the good one is not named
    assert isinstance(found["institution_code"], st.SettingNotAllowed)
    assert editor.current is before and not editor.path.exists() and changes_in(audit) == []
