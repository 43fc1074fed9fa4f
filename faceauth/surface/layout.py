"""The front of the My Number card (個人番号カード), in millimetres from its top-left corner.

One layout serves the renderer (where to print) and the reader (where to look). The card is ISO/IEC
7810 ID-1. Positions follow the published sample card: name, address, then the birth date
(Japanese era, ending 生) with the sex beside it, the expiry line (…まで有効) in a framed box, the
photo on the right and the 4-digit security code under it.
"""
from __future__ import annotations

from dataclasses import dataclass

CARD_MM = (85.60, 53.98)
CORNER_RADIUS_MM = 3.18
PX_PER_MM = 12  # the rectified card: 1027 x 648 px


@dataclass(frozen=True)
class Box:
    """A rectangle on the card, in mm: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def pixels(self, px_per_mm: float = PX_PER_MM) -> tuple[int, int, int, int]:
        return (round(self.x0 * px_per_mm), round(self.y0 * px_per_mm),
                round(self.x1 * px_per_mm), round(self.y1 * px_per_mm))


# What is printed where: (left, top) of each text in mm, and its character height in mm.
TEXT_HEIGHT_MM = 3.4
NAME_LABEL = (3.0, 4.2)
NAME = (10.0, 3.2)
NAME_HEIGHT_MM = 5.0
ADDRESS_LABEL = (3.0, 11.5)
ADDRESS = (10.0, 11.5)
ADDRESS_LINE_MM = 4.6
BIRTH = (9.0, 25.8)
BIRTH_SUFFIX_X = 38.0  # 生
SEX = (44.0, 25.8)
EXPIRY_FRAME = Box(3.0, 32.2, 56.0, 39.4)
EXPIRY = (5.5, 34.1)
EXPIRY_SUFFIX_X = 33.0  # まで有効
TITLE = (3.0, 46.0)
TITLE_HEIGHT_MM = 4.2
PHOTO = Box(60.5, 4.0, 82.5, 32.5)
SECURITY_LABEL = (63.0, 40.0)
SECURITY_LABEL_HEIGHT_MM = 2.0
SECURITY_CODE = (66.0, 44.2)
SECURITY_CODE_HEIGHT_MM = 4.2

# Where the reader looks: each box holds one printed line, with a margin for a skewed fit.
FIELD_BOXES = {
    "birth": Box(7.5, 24.2, 42.0, 31.0),
    "expiry": Box(4.2, 32.8, 34.5, 38.8),
    "security_code": Box(63.5, 42.6, 80.5, 50.4),
}
