"""Japanese era years, as printed on the card face and in 照合番号B (birth date as era YYMMDD)."""
from __future__ import annotations

from datetime import date, timedelta

# (first day, name); the era year counts from 1 on its first day
ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 25), "明治"),
)
FIRST_YEAR = "元"  # the first year of an era is printed 元年


def era_of(day: date) -> tuple[str, int]:
    """Era name and era year of a Gregorian date."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the Meiji era")


def from_era(name: str, year: int, month: int, day: int) -> date:
    """The Gregorian date of an era date (e.g. 昭和, 55, 2, 17). Raises ValueError for an unknown
    era or a date outside its era (昭和64年1月8日 and 平成31年5月1日 do not exist)."""
    starts = {era: start for start, era in ERAS}
    if name not in starts or year < 1:
        raise ValueError(f"unknown era date {name}{year}")
    start = starts[name]
    gregorian = date(start.year + year - 1, month, day)  # ValueError for 2月30日
    index = [era for _, era in ERAS].index(name)
    end = ERAS[index - 1][0] - timedelta(days=1) if index else date.max
    if not start <= gregorian <= end:
        raise ValueError(f"{name}{year}年{month}月{day}日 is outside the {name} era")
    return gregorian


def printed_era_date(day: date) -> str:
    """A date as the card face prints a birth date: 昭和55年 2月17日 (元年 for year 1,
    month and day padded to two places)."""
    name, year = era_of(day)
    year_text = FIRST_YEAR if year == 1 else f"{year:2d}"
    return f"{name}{year_text}年{day.month:2d}月{day.day:2d}日"


def era_yymmdd(birth: date) -> str:
    """The birth date as era YYMMDD: the first 6 digits of 照合番号B, and alone the key of the
    券面事項確認AP's age record (EF 0011)."""
    _, year = era_of(birth)
    return f"{year:02d}{birth.month:02d}{birth.day:02d}"


def number_b(birth: date, expiry: date, security_code: str) -> str:
    """照合番号B: era YYMMDD of the birth date + expiry year YYYY + the 4-digit security code."""
    if len(security_code) != 4 or not security_code.isdigit():
        raise ValueError("the security code is 4 digits")
    return f"{era_yymmdd(birth)}{expiry.year:04d}{security_code}"
