"""Reads the card surface frame by frame and settles each field only when several frames agree.

    reader = SurfaceReader(to_gregorian=reader.era.from_era)     # the era calendar comes from outside
    for image in frames:
        reading = reader.feed(image)                              # None until every field is settled
        if reading: break

A field counts in a frame only if its weakest character reaches `min_confidence` and the value is
a real date (birth date within its era, not in the future, before the expiry). A value is settled when `agree` frames
read it and it leads any other value by that many frames. A picture identical to one already
counted (a frozen camera, a looping file) is not counted again: agreement needs separate pictures.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, TypeVar

import numpy as np
from numpy.typing import NDArray

from . import fields, layout
from .fields import Field, PrintedDate
from .locate import find_card, straighten
from .ocr import Line, LineRecognizer

# What each field holds: the birth date as printed (PrintedDate: an era date, or Gregorian for some
# foreign residents, made a date by `to_gregorian`), the expiry (a Gregorian date as printed), the
# security code (a str of 4 digits).
FieldValue = PrintedDate | date | str
FIELD_NAMES = ("birth", "expiry", "security_code")
PARSERS: dict[str, Callable[[Line], Field[FieldValue] | None]] = {
    "birth": fields.birth_date, "expiry": fields.expiry_date, "security_code": fields.security_code}
Kind = TypeVar("Kind", PrintedDate, date, str)
EraCalendar = Callable[[str, int, int, int], date]  # (era, era year, month, day) -> date; ValueError


@dataclass(frozen=True)
class FrameReading:
    card_found: bool
    fields: dict[str, Field[FieldValue]] = field(default_factory=dict)  # only the fields that parsed


@dataclass(frozen=True)
class SurfaceReading:
    birth_printed: PrintedDate  # as printed: 昭和55年2月17日
    birth_date: date  # Gregorian
    expiry: date
    security_code: str
    confidence: dict[str, float]  # per field: the lowest confidence among the agreeing frames
    frames_read: int


class SurfaceReader:
    def __init__(self, to_gregorian: EraCalendar, *, min_confidence: float = 0.9, agree: int = 2,
                 recognizer: LineRecognizer | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self.to_gregorian = to_gregorian
        self.today = today
        self.min_confidence = min_confidence
        self.agree = agree
        self.recognizer = recognizer or LineRecognizer.shared()
        self.reset()

    def reset(self) -> None:
        self._votes: dict[str, Counter[FieldValue]] = {name: Counter() for name in FIELD_NAMES}
        self._confidence: dict[tuple[str, FieldValue], float] = {}
        self.frames_read = 0
        self.last_trusted: dict[str, Field[FieldValue]] = {}  # the fields of the last frame that counted
        self._pictures_seen: set[bytes] = set()

    def read_frame(self, image: NDArray[np.uint8]) -> FrameReading:
        """What one frame shows, without any agreement (and without validation of the dates)."""
        corners = find_card(image)
        if corners is None:
            return FrameReading(card_found=False)
        found = self._read_fields(straighten(image, corners))
        if not found:  # nothing where the fields should be: the card may lie upside down
            found = self._read_fields(straighten(image, corners, upside_down=True))
        return FrameReading(True, found)

    def _read_fields(self, card: NDArray[np.uint8]) -> dict[str, Field[FieldValue]]:
        crops = []
        for name in FIELD_NAMES:
            x0, y0, x1, y1 = layout.FIELD_BOXES[name].pixels()
            crops.append(card[y0:y1, x0:x1])
        lines = self.recognizer.read(crops, [fields.CHARACTERS[name] for name in FIELD_NAMES])
        parsed = {name: PARSERS[name](line) for name, line in zip(FIELD_NAMES, lines)}
        return {name: value for name, value in parsed.items() if value is not None}

    def gregorian(self, printed: PrintedDate) -> date:
        if printed.era is None:
            return date(printed.year, printed.month, printed.day)
        return self.to_gregorian(printed.era, printed.year, printed.month, printed.day)

    def _trusted(self, reading: FrameReading) -> dict[str, Field[FieldValue]]:
        kept = {n: f for n, f in reading.fields.items() if f.confidence >= self.min_confidence}
        if "birth" in kept:
            try:
                birth = self.gregorian(_held(PrintedDate, kept["birth"].value))
            except ValueError:
                del kept["birth"]
            else:
                if birth > self.today():
                    del kept["birth"]  # another line (the expiry) seen where the birth date is
                    return kept
                if "expiry" in kept and not birth < _held(date, kept["expiry"].value):
                    del kept["birth"], kept["expiry"]  # one of them is misread; trust neither
        return kept

    def _settled(self, name: str) -> FieldValue | None:
        ranked = self._votes[name].most_common(2)
        if not ranked:
            return None
        value, count = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return value if count >= self.agree and count - runner_up >= self.agree else None

    def feed(self, image: NDArray[np.uint8]) -> SurfaceReading | None:
        """Read one more frame; the agreed reading once every field is settled, else None."""
        self.frames_read += 1
        picture = hashlib.blake2b(np.ascontiguousarray(image).data, digest_size=16).digest()
        if picture in self._pictures_seen:
            self.last_trusted = {}
            return None
        self._pictures_seen.add(picture)
        self.last_trusted = self._trusted(self.read_frame(image))
        for name, found in self.last_trusted.items():
            self._votes[name][found.value] += 1
            key = (name, found.value)
            self._confidence[key] = min(self._confidence.get(key, 1.0), found.confidence)
        settled = {name: value for name in FIELD_NAMES if (value := self._settled(name)) is not None}
        if len(settled) < len(FIELD_NAMES):
            return None
        birth = _held(PrintedDate, settled["birth"])
        return SurfaceReading(
            birth_printed=birth, birth_date=self.gregorian(birth),
            expiry=_held(date, settled["expiry"]), security_code=_held(str, settled["security_code"]),
            confidence={n: self._confidence[(n, v)] for n, v in settled.items()},
            frames_read=self.frames_read)


def _held(kind: type[Kind], value: FieldValue) -> Kind:
    """`value` as the type its field's parser gives (PARSERS; see FieldValue)."""
    if not isinstance(value, kind):
        raise TypeError(f"a field read as {value!r}, not a {kind.__name__}")
    return value
