"""Era conversion as 照合番号B and the card face need it, across every era boundary."""
from datetime import date

import pytest

from reader.era import era_of, from_era, number_b, printed_era_date

TABLE = [  # Gregorian, era, era year, as printed on the card face
    (date(1926, 12, 24), "大正", 15, "大正15年12月24日"),
    (date(1926, 12, 25), "昭和", 1, "昭和元年12月25日"),
    (date(1980, 2, 17), "昭和", 55, "昭和55年 2月17日"),
    (date(1989, 1, 7), "昭和", 64, "昭和64年 1月 7日"),
    (date(1989, 1, 8), "平成", 1, "平成元年 1月 8日"),
    (date(1989, 12, 31), "平成", 1, "平成元年12月31日"),
    (date(1990, 1, 1), "平成", 2, "平成 2年 1月 1日"),
    (date(2019, 4, 30), "平成", 31, "平成31年 4月30日"),
    (date(2019, 5, 1), "令和", 1, "令和元年 5月 1日"),
    (date(2020, 1, 1), "令和", 2, "令和 2年 1月 1日"),
]


@pytest.mark.parametrize("day, era, year, printed", TABLE)
def test_era_both_ways_and_as_printed(day, era, year, printed):
    assert era_of(day) == (era, year)
    assert from_era(era, year, day.month, day.day) == day
    assert printed_era_date(day) == printed


@pytest.mark.parametrize("birth, expected", [
    (date(1989, 1, 7), "64010720352285"),
    (date(1989, 1, 8), "01010820352285"),
    (date(2019, 4, 30), "31043020352285"),
    (date(2019, 5, 1), "01050120352285"),
    (date(1980, 2, 17), "55021720352285"),  # the example in mynumber-card.md
])
def test_number_b_at_the_boundaries(birth, expected):
    assert number_b(birth, date(2035, 2, 17), "2285") == expected


@pytest.mark.parametrize("era, year, month, day", [
    ("昭和", 64, 1, 8),  # 平成 had begun
    ("平成", 31, 5, 1),  # 令和 had begun
    ("令和", 1, 4, 30),  # still 平成
    ("平成", 32, 1, 1),  # no such year
    ("昭和", 0, 1, 1),
    ("昭和", 55, 2, 30),  # no such day
    ("西暦", 1, 1, 1),
])
def test_dates_that_do_not_exist_are_refused(era, year, month, day):
    with pytest.raises(ValueError):
        from_era(era, year, month, day)
