"""docs/configuration.md is generated from the settings schema and must match it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.tools import config_reference
from kiosk.config.settings import SCHEMA, Setting, Who

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "python -m kiosk.tools.config_reference > docs/configuration.md"


def test_the_committed_reference_matches_the_schema():
    committed = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == config_reference.reference(), f"docs/configuration.md is stale: run {REGENERATE}"


def test_every_setting_has_a_row_with_its_type_default_and_who():
    text = config_reference.reference()
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [s.name for s in SCHEMA]
    encoding = next(row for row in rows if row.startswith("| `result_encoding`"))
    assert "`utf-8`, `shift_jis`" in encoding and '`"utf-8"`' in encoding and "vendor only" in encoding


def test_a_new_setting_makes_the_committed_file_stale(monkeypatch):
    extra = Setting("night_mode", bool, False, "A setting the reference has not seen.", Who.STAFF,
                    title_ja="夜間モード", title_en="Night mode")
    monkeypatch.setattr(config_reference, "SCHEMA", SCHEMA + (extra,))
    regenerated = config_reference.reference()
    assert "| `night_mode` | 夜間モード / Night mode | true / false | `false` | staff" in regenerated
    assert regenerated != (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_the_command_prints_the_reference():
    out = subprocess.run([sys.executable, "-m", "kiosk.tools.config_reference"], cwd=ROOT, check=True,
                         capture_output=True).stdout.decode("utf-8")
    assert out == config_reference.reference()
