"""Builds the card's glyph atlas at set-up, with Pillow and Debian's Noto CJK fonts (the only
module of faceauth that imports Pillow; the kiosk build leaves it out).

    build_atlas(folder, {style: characters, ...})   # see render.card_characters; skipped if up to date

For each font and pixel size: <atlas_name>.png (greyscale glyph coverage, packed in shelves) and
<atlas_name>.json ({"glyphs": {char: [x, y, width, height, left, top, advance]}, "kerning":
{pair: pen shift}} for every pair of its characters that Pillow's layout kerns); manifest.json holds the
hash of the inputs, so a second run with the same characters, fonts and Pillow writes nothing.
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import PIL
from PIL import Image, ImageDraw, ImageFont, features

from .glyphs import Glyph, TextStyle

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
JAPANESE_FACE = 0  # index of the JP face in the Noto CJK collections
SHEET_WIDTH = 1024
GAP = 1  # pixels between packed glyphs


def font_path(file: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / file).exists():
            return folder / file
    raise FileNotFoundError(f"{file} not found in {FONT_DIRS}: install Debian's fonts-noto-cjk")


@functools.lru_cache(maxsize=None)
def font(file: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(file)), pixels, index=JAPANESE_FACE)


def render_glyph(style: TextStyle, char: str) -> Glyph:
    """One character as Pillow draws it with anchor "la" (left, ascender)."""
    face = font(style.font_file, style.pixels)
    left, top, right, bottom = (int(v) for v in face.getbbox(char))  # whole pixels for a TrueType face
    bitmap = Image.new("L", (max(right - left, 0), max(bottom - top, 0)))
    if right > left and bottom > top:
        ImageDraw.Draw(bitmap).text((-left, -top), char, font=face, fill=255)
    return Glyph(np.asarray(bitmap, np.uint8), left, top, face.getlength(char))


def kerning(style: TextStyle, first: str, second: str) -> float:
    """How much Pillow's layout (Raqm: the font's GPOS kerning) moves `second` after `first`."""
    face = font(style.font_file, style.pixels)
    return face.getlength(first + second) - face.getlength(first) - face.getlength(second)


def _atlases(characters: Mapping[TextStyle, str]) -> dict[str, tuple[TextStyle, str]]:
    """One atlas per font and pixel size, holding every character of the styles that share it."""
    merged: dict[str, tuple[TextStyle, set[str]]] = {}
    for style, text in characters.items():
        merged.setdefault(style.atlas_name, (style, set()))[1].update(text)
    return {name: (style, "".join(sorted(chars - {"\n"}))) for name, (style, chars) in merged.items()}


def _inputs_hash(atlases: dict[str, tuple[TextStyle, str]]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{PIL.__version__} raqm={features.check('raqm')}".encode())  # Raqm kerns
    for name, (style, chars) in sorted(atlases.items()):
        stat = font_path(style.font_file).stat()
        digest.update(json.dumps([name, style.pixels, chars, stat.st_size, stat.st_mtime_ns]).encode())
    return digest.hexdigest()


def _pack(glyphs: dict[str, Glyph]) -> tuple[np.ndarray, dict[str, list[float]]]:
    boxes, x, y, shelf = {}, 0, 0, 0
    for char, glyph in glyphs.items():
        height, width = glyph.bitmap.shape
        if x + width > SHEET_WIDTH:
            x, y, shelf = 0, y + shelf + GAP, 0
        boxes[char] = [x, y, width, height, glyph.left, glyph.top, glyph.advance]
        x, shelf = x + width + GAP, max(shelf, height)
    sheet = np.zeros((max(y + shelf, 1), SHEET_WIDTH), np.uint8)
    for char, (x, y, width, height, *_) in boxes.items():
        sheet[y:y + height, x:x + width] = glyphs[char].bitmap
    return sheet, boxes


def build_atlas(folder: Path, characters: Mapping[TextStyle, str]) -> bool:
    """Writes the atlas for `characters` (style → text to cover) into `folder`; False when it was
    already up to date."""
    folder = Path(folder)
    atlases = _atlases(characters)
    manifest = folder / "manifest.json"
    wanted = {"inputs": _inputs_hash(atlases), "atlases": sorted(atlases)}
    if manifest.exists() and json.loads(manifest.read_text("utf-8")) == wanted and all(
            (folder / f"{name}.{ext}").exists() for name in atlases for ext in ("png", "json")):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*px.*"):
        stale.unlink()
    for name, (style, chars) in atlases.items():
        sheet, boxes = _pack({char: render_glyph(style, char) for char in chars})
        Image.fromarray(sheet).save(folder / f"{name}.png", optimize=True)
        kerned = {a + b: shift for a in chars for b in chars if (shift := kerning(style, a, b))}
        (folder / f"{name}.json").write_text(json.dumps(
            {"font": style.font_file, "pixels": style.pixels, "glyphs": boxes, "kerning": kerned},
            ensure_ascii=False, separators=(",", ":")), "utf-8")
    manifest.write_text(json.dumps(wanted), "utf-8")
    return True
