"""The headless check-in in-process (`oqs-kiosk-cli checkin --inprocess`) as on a Japanese Windows
PC: cp932 default encoding, text-mode descriptors, no replacing an open file, read-only-only mode
bits, sys.platform "win32" (tests/windows_semantics.py). Before the fix the iphone persona's 𠮷 could
not be written in cp932 and the demo's personas never got made."""
from __future__ import annotations

import pytest

from kiosk.tools import checkin
from tests.results.parse import parse_result


@pytest.mark.parametrize("persona, args", [("iphone", []), ("valid_adult", ["--pin", "1234", "--encoding", "shift_jis"])])
def test_a_check_in_on_japanese_windows_writes_its_result(windows, capsys, tmp_path, persona, args):
    windows.as_platform()
    out = tmp_path / "results"
    out.mkdir()                           # the kiosk never creates a result folder it was given
    code = checkin.main(["--persona", persona, "--inprocess", "--out", str(out),
                         "--data", str(tmp_path / "data"), *args])
    printed = capsys.readouterr().out
    assert code == 0, printed
    (written,) = out.glob("*.xml")
    fields = {element.tag: element.text or "" for element in parse_result(written.read_bytes()).iter()}
    assert fields["QualificationValidity"] == "1"
    assert windows.refused == []          # the kiosk never renames a file it holds open itself
