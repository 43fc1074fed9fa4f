"""Guards that catch Windows breakage on Linux, by reading the source: text I/O that would take
Windows' default encoding (cp932 on Japanese Windows), and os.open writes whose descriptor would be
in text mode there (no O_BINARY, see kiosk.config.platform_calls.binary_flag)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.posix import posix_only

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("kiosk", "ui", "reader", "faceauth", "scripts", "bench", "tests")
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}
BINARY_NAMES = {"O_BINARY", "binary_flag"}
ON_PURPOSE = "# default encoding on purpose"   # a test of the guard itself
TEXT_SUBPROCESS = {"run", "Popen", "check_output", "check_call", "call"}


def _names(node: ast.AST) -> set[str]:
    return {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node)
            if isinstance(n, (ast.Name, ast.Attribute))}


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    return call.args[position] if len(call.args) > position else _keyword(call, name)


def _is_text_mode(mode: ast.expr | None) -> bool:
    """True for a text mode ("r", "w", absent); False for binary or a mode the scan cannot read."""
    if mode is None:
        return True
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value \
        and bool(mode.value) and set(mode.value) <= set("rwaxt+")


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def problems(source: str, descriptors: bool = True) -> list[str]:
    """One line per call that reads or writes text without naming an encoding, or (`descriptors`)
    opens a descriptor for writing without the binary flag."""
    found, lines = [], source.splitlines()
    for call in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)):
        if lines[call.lineno - 1].endswith(ON_PURPOSE):
            continue
        function = call.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        owner = function.value.id if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) else None
        where = f"line {call.lineno}: {ast.unparse(function)}"
        if isinstance(function, ast.Name) and name == "open" or (owner, name) in {("io", "open"), ("os", "fdopen")}:
            position = 1 if name == "fdopen" or isinstance(function, ast.Name) or owner == "io" else 0
            if _is_text_mode(_argument(call, position, "mode")) and _argument(call, 3, "encoding") is None:
                found.append(f"{where} without encoding=")
        elif name == "read_text" and _argument(call, 0, "encoding") is None:
            found.append(f"{where} without encoding=")
        elif name == "write_text" and _argument(call, 1, "encoding") is None:
            found.append(f"{where} without encoding=")
        elif isinstance(function, ast.Attribute) and name == "open" and owner not in {"os", "io", "wave", "tarfile",
                                                                                     "zipfile", "gzip", "Image"}:
            # Path.open(mode, buffering, encoding); a call without a mode is left to the
            # EncodingWarning run (Qt's and the kiosk's own open() methods take none).
            mode = _argument(call, 0, "mode")
            if mode is not None and _is_text_mode(mode) and _argument(call, 2, "encoding") is None:
                found.append(f"{where} without encoding=")
        elif name == "TextIOWrapper" and _argument(call, 1, "encoding") is None:
            found.append(f"{where} without encoding=")
        elif owner == "subprocess" and name in TEXT_SUBPROCESS and \
                (_is_true(_keyword(call, "text")) or _is_true(_keyword(call, "universal_newlines"))) \
                and _keyword(call, "encoding") is None:
            found.append(f"{where}(text=True) without encoding=")
        elif descriptors and (owner, name) == ("os", "open") and len(call.args) > 1:
            flags = _names(call.args[1])
            if flags & WRITE_FLAGS and not flags & BINARY_NAMES:
                found.append(f"{where} writes without binary_flag()")
    return found


def test_every_text_read_and_write_names_its_encoding_and_every_descriptor_is_binary():
    found = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            # The tests' own descriptors (crash markers, the fixture's witness) stay as they are.
            source = path.read_text(encoding="utf-8")
            if lines := problems(source, descriptors=folder != "tests"):
                found[path.relative_to(ROOT).as_posix()] = lines
    found.update({"kiosk.spec": lines} if (lines := problems((ROOT / "kiosk.spec").read_text(encoding="utf-8"))) else {})
    assert found == {}


def test_the_scan_finds_what_windows_would_break_on():
    sample = '''
import os, subprocess
from pathlib import Path
Path("a").read_text()
Path("a").write_text("x")
open("a", "w")
open("a")
Path("a").open("w")
fd = os.open("k", os.O_WRONLY | os.O_CREAT, 0o600)
subprocess.run(["x"], text=True)
'''
    assert [line.split(":")[0] for line in problems(sample)] == [f"line {n}" for n in (4, 5, 6, 7, 8, 9, 10)]


def test_the_scan_accepts_what_windows_reads_the_same():
    sample = '''
import os, subprocess, wave
from pathlib import Path
Path("a").read_text("utf-8")
Path("a").read_text(encoding="utf-8")
Path("a").write_text("x", encoding="utf-8")
Path("a").read_bytes()
open("a", "wb")
open("a", "r", encoding="utf-8")
Path("a").open("rb")
wave.open("a.wav", "wb")
fd = os.open("k", os.O_WRONLY | os.O_CREAT | binary_flag(), 0o600)
fd = os.open("k", os.O_RDONLY)
subprocess.run(["x"], text=True, encoding="utf-8")
subprocess.run(["x"], capture_output=True)
'''
    assert problems(sample) == []


@pytest.mark.skipif(not sys.flags.warn_default_encoding, reason="run through scripts/test.sh (-X warn_default_encoding)")
def test_the_test_run_fails_text_io_in_the_default_encoding(tmp_path):
    with pytest.raises(EncodingWarning):
        (tmp_path / "a.txt").write_text("受付")  # default encoding on purpose
    with pytest.raises(EncodingWarning):
        open(tmp_path / "b.txt", "w").close()  # default encoding on purpose


def test_posix_only_tests_are_those_marked_or_needing_pcscd():
    assert posix_only({"posix"}, set())
    assert posix_only(set(), {"private_pcscd", "tmp_path"})
    assert not posix_only({"e2e"}, {"tmp_path", "windows"})


def git_attribute(name: str, paths: list[str]) -> dict[str, str]:
    answer = subprocess.run(["git", "check-attr", name, "--", *paths], cwd=ROOT, capture_output=True,
                            encoding="utf-8", check=True).stdout
    return {line.split(": ")[0]: line.split(": ")[-1] for line in answer.splitlines()}


def test_a_windows_checkout_keeps_the_golden_files_and_scripts_byte_for_byte():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, encoding="utf-8",
                             check=True).stdout.splitlines()
    golden = [p for p in tracked if p.startswith("tests/results/golden/")]
    scripts = [p for p in tracked if p.endswith(".sh")]
    assert golden and scripts
    assert set(git_attribute("text", golden).values()) == {"unset"}     # no CRLF conversion
    assert set(git_attribute("eol", scripts).values()) == {"lf"}
