"""Draws the front of a My Number card from plain values (synthetic: for the demo and the tests).

    values = CardValues(name="見本　花子", address="東京都千代田区霞が関1-1", birth_text="昭和55年 2月17日",
                        sex="2", expiry=date(2035, 2, 17), security_code="2285", photo=bgr_or_None)
    card = draw_card_face(values)                          # flat, rectified BGR (layout.PX_PER_MM)
    frame = render_card_front(values, Perturbation.random(rng), rng)   # the card on the tray

The birth date is taken as printed (Japanese era text, see reader.era.printed_era_date), so this
module needs no calendar of its own. Text is pasted from the glyph atlas (faceauth.surface.glyphs):
no Pillow and no font files at run time. `card_characters` says which characters each text style
needs, for the atlas built at set-up.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np

from . import layout
from .fields import DIGITS, ERA_NAMES, FIRST_YEAR
from .glyphs import TextStyle, draw_text
from .layout import PX_PER_MM
from .scene import Perturbation, place_on_tray

SANS, SERIF = "NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc"
LABEL = TextStyle(SANS, 2.2)
NAME = TextStyle(SERIF, layout.NAME_HEIGHT_MM)
TEXT = TextStyle(SANS, layout.TEXT_HEIGHT_MM)
TITLE = TextStyle(SANS, layout.TITLE_HEIGHT_MM)
SECURITY_LABEL = TextStyle(SANS, layout.SECURITY_LABEL_HEIGHT_MM)
SECURITY_CODE = TextStyle(SANS, layout.SECURITY_CODE_HEIGHT_MM)
INK = (40, 36, 38)  # RGB
LABEL_INK = (90, 80, 95)
TITLE_INK = (70, 60, 110)
FRAME_INK = (150, 140, 160)
FRAME_WIDTH = 3
SEX_TEXT = {"1": "男", "2": "女"}
EXPIRY_SUFFIX = "まで有効"


@dataclass(frozen=True)
class CardValues:
    name: str
    address: str
    birth_text: str  # as printed, without 生: 昭和55年 2月17日 (or 1980年 2月17日 for foreign residents)
    sex: str  # "1" male, "2" female
    expiry: date
    security_code: str
    photo: np.ndarray | None = None  # BGR (or grey) face photo, any size


def card_characters(names: Iterable[str], addresses: Iterable[str]) -> dict[TextStyle, str]:
    """Every character each text style prints on cards with these names and addresses (besides
    the fixed labels, dates in any era, both sexes and any security code)."""
    dates = DIGITS + " 　" + "".join(ERA_NAMES) + FIRST_YEAR + "年月日"
    printed = ((LABEL, "氏名住所性別"), (NAME, "".join(names)),
               (TEXT, "".join(addresses) + dates + "生" + "".join(SEX_TEXT.values()) + EXPIRY_SUFFIX),
               (TITLE, "個人番号カード"), (SECURITY_LABEL, "セキュリティコード"), (SECURITY_CODE, DIGITS))
    characters: dict[TextStyle, str] = {}
    for style, text in printed:  # equal styles (the title and the code) share one entry
        characters[style] = characters.get(style, "") + text
    return characters


def _mm(point: tuple[float, float]) -> tuple[int, int]:
    return round(point[0] * PX_PER_MM), round(point[1] * PX_PER_MM)


def expiry_text(expiry: date) -> str:
    return f"{expiry.year}年{expiry.month:2d}月{expiry.day:2d}日"


@functools.lru_cache(maxsize=4)
def _card_background() -> np.ndarray:
    """Pale tinted stock with the faint wavy guilloche of the real card."""
    width, height = (round(v * PX_PER_MM) for v in layout.CARD_MM)
    x = np.linspace(0.0, 1.0, width)[None, :]
    y = np.linspace(0.0, 1.0, height)[:, None]
    tint = np.dstack([246 - 8 * x + 0 * y, 243 - 6 * y + 0 * x, 249 - 4 * x * y])
    waves = np.zeros((height, width), np.float32)
    xs = np.arange(width)
    for k in range(0, height, 18):
        ys = (k + 6 * np.sin(xs / 37.0 + k / 11.0)).astype(int)
        ok = (ys >= 0) & (ys < height)
        waves[ys[ok], xs[ok]] = 1.0
    smooth = cv2.GaussianBlur(waves, (3, 3), 0)
    return np.clip(tint - 14 * smooth[..., None], 0, 255).astype(np.uint8)


def _paste_photo(card: np.ndarray, photo: np.ndarray | None) -> None:
    x0, y0, x1, y1 = layout.PHOTO.pixels()
    if photo is None:
        card[y0:y1, x0:x1] = (225, 222, 228)
        cv2.ellipse(card, ((x0 + x1) // 2, y0 + (y1 - y0) * 2 // 5), ((x1 - x0) // 4, (y1 - y0) // 4),
                    0, 0, 360, (200, 196, 204), -1)
        return
    if photo.ndim == 2:
        photo = cv2.cvtColor(photo, cv2.COLOR_GRAY2BGR)
    h, w = photo.shape[:2]
    target = (x1 - x0) / (y1 - y0)
    if w / h > target:  # crop to the photo box's shape, centred
        cut = int(round(w - h * target)) // 2
        photo = photo[:, cut:w - cut]
    else:
        cut = int(round(h - w / target)) // 2
        photo = photo[cut:h - cut]
    card[y0:y1, x0:x1] = cv2.resize(photo, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)


def _print(card: np.ndarray, where_mm: tuple[float, float], text: str, style: TextStyle,
           ink_rgb: tuple[int, int, int]) -> None:
    draw_text(card, _mm(where_mm), text, style, ink_rgb[::-1])


def _frame(card: np.ndarray, box: layout.Box) -> None:
    """The expiry box's outline, drawn inside `box` as Pillow's rectangle(width=3) did."""
    x0, y0, x1, y1 = box.pixels()
    ink, w = FRAME_INK[::-1], FRAME_WIDTH
    card[y0:y0 + w, x0:x1 + 1] = ink
    card[y1 - w + 1:y1 + 1, x0:x1 + 1] = ink
    card[y0:y1 + 1, x0:x0 + w] = ink
    card[y0:y1 + 1, x1 - w + 1:x1 + 1] = ink


def draw_card_face(values: CardValues) -> np.ndarray:
    """The card front, flat and upright, at layout.PX_PER_MM (BGR, uint8)."""
    card = _card_background().copy()
    _paste_photo(card, values.photo)
    _print(card, layout.NAME_LABEL, "氏名", LABEL, LABEL_INK)
    _print(card, layout.NAME, values.name, NAME, INK)
    _print(card, layout.ADDRESS_LABEL, "住所", LABEL, LABEL_INK)
    for i, line in enumerate(values.address.splitlines()[:2]):
        x, y = layout.ADDRESS
        _print(card, (x, y + i * layout.ADDRESS_LINE_MM), line, TEXT, INK)
    _print(card, layout.BIRTH, values.birth_text, TEXT, INK)
    _print(card, (layout.BIRTH_SUFFIX_X, layout.BIRTH[1]), "生", TEXT, INK)
    _print(card, (layout.SEX[0] - 0.5, layout.SEX[1] + 0.6), "性別", LABEL, LABEL_INK)
    _print(card, (layout.SEX[0] + 5.0, layout.SEX[1]), SEX_TEXT.get(values.sex, ""), TEXT, INK)
    _frame(card, layout.EXPIRY_FRAME)
    _print(card, layout.EXPIRY, expiry_text(values.expiry), TEXT, INK)
    _print(card, (layout.EXPIRY_SUFFIX_X, layout.EXPIRY[1]), EXPIRY_SUFFIX, TEXT, INK)
    _print(card, layout.TITLE, "個人番号カード", TITLE, TITLE_INK)
    _print(card, layout.SECURITY_LABEL, "セキュリティコード", SECURITY_LABEL, LABEL_INK)
    _print(card, layout.SECURITY_CODE, values.security_code, SECURITY_CODE, INK)
    return card


def card_mask() -> np.ndarray:
    """255 inside the card's rounded outline, 0 outside, at the size draw_card_face returns."""
    width, height = (round(v * PX_PER_MM) for v in layout.CARD_MM)
    radius = round(layout.CORNER_RADIUS_MM * PX_PER_MM)
    mask = np.zeros((height, width), np.uint8)
    cv2.rectangle(mask, (radius, 0), (width - radius - 1, height - 1), 255, -1)
    cv2.rectangle(mask, (0, radius), (width - 1, height - radius - 1), 255, -1)
    for cx, cy in ((radius, radius), (width - radius - 1, radius), (radius, height - radius - 1),
                   (width - radius - 1, height - radius - 1)):
        cv2.circle(mask, (cx, cy), radius, 255, -1)
    return mask


def render_card_front(values: CardValues, perturbation: Perturbation | None = None, rng: np.random.Generator | None = None,
                      size: tuple[int, int] = (1280, 960)) -> np.ndarray:
    """The card lying on the tray as the tray camera sees it (BGR, `size` = width, height).
    `perturbation` (None = straight, sharp, well lit) moves and spoils it."""

    rng = rng if rng is not None else np.random.default_rng()
    return place_on_tray(draw_card_face(values), card_mask(), perturbation or Perturbation(), rng, size)
