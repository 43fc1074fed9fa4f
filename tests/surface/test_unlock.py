"""unlock_card_face on the virtual card: the card face opens from a rendered card front, and no
doubtful or refused reading ever spends a 照合番号B try it should not."""
from __future__ import annotations

import dataclasses
import itertools

import cv2
import numpy as np
import pytest

from faceauth.chip_photo import decode_chip_photo
from faceauth.errors import CameraBusy
from faceauth.surface import StillFrames, rendered_card_camera
from kiosk.core.codes import Problem
from kiosk.core.ports import PortProblem
from kiosk.adapters.surface import MIN_NUMBER_B_TRIES, unlock_card_face
from reader.errors import WrongPin

from tests.surface.cards import insert, tray_pictures


def test_a_rendered_card_front_unlocks_the_card_face(valid_adult, surface_reader):
    camera = rendered_card_camera(valid_adult.values, seed=5, paced=False)
    face = unlock_card_face(valid_adult.card, camera, surface_reader=surface_reader)
    assert face.birth_date.isoformat() == valid_adult.record["birth_date"]
    assert face.expiry.isoformat() == valid_adult.record["card_expiry"]
    assert decode_chip_photo(face.photo_jp2).shape[0] > 100  # the face photo, ready for matching
    assert valid_adult.verifies_with_value() == 1
    assert valid_adult.number_b_tries() == 10  # the right value: the counter is whole


def test_another_persona_born_in_another_era(personas, surface_reader):
    inserted = insert(personas, "face_only_no_pin")  # 昭和13年, no PIN on the card at all
    face = unlock_card_face(inserted.card, StillFrames(tray_pictures(inserted.values, 6, seed=8)),
                            surface_reader=surface_reader)
    assert face.birth_date.isoformat() == inserted.record["birth_date"]


def test_a_blurred_surface_never_reaches_verify(valid_adult, surface_reader):
    pictures = tray_pictures(valid_adult.values, 4, seed=2)
    spoiled = [cv2.GaussianBlur(frame, (0, 0), 7) for frame in pictures]  # the card, but no text
    assert all(surface_reader.read_frame(frame).card_found for frame in spoiled)
    noise = np.random.default_rng(1).integers(0, 256, pictures[0].shape, dtype=np.uint8)
    with pytest.raises(PortProblem) as raised:
        unlock_card_face(valid_adult.card, spoiled + [noise] * 2, surface_reader=surface_reader)
    assert raised.value.problem is Problem.CARD_SURFACE_UNREADABLE
    assert valid_adult.verifies_with_value() == 0
    assert valid_adult.number_b_tries() == 10


def test_a_single_confident_frame_is_not_enough(valid_adult, surface_reader):
    one = tray_pictures(valid_adult.values, 1, seed=3)
    assert all(f.confidence >= surface_reader.min_confidence
               for f in surface_reader.read_frame(one[0]).fields.values())
    with pytest.raises(PortProblem):
        unlock_card_face(valid_adult.card, one, surface_reader=surface_reader)
    assert valid_adult.verifies_with_value() == 0


def test_the_same_picture_again_is_no_agreement(valid_adult, surface_reader):
    frozen = tray_pictures(valid_adult.values, 1, seed=3) * 4  # a camera stuck on one picture
    with pytest.raises(PortProblem):
        unlock_card_face(valid_adult.card, frozen, surface_reader=surface_reader)
    assert valid_adult.verifies_with_value() == 0
    assert surface_reader.frames_read == 4


def test_frames_that_disagree_never_reach_verify(valid_adult, surface_reader):
    other = dataclasses.replace(valid_adult.values, security_code="9999")
    clean = dict(severity=0.0)  # both read confidently, every time
    mixed = list(itertools.chain(*zip(tray_pictures(valid_adult.values, 3, seed=4, **clean),
                                      tray_pictures(other, 3, seed=6, **clean))))
    with pytest.raises(PortProblem) as raised:
        unlock_card_face(valid_adult.card, mixed, surface_reader=surface_reader)
    assert raised.value.problem is Problem.CARD_SURFACE_UNREADABLE
    assert valid_adult.verifies_with_value() == 0


def test_the_deadline_stops_the_reading_without_verify(valid_adult, surface_reader):
    ticks = itertools.count(0.0, 10.0)  # every frame looks 10 s later
    camera = rendered_card_camera(valid_adult.values, seed=5, paced=False)
    with pytest.raises(PortProblem):
        unlock_card_face(valid_adult.card, camera, surface_reader=surface_reader, timeout=5.0,
                         clock=lambda: next(ticks))
    assert surface_reader.frames_read == 1
    assert valid_adult.verifies_with_value() == 0


def test_a_refused_value_is_tried_once_and_mapped_to_017(valid_adult, surface_reader):
    misprinted = dataclasses.replace(valid_adult.values, security_code="1111")  # not this card's
    camera = rendered_card_camera(misprinted, seed=9, paced=False)
    with pytest.raises(PortProblem) as raised:
        unlock_card_face(valid_adult.card, camera, surface_reader=surface_reader)
    assert raised.value.problem is Problem.CARD_SURFACE_UNREADABLE
    assert "9 tries left" in str(raised.value)
    assert valid_adult.verifies_with_value() == 1
    assert valid_adult.number_b_tries() == 9


def test_few_tries_left_means_no_reading_and_no_verify(valid_adult, surface_reader):
    for _ in range(10 - (MIN_NUMBER_B_TRIES - 1)):  # leave 3 tries, as earlier visits might have
        with pytest.raises(WrongPin):
            valid_adult.card.card_face("00000000000000")
    spent = valid_adult.verifies_with_value()
    camera = rendered_card_camera(valid_adult.values, seed=5, paced=False)
    with pytest.raises(PortProblem) as raised:
        unlock_card_face(valid_adult.card, camera, surface_reader=surface_reader)
    assert "only 3" in str(raised.value)
    assert valid_adult.verifies_with_value() == spent
    assert valid_adult.number_b_tries() == MIN_NUMBER_B_TRIES - 1


def test_a_failing_tray_camera_is_017_without_verify(valid_adult, surface_reader):
    def busy_camera():
        raise CameraBusy("the tray camera opened but gives no picture")

    with pytest.raises(PortProblem) as raised:
        unlock_card_face(valid_adult.card, StillFrames(busy_camera), surface_reader=surface_reader)
    assert raised.value.problem is Problem.CARD_SURFACE_UNREADABLE
    assert "tray camera" in str(raised.value)
    assert valid_adult.verifies_with_value() == 0


def test_persona_card_fronts_carry_the_chip_photo_when_there_is_one(personas):
    assert insert(personas, "valid_adult").values.photo is not None
    infant = insert(personas, "infant_no_photo").values
    assert infant.photo is None and infant.birth_text.startswith("令和")
