"""Chip-like photos (greyscale JPEG 2000, 200x257) against colour camera frames, on real weights."""

import cv2
import numpy as np
import pytest

from faceauth import ChipPhotoError, NoFaceInChipPhoto
from faceauth import sample_faces
from faceauth.chip_photo import decode_chip_photo
from faceauth.guidance import main_face


def frame_templates(matcher, person, count=6):
    templates = []
    for frame in sample_faces.recorded_session(person, count=count):
        face, _ = main_face(matcher.detect(frame))  # neighbours of the group photo show at the edges
        templates.append(matcher.template(frame, face))
    return templates


def test_chip_photo_is_a_small_greyscale_jpeg2000(astronaut):
    jp2 = sample_faces.chip_photo(astronaut)
    assert jp2[:12] == b"\x00\x00\x00\x0cjP  \r\n\x87\n"  # JP2 signature box
    image = decode_chip_photo(jp2)
    assert image.shape == (257, 200, 3)
    assert (image[..., 0] == image[..., 2]).all()  # grey


def test_same_person_matches_across_camera_frames(matcher, astronaut, astronaut_template):
    distances = [matcher.distance(astronaut_template, t) for t in frame_templates(matcher, astronaut)]
    assert max(distances) <= matcher.match_distance


def test_every_other_person_is_refused(matcher, people):
    chips = {p.name: matcher.enrol_chip_photo(sample_faces.chip_photo(p)) for p in people}
    for live in people:
        for template in frame_templates(matcher, live, count=3):
            for name, chip in chips.items():
                if name != live.name:
                    assert matcher.distance(chip, template) > matcher.match_distance, (name, live.name)


def test_a_photo_without_a_face_is_refused(matcher):
    texture = cv2.resize(np.random.default_rng(1).integers(0, 255, (32, 25), np.uint8), (200, 257))
    ok, jp2 = cv2.imencode(".jp2", texture)
    with pytest.raises(NoFaceInChipPhoto):
        matcher.enrol_chip_photo(jp2.tobytes())


def test_unreadable_photo_bytes_are_a_chip_photo_error(matcher):
    with pytest.raises(ChipPhotoError):
        matcher.enrol_chip_photo(b"not a JPEG 2000 file")


def test_a_template_never_shows_its_numbers(astronaut_template):
    assert "embedding" not in repr(astronaut_template)
    assert str(astronaut_template.embedding[0])[:6] not in repr(astronaut_template)


def test_fused_templates_keep_the_pack_s_scale_and_follow_the_weights(matcher, astronaut, people):
    frames = sample_faces.recorded_session(astronaut, count=3)
    templates = [matcher.template(f, main_face(matcher.detect(f))[0]) for f in frames]
    stranger_frame = sample_faces.camera_frame(people[1])
    stranger = matcher.template(stranger_frame, matcher.detect(stranger_frame)[0])
    assert matcher.distance(matcher.fused(templates[:1]), templates[0]) < 1e-5
    fused = matcher.fused(templates)
    lengths = [float(np.linalg.norm(t.embedding)) for t in templates]
    assert np.linalg.norm(fused.embedding) == pytest.approx(np.mean(lengths), rel=1e-4)
    assert max(matcher.distance(fused, t) for t in templates) < max(
        matcher.distance(a, b) for a in templates for b in templates)
    mixed = matcher.fused([templates[0], stranger], weights=[1.0, 0.0])
    assert matcher.distance(mixed, templates[0]) < 1e-3
    assert matcher.fused([templates[0], stranger], weights=[0.0, 0.0]).embedding.shape == stranger.embedding.shape
