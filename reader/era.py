"""Japanese era years, as printed in 照合番号B (birth date as era YYMMDD)."""
from __future__ import annotations

from datetime import date

# (first day, name); the era year counts from 1 on its first day
ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 25), "明治"),
)


def era_of(day: date) -> tuple[str, int]:
    """Era name and era year of a Gregorian date."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the Meiji era")


def number_b(birth: date, expiry: date, security_code: str) -> str:
    """照合番号B: era YYMMDD of the birth date + expiry year YYYY + the 4-digit security code."""
    if len(security_code) != 4 or not security_code.isdigit():
        raise ValueError("the security code is 4 digits")
    _, year = era_of(birth)
    return f"{year:02d}{birth.month:02d}{birth.day:02d}{expiry.year:04d}{security_code}"
