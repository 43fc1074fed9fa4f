"""kiosk.spec's exclusions against the Windows layout, without Windows: the files the Windows
wheels hold and the DLLs each of their binaries imports, as PyPI serves them to a Windows PC
(recorded in windows-wheels.tsv by scripts/record_windows_wheels.py, the wheels' sha256 beside).

The Linux build checks its own exclusions with ldd (kiosk.spec, test_frozen.py); Windows names its
files differently (PySide6/Qt6Core.dll, PySide6/plugins/..., onnxruntime/capi/onnxruntime.dll), so
a pattern right on Linux may take nothing, or too much, there."""
from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECORD = Path(__file__).with_name("windows-wheels.tsv")
# Exclusions that concern Linux builds only (Windows has no Wayland and takes no system libraries).
LINUX_ONLY = {"Wayland and EGL-device platform plugins (X11 or Windows only)",
              "Linux desktop libraries taken from the system (AppImage's exclude list)",
              "GTK and desktop-portal platform themes (the kiosk draws its own style sheet)"}
# What the kiosk loads on Windows: the window, its platform plugin and style, the SVG pictures and
# icons, the charts, QSoundEffect, OpenCV, onnxruntime's Python module, WinSCard through pyscard.
NEEDED_ON_WINDOWS = ["PySide6/Qt6Core.dll", "PySide6/Qt6Gui.dll", "PySide6/Qt6Widgets.dll",
                     "PySide6/Qt6Svg.dll", "PySide6/Qt6Charts.dll", "PySide6/Qt6Multimedia.dll",
                     "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/imageformats/qsvg.dll",
                     "PySide6/plugins/iconengines/qsvgicon.dll",
                     "onnxruntime/capi/onnxruntime_pybind11_state.pyd", "cv2/cv2.pyd",
                     # loaded by name at run time, so in no import table: OpenCV reads video files
                     # (the demo's recorded camera) through it
                     "cv2/opencv_videoio_ffmpeg*_64.dll"]


def spec_exclusions() -> dict[str, list[str]]:
    """EXCLUSIONS as kiosk.spec defines it (its own assignments, run alone)."""
    tree = ast.parse((ROOT / "kiosk.spec").read_text(encoding="utf-8"))
    wanted = [node for node in tree.body if isinstance(node, ast.Assign)
              and {t.id for t in node.targets if isinstance(t, ast.Name)} & {"SYSTEM_LIBRARIES", "EXCLUSIONS"}]
    namespace: dict = {}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), "kiosk.spec", "exec"), namespace)
    return namespace["EXCLUSIONS"]


def windows_files() -> dict[str, list[str]]:
    """Each file of the Windows wheels -> the DLLs it imports (empty for data files)."""
    if not RECORD.exists():
        pytest.skip("tests/frozen/windows-wheels.tsv is missing: run scripts/record_windows_wheels.py")
    files = {}
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            path, _, imported = line.partition("\t")
            files[path] = [name for name in imported.split(",") if name]
    return files


def excluded(path: str, patterns: list[str]) -> bool:
    return any(fnmatch(path, pattern) for pattern in patterns)


@pytest.fixture(scope="module")
def layout():
    exclusions = spec_exclusions()
    files = windows_files()
    every_pattern = [p for patterns in exclusions.values() for p in patterns]
    dropped = {path for path in files if excluded(path, every_pattern)}
    return exclusions, files, dropped


def test_the_record_holds_the_wheels_the_kiosk_ships(layout):
    _, files, _ = layout
    assert {"PySide6/Qt6Core.dll", "onnxruntime/capi/onnxruntime.dll", "cv2/cv2.pyd"} <= set(files)
    assert "Qt6Core.dll" in files["PySide6/Qt6Widgets.dll"]   # the import tables were read


def test_every_exclusion_takes_something_from_the_windows_build(layout):
    exclusions, files, _ = layout
    idle = {label for label, patterns in exclusions.items()
            if not any(excluded(path, patterns) for path in files)}
    assert idle == LINUX_ONLY


def qt_modules_the_kiosk_imports() -> set[str]:
    """PySide6 modules named by the kiosk's own imports (QtTest is for screenshots and tests only)."""
    found = set()
    for package in ("kiosk", "ui", "reader", "faceauth"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6.Qt"):
                    found.add(node.module.split(".")[1])
    return found - {"QtTest"}


# The plugin types PyInstaller's PySide6 hooks collect for the Qt modules the kiosk imports (the
# Linux build's PySide6/Qt/plugins/ holds the same, with xcb in place of Windows' styles).
QT_PLUGIN_TYPES = {"platforms", "platformthemes", "imageformats", "iconengines", "styles", "generic",
                   "platforminputcontexts", "multimedia", "tls", "networkinformation"}


def loaded_on_windows(files: dict[str, list[str]], dropped: set[str]) -> set[str]:
    """What the Windows build loads: the Python modules the kiosk imports (Qt's it names, every
    other package's extension modules), each Qt plugin the build keeps, and, transitively, every
    DLL of the wheels these import."""
    by_name = {Path(path).name.lower(): path for path in files}
    roots = [f"PySide6/{module}.pyd" for module in qt_modules_the_kiosk_imports()]
    roots += [p for p in files if p.endswith(".pyd") and not p.startswith("PySide6/")]
    roots += [p for p in files if p.endswith(".dll") and p not in dropped
              and p.split("/")[:2] == ["PySide6", "plugins"] and p.split("/")[2] in QT_PLUGIN_TYPES]
    loaded, pending = set(), list(roots)
    while pending:
        path = pending.pop()
        if path not in loaded:
            loaded.add(path)
            pending += [by_name[name.lower()] for name in files[path] if name.lower() in by_name]
    return loaded


def test_no_binary_the_windows_build_loads_is_dropped(layout):
    _, files, dropped = layout
    loaded = loaded_on_windows(files, dropped)
    assert "PySide6/Qt6Network.dll" in loaded   # QtMultimedia links to it: the reason it stays
    assert sorted(loaded & dropped) == []


def test_what_the_kiosk_needs_on_windows_stays(layout):
    _, files, dropped = layout
    found = {needed: [path for path in files if fnmatch(path, needed)] for needed in NEEDED_ON_WINDOWS}
    assert [needed for needed, paths in found.items() if not paths] == []
    assert [path for paths in found.values() for path in paths if path in dropped] == []


def test_the_windows_voice_needs_no_multimedia_plugin(layout):
    """The FFmpeg back-end goes (plugins/multimedia): QSoundEffect plays through the audio code
    inside Qt6Multimedia.dll itself, which imports Windows' audio (WASAPI: MMDevAPI via ole32/avrt)."""
    _, files, dropped = layout
    assert any(fnmatch(path, "PySide6/plugins/multimedia/*") for path in dropped)
    audio = {name.lower() for name in files["PySide6/Qt6Multimedia.dll"]}
    assert audio & {"avrt.dll", "mmdevapi.dll", "winmm.dll"}, sorted(audio)
