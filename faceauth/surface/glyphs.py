"""Card text drawn from a glyph atlas, so drawing a card needs neither Pillow nor the Noto fonts.

    mask, (left, top) = text_mask(TextStyle("NotoSansCJK-Regular.ttc", 3.4), "昭和55年 2月17日")

The atlas (resources/surface/glyphs: one greyscale PNG and one JSON of boxes, offsets, advances
and kerning pairs per font and pixel size) is made at set-up by faceauth.surface.glyph_atlas, with
Pillow and the Noto CJK fonts. A character not in it is rendered on demand by the same code when
Pillow and the fonts are there (a source checkout); otherwise MissingGlyph names it.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ..resources import resource_dir
from .layout import PX_PER_MM

ATLAS_DIR = resource_dir() / "surface" / "glyphs"


class MissingGlyph(LookupError):
    """A character the card cannot draw: not in the atlas, and no Pillow or font to render it."""


@dataclass(frozen=True)
class TextStyle:
    font_file: str  # a Noto CJK collection, e.g. NotoSansCJK-Regular.ttc
    height_mm: float

    @property
    def pixels(self) -> int:
        return round(self.height_mm * PX_PER_MM)

    @property
    def atlas_name(self) -> str:
        """Styles with the same font and pixel size share one atlas."""
        return f"{Path(self.font_file).stem}-{self.pixels}px"


@dataclass(frozen=True)
class Glyph:
    bitmap: np.ndarray  # coverage 0-255, uint8, may be empty (a space)
    left: int  # bitmap offset from the pen position, and from the top of the line (Pillow's "la")
    top: int
    advance: float  # pixels, a multiple of 1/64


class GlyphAtlas:
    def __init__(self, style: TextStyle, glyphs: dict[str, Glyph], kerning: dict[str, float]) -> None:
        self.style = style
        self.glyphs = glyphs
        self.kerning = kerning  # pen shift after the first of a pair, for the pairs that have one
        self.stored = frozenset(glyphs)

    @classmethod
    def load(cls, style: TextStyle, folder: Path = ATLAS_DIR) -> "GlyphAtlas":
        """The stored atlas of `style` (empty when it was never built)."""
        boxes_file = folder / f"{style.atlas_name}.json"
        if not boxes_file.exists():
            return cls(style, {}, {})
        # imdecode, not imread: imread cannot open non-ASCII paths on Windows
        sheet = cv2.imdecode(np.fromfile(folder / f"{style.atlas_name}.png", np.uint8),
                             cv2.IMREAD_GRAYSCALE)
        if sheet is None:
            raise ValueError(f"{folder / style.atlas_name}.png is not a readable image")
        stored = json.loads(boxes_file.read_text("utf-8"))
        glyphs = {char: Glyph(sheet[y:y + height, x:x + width].copy(), left, top, advance)
                  for char, (x, y, width, height, left, top, advance) in stored["glyphs"].items()}
        return cls(style, glyphs, stored["kerning"])

    def glyph(self, char: str) -> Glyph:
        if char not in self.glyphs:
            self.glyphs[char] = _render_missing(self.style, char)
        return self.glyphs[char]

    def kern(self, first: str, second: str) -> float:
        pair = first + second
        if pair not in self.kerning and not (first in self.stored and second in self.stored):
            self.glyph(first), self.glyph(second)  # MissingGlyph here when they cannot be rendered
            from .glyph_atlas import kerning  # so reached only where glyph() rendered one of them
            self.kerning[pair] = kerning(self.style, first, second)
        return self.kerning.get(pair, 0.0)


def _render_missing(style: TextStyle, char: str) -> Glyph:
    try:
        from .glyph_atlas import render_glyph  # Pillow: present in a source checkout, not in a build
        return render_glyph(style, char)
    except (ImportError, FileNotFoundError) as why:
        raise MissingGlyph(f"the card glyph atlas has no {char!r} (U+{ord(char):04X}) in "
                           f"{style.atlas_name}, and it cannot be rendered here ({why}); add it to "
                           f"kiosk.tools.card_glyphs and run scripts/setup.d/55-card-glyphs.sh") from why


@functools.lru_cache(maxsize=None)
def atlas(style: TextStyle) -> GlyphAtlas:
    return GlyphAtlas.load(style)


def text_mask(style: TextStyle, text: str) -> tuple[np.ndarray, tuple[int, int]]:
    """The coverage of `text` drawn in `style` as Pillow (with Raqm) draws it: pen positions
    advanced and kerned in 1/64 pixels then rounded, glyphs combined by maximum. Also where the
    mask's top-left lies relative to the text's origin."""
    font = atlas(style)
    placed, pen = [], 0.0
    for index, char in enumerate(text):
        glyph = font.glyph(char)
        if glyph.bitmap.size:
            placed.append((glyph, math.floor(pen + 0.5) + glyph.left, glyph.top))
        pen += glyph.advance + (font.kern(char, text[index + 1]) if index + 1 < len(text) else 0.0)
    if not placed:
        return np.zeros((0, 0), np.uint8), (0, 0)
    left = min(x for _, x, _ in placed)
    top = min(y for _, _, y in placed)
    right = max(x + g.bitmap.shape[1] for g, x, _ in placed)
    bottom = max(y + g.bitmap.shape[0] for g, _, y in placed)
    mask = np.zeros((bottom - top, right - left), np.uint8)
    for glyph, x, y in placed:
        height, width = glyph.bitmap.shape
        region = mask[y - top:y - top + height, x - left:x - left + width]
        np.maximum(region, glyph.bitmap, out=region)
    return mask, (left, top)


def draw_text(image: np.ndarray, origin: tuple[int, int], text: str, style: TextStyle,
              ink_bgr: tuple[int, int, int]) -> None:
    """Blends `text` in `ink_bgr` onto `image` (BGR, uint8, in place); `origin` is the left end of
    the text's top line (ascender), in pixels."""
    mask, (left, top) = text_mask(style, text)
    x0, y0 = origin[0] + left, origin[1] + top
    x1, y1 = x0 + mask.shape[1], y0 + mask.shape[0]
    cx0, cy0 = max(x0, 0), max(y0, 0)
    cx1, cy1 = min(x1, image.shape[1]), min(y1, image.shape[0])
    if cx0 >= cx1 or cy0 >= cy1:
        return
    cover = mask[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0].astype(np.int32)[..., None]
    region = image[cy0:cy1, cx0:cx1]
    background = region.astype(np.int32)
    # Pillow's blend, (background * (255 - cover) + ink * cover) / 255, rounded as it rounds
    step = background * (255 - cover) + np.asarray(ink_bgr, np.int32) * cover + 128
    region[...] = (step + (step >> 8)) >> 8
