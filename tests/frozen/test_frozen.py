"""The vendor's built folder (kiosk.spec, `make dist`) works on its own: the window reaches the idle
screen offscreen, the self-test passes, and a whole face check-in writes its result file.

`make test` builds dist/oqs-kiosk first (about 2 minutes on two cores; skipped when the folder was
built from exactly the current sources). Run alone, these tests use a fresh build or are skipped:
`scripts/build.sh` first, or OQS_KIOSK_BUILD=1 to let the test build it. (The folder is not named
tests/dist: pytest never looks into folders called dist or build.)"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.config.paths import shipped_resource

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / "dist" / "oqs-kiosk" / "oqs-kiosk"

pytestmark = pytest.mark.dist


def fresh_build() -> bool:
    return subprocess.run([str(ROOT / "scripts" / "build.sh"), "--check"], cwd=ROOT,
                          capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def binary():
    if not fresh_build():
        if os.environ.get("OQS_KIOSK_BUILD") != "1":
            pytest.skip("dist/oqs-kiosk is missing or older than the sources: run scripts/build.sh "
                        "(make test does), or set OQS_KIOSK_BUILD=1")
        subprocess.run([str(ROOT / "scripts" / "build.sh")], cwd=ROOT, check=True, timeout=1200)
    return BINARY


@pytest.fixture
def kiosk_env(tmp_path):
    """A machine on which the kiosk has never run: empty data and config folders, no screen,
    and nothing of the checkout on the path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", OQS_KIOSK_DATA_DIR=str(tmp_path / "data"),
               OQS_KIOSK_CONFIG_DIR=str(tmp_path / "config"), PATH="/usr/bin:/bin")
    return env


def run(binary, args, env, cwd, timeout=180):
    return subprocess.run([str(binary), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, encoding="utf-8")


def test_the_window_reaches_the_idle_screen(binary, kiosk_env, tmp_path):
    shot = tmp_path / "idle.png"
    done = run(binary, ["--demo", "--windowed", "--quit-after", "3", "--screenshot", str(shot)],
               kiosk_env, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "window open on the idle screen" in log
    assert " ERROR " not in log and "Traceback" not in done.stderr, done.stderr[-3000:]
    picture = Image.open(shot).convert("L")
    assert picture.size[0] >= 800
    low, high = picture.getextrema()
    assert high - low > 100, "the idle screen was painted blank"


def test_quitting_at_once_leaves_cleanly(binary, kiosk_env, tmp_path):
    """Quitting while the face models still load in the background (a restart, a shutdown) must not
    abort the process (onnxruntime: "terminate called without an active exception")."""
    for _ in range(3):
        done = run(binary, ["--demo", "--windowed", "--quit-after", "0"], kiosk_env, tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="module")
def cli(binary):
    """The console program beside the window's (oqs-kiosk-cli.exe on Windows): self-test, check-in."""
    return binary.with_name("oqs-kiosk-cli")


def test_both_programs_run_python_in_utf8_mode(binary, cli):
    """-X utf8 in each program's own options (PyInstaller's archive viewer lists them): files and
    pipes in UTF-8 whatever the code page (cp932 on Japanese Windows)."""
    for program in (binary, cli):
        listing = subprocess.run([str(ROOT / ".venv" / "bin" / "pyi-archive_viewer"), "-l", "-b", str(program)],
                                 capture_output=True, encoding="utf-8", check=True, timeout=120).stdout
        options = listing.split("Contents of")[0]
        assert "X utf8_mode=1" in options, listing[:500]


def test_the_self_test_passes(cli, kiosk_env, tmp_path):
    done = run(cli, ["selftest", "--demo", "--json"], kiosk_env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["passed"] is True
    results = {r["key"]: r for r in report["checks"]}
    assert results["models"]["status"] == "ok"
    assert results["translations"]["status"] == "ok"


def test_the_voice_is_heard_without_a_media_back_end(binary, kiosk_env, tmp_path):
    """The build leaves QtMultimedia's FFmpeg back-end out: the idle screen's prompt must still
    reach a sound server (a private PulseAudio whose null sink is recorded) with real samples."""
    from ui.testing.sound_server import RATE, private_sound_server, record
    recording = tmp_path / "heard.raw"
    with private_sound_server() as runtime, record(recording):
        done = run(binary, ["--demo", "--windowed", "--quit-after", "4"],
                   {**kiosk_env, "XDG_RUNTIME_DIR": runtime}, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "no audio output" not in log and "could not play" not in log
    samples = np.fromfile(recording, "<i2").astype(np.float64)
    loud = np.abs(samples) > 300
    assert loud.sum() > RATE // 2, f"{loud.sum()} loud samples in {len(samples) / RATE:.1f} s"


def test_a_face_check_in_writes_its_result(cli, kiosk_env, tmp_path):
    """The face path end to end inside the bundle: card surface OCR (rapidocr's models), the face
    pack on onnxruntime, the simulator's trust anchors, the result file."""
    out = tmp_path / "results"
    done = run(cli, ["checkin", "--persona", "valid_adult", "--method", "face", "--consent", "all",
                        "--inprocess", "--out", str(out)], kiosk_env, tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    written = list(out.glob("*.xml"))
    assert len(written) == 1 and "face" in written[0].name


def test_the_bundle_carries_resources_by_rule(binary):
    bundle = binary.parent / "_internal"
    shipped = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*")
               if shipped_resource(p)}
    assert {"models/dlib-resnet-mtcnn/pack.toml", "i18n/oqs_kiosk_ja.ts", "voice/ja/screen.idle.wav"} <= shipped
    bundled = {p.relative_to(bundle / "resources").as_posix() for p in (bundle / "resources").rglob("*") if p.is_file()}
    assert shipped <= bundled, sorted(shipped - bundled)[:10]
    assert list((bundle / "rapidocr_onnxruntime" / "models").glob("*.onnx"))


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd is how Linux answers this")
def test_every_bundled_library_finds_what_it_loads(binary):
    """kiosk.spec drops parts and then the libraries only they loaded: nothing left may miss one
    (ldd looks in the bundle's own folders and the system's), and no link may point nowhere."""
    bundle = binary.parent / "_internal"
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    libraries = [p for p in bundle.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    folders = sorted({str(p.parent) for p in libraries})
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(folders)}
    missing = {}
    for library in libraries:
        answer = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env, encoding="utf-8").stdout
        lost = [line.split()[0] for line in answer.splitlines() if "not found" in line]
        if lost:
            missing[library.relative_to(bundle).as_posix()] = lost
    assert len(libraries) > 100 and not missing, missing
