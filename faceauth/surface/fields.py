"""Turns the recognised text of each field into a value, with the confidence of its weakest
character. Anything that does not read as the field's printed form gives None."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from .ocr import Line

ERA_NAMES = ("明治", "大正", "昭和", "平成", "令和")
FIRST_YEAR = "元"
DATE = r"(\d{1,2})月(\d{1,2})日"
BIRTH = re.compile(rf"(?<!\d)(?:({'|'.join(ERA_NAMES)})({FIRST_YEAR}|\d{{1,2}})|(\d{{4}}))年{DATE}")
EXPIRY = re.compile(rf"(?<!\d)(\d{{4}})年{DATE}")
CODE = re.compile(r"(?<!\d)\d{4}(?!\d)")
DIGITS = "0123456789"
# the characters each field's line may hold (see ocr.LineRecognizer.read)
CHARACTERS = {"birth": DIGITS + "年月日生 " + "".join(ERA_NAMES) + FIRST_YEAR,
              "expiry": DIGITS + "年月日 ", "security_code": DIGITS}


@dataclass(frozen=True)
class PrintedDate:
    """A date as printed: era None for a Gregorian print (foreign residents' birth dates)."""

    era: str | None
    year: int
    month: int
    day: int

    def __str__(self) -> str:
        year = FIRST_YEAR if self.era and self.year == 1 else str(self.year)
        return f"{self.era or ''}{year}年{self.month}月{self.day}日"


Value = TypeVar("Value", bound=PrintedDate | date | str, covariant=True)


@dataclass(frozen=True)
class Field(Generic[Value]):
    """One field read: the birth date as printed (a PrintedDate, usually an era date), the expiry
    (a Gregorian date) or the security code (a str)."""

    value: Value
    confidence: float  # probability of the least certain character read for it


def _compact(line: Line) -> tuple[str, tuple[float, ...]]:
    kept = [(c, p) for c, p in zip(line.text, line.probabilities) if not c.isspace()]
    return "".join(c for c, _ in kept), tuple(p for _, p in kept)


def _search(pattern: re.Pattern[str], line: Line) -> tuple[re.Match[str], float] | None:
    text, probabilities = _compact(line)
    matches = list(pattern.finditer(text))
    if len(matches) != 1:  # none, or two candidates: not a reading of one printed field
        return None
    match = matches[0]
    return match, min(probabilities[match.start():match.end()])


def birth_date(line: Line) -> Field[PrintedDate] | None:
    found = _search(BIRTH, line)
    if found is None:
        return None
    (era, era_year, gregorian_year, month, day), confidence = found[0].groups(), found[1]
    year = 1 if era_year == FIRST_YEAR else int(era_year or gregorian_year)
    return Field(PrintedDate(era, year, int(month), int(day)), confidence)


def expiry_date(line: Line) -> Field[date] | None:
    found = _search(EXPIRY, line)
    if found is None:
        return None
    year, month, day = (int(v) for v in found[0].groups())
    try:
        return Field(date(year, month, day), found[1])
    except ValueError:
        return None


def security_code(line: Line) -> Field[str] | None:
    found = _search(CODE, line)
    if found is None or sum(c.isdigit() for c in line.text) != 4:
        return None
    return Field(found[0].group(), found[1])
