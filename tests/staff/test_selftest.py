"""`python -m kiosk selftest` as a vendor runs it: a real subprocess on the demo set-up (real
virtual card, recorded camera, model pack, simulator, result folder, outbox, audit store), and the
same with one part broken, which must fail that line only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.tools import checkin
from kiosk.config import paths
from kiosk.tools.selftest import CHECKS, FAILED, OK, SKIPPED, Check, run_check
from kiosk.tools.selftest_checks import (SelftestSetup, check_camera, check_card, check_reader,
                                   check_translations)
from kiosk.store import StaffAction, open_audit_store
from reader.virtual.personas import open_card

ROOT = Path(__file__).resolve().parents[2]
# Until the window's translations land (another branch), that one line fails, with its reason.
TRANSLATIONS_MISSING = not paths.resource_path("i18n").is_dir()
ALWAYS_FAILING = {"translations"} if TRANSLATIONS_MISSING else set()


@pytest.fixture
def kiosk_dirs(tmp_path, monkeypatch):
    """Empty config and data folders, as on a freshly installed demo kiosk."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(config))
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(data))
    return config, data


def selftest_command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "selftest", "--demo", *extra]


def run_json(command: list[str]) -> tuple[int, dict]:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=os.environ.copy(), encoding="utf-8")
    return done.returncode, json.loads(done.stdout)


def failed_keys(report: dict) -> set[str]:
    return {c["key"] for c in report["checks"] if c["status"] == FAILED}


def use_result_folder(config: Path, folder: Path) -> None:
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(
        f'institution_code = "1399999999"\nresult_folder = "{folder}"\n', encoding="utf-8")


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_the_demo_set_up_passes_every_check(kiosk_dirs):
    code, report = run_json(selftest_command("--json"))
    assert [c["key"] for c in report["checks"]] == [c.key for c in CHECKS]
    assert failed_keys(report) == ALWAYS_FAILING
    assert code == (1 if ALWAYS_FAILING else 0) and report["passed"] is not ALWAYS_FAILING
    by_key = {c["key"]: c for c in report["checks"]}
    assert by_key["card"]["detail"].startswith("demo valid_adult: card, authentication certificate")
    assert "640×480" in by_key["camera"]["detail"]
    assert "match their recorded sha256" in by_key["models"]["detail"]
    if TRANSLATIONS_MISSING:
        assert "i18n does not exist" in by_key["translations"]["detail"]
    # the probe left nothing behind in the result folder
    assert list((kiosk_dirs[1] / "face").iterdir()) == []


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_the_text_report_is_one_line_per_check_japanese_first(kiosk_dirs):
    done = subprocess.run(selftest_command(), cwd=ROOT, capture_output=True, text=True, timeout=120, encoding="utf-8")
    lines = done.stdout.splitlines()
    assert len(lines) == len(CHECKS) + 1
    for line, check in zip(lines, CHECKS):
        assert f"] {check.ja} / {check.en}: " in line
    assert lines[-1] == ("すべて正常です / All checks passed" if done.returncode == 0
                         else "異常があります / Some checks failed")


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_a_file_where_the_result_folder_should_be_fails_that_line_only(kiosk_dirs, tmp_path):
    """Root ignores permission bits, so the folder is made unusable for real: a plain file sits
    where the folder should be (as when a share's mount point is replaced by a stray file)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    use_result_folder(kiosk_dirs[0], blocker)
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"result_folder"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "result_folder")
    assert "does not exist" in detail and blocker.read_text(encoding="utf-8") == "a file"


def unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
@pytest.mark.skipif(not unshare_works(), reason="needs unshare --mount (root)")
def test_a_read_only_result_folder_fails_that_line_only(kiosk_dirs, tmp_path):
    """The folder is bind-mounted read-only onto itself in a private mount namespace that only
    the self-test process lives in: writes fail with EROFS even for root, as on a read-only share,
    and nothing changes for the rest of the machine."""
    folder = tmp_path / "share"
    folder.mkdir()
    use_result_folder(kiosk_dirs[0], folder)
    script = ('mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"')
    code, report = run_json(["unshare", "--mount", "sh", "-c", script, str(folder),
                             *selftest_command("--json")])
    assert code == 1 and failed_keys(report) == {"result_folder"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "result_folder")
    assert "Read-only file system" in detail
    (folder / "writable-again-outside").write_text("the mount was private to the self-test", encoding="utf-8")


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_results_waiting_in_the_outbox_fail_that_line_only(kiosk_dirs, tmp_path):
    blocked = tmp_path / "share-gone"
    blocked.write_text("not a folder", encoding="utf-8")
    assert checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(blocked),
                         "--data", str(kiosk_dirs[1]), "--inprocess"]) == checkin.QUEUED_ONLY
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"outbox"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "outbox")
    assert detail.startswith("1 result(s) waiting since")


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_a_clock_behind_the_newest_audit_row_fails_that_line_only(kiosk_dirs):
    store = open_audit_store(90, kiosk_dirs[1])
    store.record_staff_action(StaffAction(datetime.now(timezone.utc) + timedelta(hours=2),
                                          "mode_switch", {"from": "automatic", "to": "pin_only"}))
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"clock"} | ALWAYS_FAILING
    assert "went backwards" in next(c["detail"] for c in report["checks"] if c["key"] == "clock")


def test_a_check_that_hangs_fails_on_its_time_limit():
    never = threading.Event()
    result = run_check(Check("hung", "試験", "Hangs", lambda setup: never.wait(), 0.3),
                       SelftestSetup(demo=True))
    never.set()   # let the abandoned thread finish
    assert result.status == FAILED and result.detail == "no answer within 0.3 s"
    assert 0.3 <= result.seconds < 2


def test_the_real_pcsc_checks_against_a_private_pcscd(private_pcscd, persona_folder, kiosk_dirs):
    setup = SelftestSetup(demo=False)
    assert private_pcscd.reader_names[0] in check_reader(setup)
    assert run_check(Check("card", "", "", check_card), setup).status == SKIPPED   # no card
    private_pcscd.insert(open_card(persona_folder, "valid_adult"))
    result = run_check(Check("card", "", "", check_card), setup)
    assert result.status == OK, result.detail
    assert result.detail.startswith(
        f"{private_pcscd.reader_names[0]}: card, authentication certificate valid until")


def test_the_installed_camera_check_opens_the_cameras_the_settings_name(kiosk_dirs):
    from faceauth.sample_faces import DEMO_RECORDING
    config, _data = kiosk_dirs
    config.mkdir(parents=True, exist_ok=True)
    settings_file = config / "settings.toml"
    camera = Check("camera", "", "", check_camera)
    settings_file.write_text(f'institution_code = "1399999999"\nface_camera = "{DEMO_RECORDING}"\n',
                             encoding="utf-8")
    result = run_check(camera, SelftestSetup(demo=False))
    assert result.status == OK, result.detail
    assert result.detail.endswith("frames (also the card tray camera)")
    with settings_file.open("a", encoding="utf-8") as more:
        more.write('tray_camera = "/nonexistent/tray.mp4"\n')
    result = run_check(camera, SelftestSetup(demo=False))
    assert result.status == FAILED
    assert "/nonexistent/tray.mp4" in result.detail and "(setting tray_camera)" in result.detail


# ---- translations: a real .ts, built with Qt's lrelease ---------------------------------------

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context><name>Idle</name>
<message><source>カードを置いてください</source><translation{attrs}>{text}</translation></message>
</context>
</TS>
"""


def make_translation(folder: Path, text: str = "Please place your card", attrs: str = "",
                     build: bool = True) -> Path:
    folder.mkdir(exist_ok=True)
    ts = folder / "kiosk_en.ts"
    ts.write_text(TS.format(text=text, attrs=attrs), encoding="utf-8")
    if build:
        lrelease = Path(sys.executable).parent / "pyside6-lrelease"
        subprocess.run([str(lrelease), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                       capture_output=True)
    return ts


def translations_status(folder: Path) -> tuple[str, str]:
    result = run_check(Check("translations", "", "", lambda s: check_translations(s, folder)),
                       SelftestSetup(demo=True))
    return result.status, result.detail


def test_complete_built_translations_pass(tmp_path):
    make_translation(tmp_path / "i18n")
    assert translations_status(tmp_path / "i18n") == (OK, "kiosk_en: complete, built")


def test_an_unfinished_translation_fails(tmp_path):
    make_translation(tmp_path / "i18n", text="", attrs=' type="unfinished"')
    assert translations_status(tmp_path / "i18n") == (
        FAILED, "kiosk_en.ts: 1 unfinished translation(s)")


def test_an_unbuilt_or_stale_translation_fails(tmp_path):
    ts = make_translation(tmp_path / "i18n", build=False)
    assert translations_status(tmp_path / "i18n") == (
        FAILED, "kiosk_en.qm has not been built (lrelease)")
    make_translation(tmp_path / "i18n")
    os.utime(ts, (ts.stat().st_mtime + 60,) * 2)    # edited after the build
    assert translations_status(tmp_path / "i18n")[1] == "kiosk_en.qm is older than kiosk_en.ts: build it again"


def test_a_missing_translations_folder_fails_with_its_reason(tmp_path):
    status, detail = translations_status(tmp_path / "i18n")
    assert status == FAILED and "i18n does not exist" in detail


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_a_missing_result_folder_is_not_created_by_the_self_test(kiosk_dirs, tmp_path):
    """Issue 17, fault 1: the share's mount point is there, empty; the folder below it is not."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    use_result_folder(kiosk_dirs[0], mount_point / "face")
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"result_folder"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "result_folder")
    assert "does not exist" in detail and os.listdir(mount_point) == []


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
def test_an_empty_mount_point_fails_the_result_folder_line(kiosk_dirs, tmp_path):
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    use_result_folder(kiosk_dirs[0], mount_point)
    with open(kiosk_dirs[0] / "settings.toml", "a", encoding="utf-8") as settings_file:
        settings_file.write(f'result_share_mount = "{mount_point}"\n')
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"result_folder"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "result_folder")
    assert f"nothing is mounted at {mount_point}" in detail


@pytest.mark.e2e   # `python -m kiosk selftest` in a subprocess
@pytest.mark.parametrize("loss", ["emptied", "deleted"])
def test_queued_results_missing_from_the_outbox_fail_that_line(kiosk_dirs, tmp_path, loss):
    """Issue 17, fault 3: the audit lists a result as queued; the outbox no longer has it."""
    blocked = tmp_path / "share-gone"
    blocked.write_text("not a folder", encoding="utf-8")
    checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(blocked),
                  "--data", str(kiosk_dirs[1]), "--inprocess"])
    outbox = kiosk_dirs[1] / "outbox.sqlite"
    for leftover in kiosk_dirs[1].glob("outbox.sqlite-*"):
        leftover.unlink()
    if loss == "emptied":
        outbox.write_bytes(b"")
    else:
        outbox.unlink()
    code, report = run_json(selftest_command("--json"))
    assert code == 1 and failed_keys(report) == {"outbox"} | ALWAYS_FAILING
    detail = next(c["detail"] for c in report["checks"] if c["key"] == "outbox")
    assert "1 result(s) the audit lists as queued are not in the outbox" in detail
    if loss == "emptied":
        assert "outbox.sqlite was damaged (the file is empty (0 bytes))" in detail
