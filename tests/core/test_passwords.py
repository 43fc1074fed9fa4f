"""The 目視 password: stored only as a salted scrypt hash, checked in constant time."""
from __future__ import annotations

import pytest

import json

from kiosk.staff.passwords import (DEMO_VISUAL_CHECK_PASSWORD, check_visual_check_password,
                             ensure_demo_password, set_visual_check_password)


def test_right_and_wrong_passwords(tmp_path):
    path = tmp_path / "pw.json"
    set_visual_check_password("s3cret-目視", path)
    assert check_visual_check_password("s3cret-目視", path)
    assert not check_visual_check_password("s3cret", path)
    assert "s3cret" not in path.read_text(encoding="utf-8")


def test_salt_is_random_per_install(tmp_path):
    set_visual_check_password("same", tmp_path / "a.json")
    set_visual_check_password("same", tmp_path / "b.json")
    a, b = (json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("a.json", "b.json"))
    assert a["salt"] != b["salt"] and a["hash"] != b["hash"]


def test_demo_password_is_set_once_and_never_overwritten(tmp_path):
    path = tmp_path / "pw.json"
    ensure_demo_password(path)
    assert check_visual_check_password(DEMO_VISUAL_CHECK_PASSWORD, path)
    set_visual_check_password("clinic", path)
    ensure_demo_password(path)
    assert check_visual_check_password("clinic", path)


@pytest.mark.expect_log(r"no usable password")
def test_no_password_set_refuses_everything(tmp_path):
    assert not check_visual_check_password("", tmp_path / "missing.json")
    assert not check_visual_check_password(DEMO_VISUAL_CHECK_PASSWORD, tmp_path / "missing.json")
