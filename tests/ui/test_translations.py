"""Every word the patient sees is in every language: the .ts sources cover exactly the texts
marked in ui/, each translated, and the built .qm files load."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.config.settings import translated_languages
from ui.i18n import I18N_DIR, SOURCE_LANGUAGE, Languages

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")
            if m.find("translation").get("type") != "obsolete"}


def marked_in_ui(tmp_path) -> set[tuple[str, str]]:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(LUPDATE), "-silent", *sources, "-ts", str(fresh)], check=True, cwd=ROOT)
    return set(messages(fresh))


LANGUAGES = [code for code in translated_languages() if code != SOURCE_LANGUAGE]


def test_japanese_is_offered():
    assert "ja" in LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_marked_text_is_translated(tmp_path, code):
    ts = I18N_DIR / f"oqs_kiosk_{code}.ts"
    known = messages(ts)
    assert set(known) == marked_in_ui(tmp_path), "run scripts/update-translations.sh"
    unfinished = [key for key, t in known.items() if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert unfinished == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_built_translation_loads_and_names_itself(qapp, code):
    languages = Languages(["ja", "en"] if code == "ja" else [code, "en"])
    assert code in languages.translators, "run scripts/setup.d/70-translations.sh"
    assert languages.own_name(code) != "English"
    assert languages.own_name("en") == "English"
