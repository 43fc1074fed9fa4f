"""Platform readiness that can be checked on Linux: the Windows defaults, the camera back-ends,
the systemd unit, and no POSIX-only or Windows-only call outside kiosk/config/platform_calls.py."""
from __future__ import annotations

import ast
import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from faceauth import camera
from kiosk.config import platform_calls, settings
from kiosk.config.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_MODULE = Path(platform_calls.__file__).resolve()   # wherever the package keeps it
# Modules and os attributes that exist on one system only.
ONE_SYSTEM_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "posix", "msvcrt", "winreg",
                      "_winapi", "winsound", "nt"}
ONE_SYSTEM_OS_CALLS = {"O_DIRECTORY", "fchmod", "fchown", "chown", "getuid", "geteuid", "setsid",
                       "killpg", "getpgid", "fork", "mkfifo", "startfile", "O_BINARY", "sync"}
CHECKED = ("kiosk", "ui", "reader", "faceauth")
ALLOWED = {PLATFORM_MODULE, ROOT / "reader" / "testing"}   # the tests' private pcscd is Linux-only


def production_sources():
    for package in CHECKED:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not any(path == allowed or allowed in path.parents for allowed in ALLOWED):
                yield path


def one_system_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in ONE_SYSTEM_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in ONE_SYSTEM_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in ONE_SYSTEM_OS_CALLS:
                found.append(f"os.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("/dev"):
            found.append(repr(node.value))
    return found


def test_no_one_system_call_outside_the_platform_module():
    found = {p.relative_to(ROOT).as_posix(): uses for p in production_sources() if (uses := one_system_uses(p))}
    # faceauth.camera names /dev/ only to tell a device path from a file path: a string test, no call.
    assert found == {"faceauth/camera.py": ["'/dev/'"]}


def test_the_scan_finds_a_posix_only_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os, fcntl\nfd = os.open('.', os.O_RDONLY | os.O_DIRECTORY)\n", encoding="utf-8")
    assert one_system_uses(sample) == ["fcntl", "os.O_DIRECTORY"]


def test_the_platform_module_itself_uses_them():
    assert "os.O_DIRECTORY" in one_system_uses(PLATFORM_MODULE)


def test_windows_default_result_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "win32")
    assert str(settings.defaults().result_folder_path()) == "C:\\OQS\\face"
    assert settings.defaults().with_changes(result_folder=r"\\reception\oqs").result_folder_path() == \
        Path(r"\\reception\oqs")   # a folder in the settings always wins


def test_linux_default_result_folder_is_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert settings.defaults().result_folder_path() == tmp_path / "face"


def test_windows_skips_what_ntfs_does_itself(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_bytes(b"k")
    secret.chmod(0o644)
    assert platform_calls.others_may_read(secret) == 0o644
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform_calls.others_may_read(secret) is None
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("no folder fsync on Windows"))
    platform_calls.sync_folder(tmp_path)


def test_camera_backends_per_platform():
    assert camera.device_backends("win32") == [cv2.CAP_MSMF, cv2.CAP_DSHOW]
    assert camera.device_backends("linux") == [cv2.CAP_ANY]


def windows_cameras(monkeypatch, opening: int | None) -> list[int]:
    """Windows' device back-ends, with a cv2.VideoCapture that opens only on `opening`; returns
    the list of back-ends tried."""
    tried = []

    class Capture:
        def __init__(self, source, backend):
            tried.append(backend)
            self.backend = backend

        def isOpened(self):
            return self.backend == opening

        def release(self):
            pass
    monkeypatch.setattr(camera, "device_backends", lambda: [cv2.CAP_MSMF, cv2.CAP_DSHOW])
    monkeypatch.setattr(camera.cv2, "VideoCapture", Capture)
    return tried


def test_camera_tries_the_next_backend(monkeypatch):
    tried = windows_cameras(monkeypatch, opening=cv2.CAP_DSHOW)
    assert camera._open_capture(0).backend == cv2.CAP_DSHOW
    assert tried == [cv2.CAP_MSMF, cv2.CAP_DSHOW]


def test_a_device_no_backend_opens_is_unavailable(monkeypatch):
    tried = windows_cameras(monkeypatch, opening=None)
    with pytest.raises(camera.CameraUnavailable):
        camera._open_capture(0)
    assert tried == [cv2.CAP_MSMF, cv2.CAP_DSHOW]


UNIT = resource_path("linux", "oqs-kiosk.service")


def test_the_systemd_unit_restarts_the_kiosk_and_starts_with_the_session():
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str
    unit.read(UNIT, encoding="utf-8")
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    assert unit["Service"]["ExecStart"].endswith("oqs-kiosk")


@pytest.mark.posix
@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path):
    # verify also checks that ExecStart exists: point it at a real program, change nothing else.
    text = UNIT.read_text(encoding="utf-8")
    copy = tmp_path / UNIT.name
    copy.write_text(text.replace("ExecStart=/opt/oqs-kiosk/oqs-kiosk", f"ExecStart={sys.executable}"), encoding="utf-8")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    done = subprocess.run(["systemd-analyze", "verify", "--user", str(copy)], capture_output=True, text=True,
                          env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)}, timeout=60, encoding="utf-8")
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_every_package_finds_resources_in_the_same_place_from_source_and_frozen(monkeypatch, tmp_path):
    import faceauth.resources
    import reader.resources
    from kiosk.config import paths
    finders = (reader.resources.resource_dir, faceauth.resources.resource_dir, paths.resource_path)
    assert {finder() for finder in finders} == {ROOT / "resources"}
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert {finder() for finder in finders} == {tmp_path / "resources"}


def test_no_module_finds_resources_beside_its_own_file():
    """Every reader of resources/ goes through a resource_dir, so the frozen build finds them."""
    finders = {ROOT / "reader" / "resources.py", ROOT / "faceauth" / "resources.py"}
    offenders = [p.relative_to(ROOT).as_posix() for p in production_sources()
                 if p not in finders and "__file__" in (text := p.read_text(encoding="utf-8"))
                 and "resources" in text.split("__file__", 1)[1].split("\n", 1)[0]]
    assert offenders == []


def test_opencv_is_the_build_without_its_own_qt():
    """scripts/setup.sh swaps the opencv-python that insightface and rapidocr pull in for the
    headless build: one Qt (PySide6's) in the process, and 28 MB less in the vendor's folder."""
    import re
    from importlib import metadata

    assert re.search(r"^\s*GUI:\s*NONE\s*$", cv2.getBuildInformation(), re.MULTILINE)
    installed = {dist.metadata["Name"].lower() for dist in metadata.distributions()}
    assert "opencv-python-headless" in installed and "opencv-python" not in installed
