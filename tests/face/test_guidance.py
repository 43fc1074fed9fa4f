"""Each guidance code is produced by an image that shows the problem, and a well-posed face by none."""

import cv2
import pytest

from faceauth import Guidance
from faceauth import sample_faces
from faceauth.guidance import face_quality, frame_guidance, pose
from faceauth.thresholds import DEFAULT_LIMITS

from . import scenes


def guidance_for(matcher, frame):
    return frame_guidance(frame, matcher.detect(frame))[1]


def test_a_well_posed_face_needs_no_guidance(matcher, astronaut):
    for frame in sample_faces.recorded_session(astronaut, count=5):
        assert guidance_for(matcher, frame) == []


def test_an_empty_room_shows_no_face(matcher):
    assert guidance_for(matcher, scenes.empty_room()) == [Guidance.NO_FACE]


def test_two_people_in_view_are_several_faces(matcher, astronaut, people):
    frame = scenes.two_people(astronaut, people[1])
    face, codes = frame_guidance(frame, matcher.detect(frame))
    assert codes == [Guidance.SEVERAL_FACES]
    assert face is None  # nobody is compared while two people are in view


def test_a_small_face_far_behind_does_not_count_as_several(matcher, astronaut, people):
    frame = sample_faces.camera_frame(astronaut)
    stranger = sample_faces.camera_frame(people[1], face_width=60, frame_size=(120, 120))
    frame[0:120, 0:120] = stranger
    assert len(matcher.detect(frame)) == 2
    assert Guidance.SEVERAL_FACES not in guidance_for(matcher, frame)


@pytest.mark.parametrize("face_width, expected", [(80, Guidance.TOO_FAR), (390, Guidance.TOO_CLOSE)])
def test_distance_from_the_camera(matcher, astronaut, face_width, expected):
    assert guidance_for(matcher, sample_faces.camera_frame(astronaut, face_width=face_width)) == [expected]


@pytest.mark.parametrize("shift", [(200, 0), (-200, 0), (0, 130)])
def test_a_face_near_the_edge_is_off_centre(matcher, astronaut, shift):
    assert guidance_for(matcher, sample_faces.camera_frame(astronaut, shift=shift)) == [Guidance.OFF_CENTRE]


def test_a_dim_face_is_too_dark(matcher, astronaut):
    assert guidance_for(matcher, sample_faces.camera_frame(astronaut, gain=0.25)) == [Guidance.TOO_DARK]


def test_an_over_exposed_face_is_too_bright(matcher, astronaut):
    assert guidance_for(matcher, sample_faces.camera_frame(astronaut, gain=1.3, offset=60)) == [Guidance.TOO_BRIGHT]


def test_a_face_against_a_bright_window_is_too_bright(matcher, astronaut):
    frame = sample_faces.camera_frame(astronaut)
    assert guidance_for(matcher, scenes.backlit(frame, matcher.detect(frame)[0])) == [Guidance.TOO_BRIGHT]


def test_a_moving_head_is_blurred(matcher, astronaut):
    frame = cv2.GaussianBlur(sample_faces.camera_frame(astronaut), (0, 0), 3)
    assert guidance_for(matcher, frame) == [Guidance.BLURRED]


def test_a_face_turned_aside(matcher, people):
    turned = next(p for p in people if p.name == "group-5")  # looks to the side in the group photo
    frame = sample_faces.camera_frame(turned)
    assert abs(pose(matcher.detect(frame)[0].kps)[0]) > DEFAULT_LIMITS.turned_yaw
    assert guidance_for(matcher, frame) == [Guidance.FACE_TURNED]


def test_a_face_behind_a_mask_is_possibly_masked(matcher, astronaut):
    frame = sample_faces.camera_frame(astronaut)
    masked = scenes.with_mask(frame, matcher.detect(frame)[0])
    assert guidance_for(matcher, masked) == [Guidance.POSSIBLY_MASKED]


def test_a_seated_patient_is_expected_lower_in_the_frame(matcher, astronaut):
    """A face low in the frame (a seated patient under a camera above the screen) is off centre for
    a standing patient, and where it should be for the seated layout."""
    from dataclasses import replace

    from faceauth.thresholds import SEATED_FACE_CENTRE_Y
    seated = replace(DEFAULT_LIMITS, expected_centre_y=SEATED_FACE_CENTRE_Y)
    low = sample_faces.camera_frame(astronaut, shift=(0, 120))          # face centre at 75 % height
    assert Guidance.OFF_CENTRE in frame_guidance(low, matcher.detect(low))[1]
    assert Guidance.OFF_CENTRE not in frame_guidance(low, matcher.detect(low), seated)[1]
    high = sample_faces.camera_frame(astronaut, shift=(0, -110))        # a standing face, seen seated
    assert Guidance.OFF_CENTRE in frame_guidance(high, matcher.detect(high), seated)[1]


def test_face_quality_ranks_sharp_near_frontal_faces_first(matcher, astronaut, people):
    """face_quality (used to choose and weight frames) falls with blur, a small face and a turn."""
    def quality(frame):
        return face_quality(frame, matcher.detect(frame)[0])

    sharp = sample_faces.camera_frame(astronaut)
    mildly_blurred = cv2.GaussianBlur(sharp, (0, 0), 1.2)  # too mild for the blurred guidance
    assert guidance_for(matcher, mildly_blurred) == []
    assert quality(mildly_blurred) < 0.7 * quality(sharp)
    assert quality(sample_faces.camera_frame(astronaut, face_width=110)) < quality(sharp)
    turned = next(p for p in people if p.name == "group-5")
    assert quality(sample_faces.camera_frame(turned)) == 0.0  # beyond the turned limit
    assert 0.0 < quality(sharp) <= 1.0
