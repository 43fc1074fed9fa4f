"""Card text from the glyph atlas: drawn as Pillow draws it, without Pillow at run time, and the
atlas built at set-up holds every character the demo and the tests print."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import numpy as np
import pytest
from PIL import Image, ImageDraw

from faceauth.surface import glyphs
from faceauth.surface.glyph_atlas import build_atlas, font
from faceauth.surface.glyphs import GlyphAtlas, MissingGlyph, TextStyle, text_mask
from faceauth.surface.render import NAME, TEXT, card_characters
from kiosk.tools.card_glyphs import card_names, demo_card_characters
from kiosk.composition.demo_cards import DEMO_ADDRESS
from reader import era


def pillow_mask(style: TextStyle, text: str) -> np.ndarray:
    """`text` as Pillow (FreeType + Raqm) draws it, at (60, 60) on a blank canvas."""
    canvas = Image.new("L", (1400, 200))
    ImageDraw.Draw(canvas).text((60, 60), text, font=font(style.font_file, style.pixels), fill=255)
    return np.asarray(canvas)


def atlas_mask(style: TextStyle, text: str) -> np.ndarray:
    canvas = np.zeros((200, 1400), np.uint8)
    mask, (left, top) = text_mask(style, text)
    canvas[60 + top:60 + top + mask.shape[0], 60 + left:60 + left + mask.shape[1]] = mask
    return canvas


def test_the_setup_atlas_holds_every_character_the_demo_and_tests_print():
    for style, characters in demo_card_characters().items():
        stored = GlyphAtlas.load(style).stored
        assert set(characters) - {"\n"} <= stored, style
    names = "".join(card_names())
    assert "山田　太郎" in card_names() and "𠮷" in names and "試験　太郎" in card_names()
    assert set(DEMO_ADDRESS.replace("\n", "")) <= GlyphAtlas.load(TEXT).stored


def test_every_birth_date_the_card_can_print_is_in_the_atlas():
    stored = GlyphAtlas.load(TEXT).stored
    day, printed = date(1868, 1, 25), set()
    while day < date(2100, 1, 1):  # every era's first days (元年) and every two-digit year
        printed.update(era.printed_era_date(day))
        day += timedelta(days=97)
    for start, _ in era.ERAS:
        printed.update(era.printed_era_date(start))
    assert printed <= stored


@pytest.mark.parametrize("style, text", [
    (TEXT, "（TEST ONLY）東京都千代田区霞が関１－１"),  # Latin pairs that Raqm kerns
    (TEXT, "平成元年 1月 8日"),
    (NAME, "スミス　ジョン"),
])
def test_text_from_the_atlas_is_pillows_text_pixel_for_pixel(style, text):
    assert np.array_equal(atlas_mask(style, text), pillow_mask(style, text))


def test_a_character_missing_from_the_atlas_is_rendered_on_demand_alike():
    glyphs.atlas.cache_clear()
    try:
        assert "鬱" not in GlyphAtlas.load(NAME).stored
        assert np.array_equal(atlas_mask(NAME, "鬱田　Ｔａ"), pillow_mask(NAME, "鬱田　Ｔａ"))
    finally:
        glyphs.atlas.cache_clear()  # the on-demand glyph stays out of later tests' atlases


def test_without_pillow_a_missing_character_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    monkeypatch.delitem(sys.modules, "faceauth.surface.glyph_atlas")
    with pytest.raises(MissingGlyph, match="'鬱' \\(U\\+9B31\\)"):
        GlyphAtlas.load(NAME).glyph("鬱")
    for text in ("鬱田", "田鬱"):             # first or second of a kerning pair
        glyphs.atlas.cache_clear()
        with pytest.raises(MissingGlyph, match="'鬱'"):
            text_mask(NAME, text)
    glyphs.atlas.cache_clear()


def test_the_atlas_is_rebuilt_only_when_its_characters_change(tmp_path):
    characters = card_characters(["見本　花子"], ["東京都"])
    assert build_atlas(tmp_path, characters)
    written = {f.name: f.stat().st_mtime_ns for f in tmp_path.iterdir()}
    assert not build_atlas(tmp_path, characters)
    assert {f.name: f.stat().st_mtime_ns for f in tmp_path.iterdir()} == written
    assert build_atlas(tmp_path, card_characters(["見本　一郎"], ["東京都"]))
    assert "一" in GlyphAtlas.load(NAME, tmp_path).stored
    assert "花" not in GlyphAtlas.load(NAME, tmp_path).stored


WITHOUT_PILLOW = """
import sys
sys.modules["PIL"] = None  # any import of Pillow fails
from pathlib import Path
from faceauth.surface import SurfaceReader, render_card_front
from kiosk.composition.demo_cards import card_values_from_persona
from reader import era
values = card_values_from_persona(Path(sys.argv[1]), "valid_adult")
fields = SurfaceReader(era.from_era).read_frame(render_card_front(values)).fields
print(fields["birth"].value, fields["expiry"].value, fields["security_code"].value, values.expiry)
"""


def test_a_persona_card_is_drawn_and_read_without_pillow(persona_folder):
    done = subprocess.run([sys.executable, "-c", WITHOUT_PILLOW, str(persona_folder)],
                          capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    birth, expiry, code, printed_expiry = done.stdout.split()
    assert (birth, code) == ("昭和55年2月17日", "2285")
    assert expiry == printed_expiry


def test_the_surface_package_does_not_import_pillow():
    done = subprocess.run([sys.executable, "-c", "import sys, faceauth.surface, "
                           "faceauth.surface.render; print('PIL' in sys.modules)"],
                          capture_output=True, text=True, timeout=60, encoding="utf-8")
    assert done.stdout.strip() == "False", done.stderr
