"""The surface reader on rendered card fronts, through the real OCR model and the camera code."""
from __future__ import annotations

import dataclasses
from datetime import date

import cv2
import numpy as np
import pytest

from faceauth import CameraSource
from faceauth.surface import (CardValues, Perturbation, PrintedDate, StillFrames, SurfaceReader,
                              images_of, render_card_front)
from faceauth.surface.fields import birth_date, expiry_date, security_code
from faceauth.surface.ocr import Line
from reader import era

from tests.surface.cards import tray_pictures


def line(text: str, doubtful: str = "") -> Line:
    return Line(text, tuple(0.5 if c in doubtful else 0.99 for c in text))


def test_fields_read_as_printed():
    assert birth_date(line("昭和55年2月17日生")).value == PrintedDate("昭和", 55, 2, 17)
    assert birth_date(line("令和元年5月1日生")).value == PrintedDate("令和", 1, 5, 1)
    assert birth_date(line("1980年2月17日生")).value == PrintedDate(None, 1980, 2, 17)
    assert expiry_date(line("2035年 2月17日")).value == date(2035, 2, 17)
    assert security_code(line("2285")).value == "2285"


def test_a_field_is_as_sure_as_its_weakest_character():
    assert birth_date(line("昭和55年2月17日生", doubtful="7")).confidence == 0.5
    assert birth_date(line("昭和55年2月17日生", doubtful="生")).confidence == 0.99  # not part of it


@pytest.mark.parametrize("parse, text", [
    (birth_date, "55年2月17日生"),  # no era, and not a 4-digit year
    (birth_date, "昭和55年2月17日平成1年1月1日"),  # two dates: not one field
    (expiry_date, "12035年2月17日"),  # a stray digit in front
    (expiry_date, "2035年2月30日"),  # no such day
    (security_code, "22855"),
    (security_code, "228"),
])
def test_what_is_not_the_printed_form_is_not_read(parse, text):
    assert parse(line(text)) is None


def test_an_upright_and_an_upside_down_card_read_alike(valid_adult, surface_reader):
    for upside_down in (False, True):
        frame = render_card_front(valid_adult.values, Perturbation(upside_down=upside_down, rotation_deg=8))
        fields = surface_reader.read_frame(frame).fields
        assert fields["expiry"].value.isoformat() == valid_adult.record["card_expiry"]
        assert fields["security_code"].value == valid_adult.record["security_code"]
        assert fields["birth"].value == PrintedDate("昭和", 55, 2, 17)


def test_a_reiwa_birth_reads_despite_the_chinese_glyphs(valid_adult, surface_reader):
    baby = dataclasses.replace(valid_adult.values, birth_text="令和 6年 8月 8日")
    reading = surface_reader.read_frame(render_card_front(baby, Perturbation(rotation_deg=-5)))
    assert reading.fields["birth"].value == PrintedDate("令和", 6, 8, 8)


def test_no_card_on_the_tray_is_no_reading(surface_reader):
    empty_tray = np.full((960, 1280, 3), 50, np.uint8)
    assert surface_reader.read_frame(empty_tray).card_found is False


def test_frames_agree_through_the_opencv_camera_code(valid_adult, surface_reader, tmp_path):
    for i, picture in enumerate(tray_pictures(valid_adult.values, 6, seed=11)):  # synthetic cards
        cv2.imwrite(str(tmp_path / f"tray{i:03d}.jpg"), picture)
    surface_reader.reset()
    with CameraSource(tmp_path, paced=False) as camera:
        reading = next(filter(None, map(surface_reader.feed, images_of(camera))), None)
    assert reading is not None
    assert reading.birth_date.isoformat() == valid_adult.record["birth_date"]
    assert reading.security_code == valid_adult.record["security_code"]
    assert 2 <= reading.frames_read <= 6
    assert min(reading.confidence.values()) >= surface_reader.min_confidence


def test_still_frames_serve_a_list_then_stop_or_render_without_end(valid_adult):
    pictures = [np.zeros((4, 4, 3), np.uint8), np.ones((4, 4, 3), np.uint8)]
    with StillFrames(pictures) as source:
        served = list(source.frames())
    assert [frame.index for frame in served] == [0, 1]
    assert served[1].image is pictures[1]
    rng = np.random.default_rng(0)
    live = StillFrames(lambda: render_card_front(valid_adult.values, Perturbation.random(rng), rng))
    first, second = live.latest(), live.latest(0)
    assert second.index == 1 and not np.array_equal(first.image, second.image)


def test_the_card_drawn_carries_its_values(surface_reader):
    values = CardValues(name="試験　太郎", address="東京都", birth_text="平成元年 1月 8日", sex="1",
                        expiry=date(2030, 1, 8), security_code="0070")
    fields = surface_reader.read_frame(render_card_front(values)).fields
    assert fields["birth"].value == PrintedDate("平成", 1, 1, 8)
    assert fields["expiry"].value == date(2030, 1, 8)
    assert fields["security_code"].value == "0070"


def test_a_birth_date_in_the_future_does_not_count(valid_adult):
    reader = SurfaceReader(era.from_era, today=lambda: date(1980, 2, 16))  # the day before her birth
    picture = render_card_front(valid_adult.values)
    assert reader.read_frame(picture).fields["birth"].value == PrintedDate("昭和", 55, 2, 17)
    reader.feed(picture)
    assert "birth" not in reader.last_trusted and "expiry" in reader.last_trusted
