"""Issue 17, fault 9: every file the kiosk writes, by mode and by what it holds. A real check-in
(headless command, in-process card, simulator), both passwords set, the settings saved through the
staff editor; then every file under the config and data folders is classified. Secrets (keys and
password hashes) are readable by the kiosk's user only; the patient's name is in no file but the
result file; nothing the kiosk wrote is left as a temporary ``.part`` or ``.new`` file."""
from __future__ import annotations

import stat
import sys

import pytest

from kiosk.tools import checkin
from kiosk.staff.passwords import set_visual_check_password
from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.config.settings import Who, load
from kiosk.staff.settings_editor import SettingsEditor
from kiosk.staff.staff_access import StaffAccess
from kiosk.store import open_audit_store

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(sys.platform == "win32", reason="mode bits: POSIX")]

SECRET = 0o600
NAME = "山田　太郎".encode()     # valid_adult's name, as the simulator's registry holds it


STAND_INS = {"simulator", "demo-personas"}   # the national network and the virtual cards


def content_class(path) -> str:
    name = path.name
    if STAND_INS & set(path.parts):
        return "stand-in"
    if RESULT_FILE_PATTERN.match(name):
        return "result"
    if name.endswith(".key") or path.parent.name == "keys" or name.endswith("password.json"):
        return "secret"
    if ".sqlite" in name:
        return "database"
    if path.parent.name == "logs":
        return "log"
    return "other"


def test_every_file_the_kiosk_writes(tmp_path, monkeypatch):
    config, data, out = tmp_path / "config", tmp_path / "data", tmp_path / "results"
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(config))
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(data))
    assert checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(out),
                         "--data", str(data), "--inprocess"]) == 0
    set_visual_check_password("2580")
    StaffAccess().set_password("135790")
    editor = SettingsEditor(load(overrides={"institution_code": "1399999999"}),
                            open_audit_store(90, data))
    editor.change({"staff_mode": "pin_only"}, Who.STAFF)
    written = [p for root in (config, data, out) for p in root.rglob("*") if p.is_file()]
    classes = {}
    for path in written:
        classes.setdefault(content_class(path), []).append(path.name)
        mode = stat.S_IMODE(path.stat().st_mode)
        assert not mode & stat.S_IWOTH, f"{path} is writable by anyone"
        if content_class(path) == "secret":
            assert mode == SECRET, f"{path} holds a secret but has mode {mode:o}"
        if content_class(path) not in ("result", "stand-in"):
            assert NAME not in path.read_bytes(), f"{path} holds the patient's name in clear"
        assert not path.name.endswith((".part", ".new")), f"{path} was left behind"
    assert {"result", "secret", "database"} <= set(classes)
    assert NAME in next(out.iterdir()).read_bytes()     # the witness: the name is what is written
    assert {"visual-check-password.json", "staff-password.json"} <= set(classes["secret"])
