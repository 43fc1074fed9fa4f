"""The card photo's domain on real weights: a card-like photo (greyscale JPEG 2000, 200x257) made
from one photo enrols; a colour photo of another (made-up) session probes, as bench/face_card_domain.py
measures it, with faceauth's default TemplateOptions."""

import cv2
import numpy as np
import pytest

from faceauth import Detection, FaceMatcher
from faceauth import sample_faces
from faceauth.thresholds import TemplateOptions

# e2e: every sample person's card photo against four other sessions through the real detector and
# recogniser (the face tests of make check use the same weights on fewer images)
pytestmark = pytest.mark.e2e
SESSIONS = range(4)


def face_where_put(matcher, session):
    """The detected face whose centre is within half a face of where other_session put it."""
    face = min(matcher.detect(session.image), key=lambda f: float(np.linalg.norm(np.subtract(f.centre, session.centre))))
    assert np.linalg.norm(np.subtract(face.centre, session.centre)) < session.face_width / 2
    return face


def session_templates(matcher, person):
    sessions = [sample_faces.other_session(person, seed) for seed in SESSIONS]
    return [matcher.template(session.image, face_where_put(matcher, session)) for session in sessions]


@pytest.fixture(scope="module")
def cards(matcher, people):
    return {p.name: matcher.enrol_chip_photo(sample_faces.chip_photo(p)) for p in people}


@pytest.fixture(scope="module")
def probes(matcher, people):
    return {p.name: session_templates(matcher, p) for p in people}


def test_the_other_session_is_not_the_card_photo(people):
    """The probe differs from the photo the card was made from: other light, colour, scale, turn."""
    astronaut = people[0]
    photo = sample_faces.other_session(astronaut, 0).image
    assert photo.shape == (480, 640, 3)
    assert not np.array_equal(photo, sample_faces.other_session(astronaut, 1).image)
    assert np.abs(photo[..., 2].astype(int) - photo[..., 0].astype(int)).mean() > 5  # colour, unlike the card


def test_the_same_person_from_another_session_matches_the_card(matcher, people, cards, probes):
    for person in people:
        distances = [matcher.distance(cards[person.name], probe) for probe in probes[person.name]]
        assert max(distances) <= matcher.match_distance, (person.name, distances)


def test_different_people_do_not_match_the_card(matcher, people, cards, probes):
    for card_person in people:
        for probe_person in people:
            if probe_person.name == card_person.name:
                continue
            for probe in probes[probe_person.name]:
                assert matcher.distance(cards[card_person.name], probe) > matcher.match_distance, \
                    (card_person.name, probe_person.name)


def test_greyscale_templates_ignore_colour(astronaut):
    """With TemplateOptions.grey a colour frame and its greyscale copy give the same template."""
    grey_matcher = FaceMatcher.load(options=TemplateOptions(grey=True))
    colour = sample_faces.camera_frame(astronaut)
    grey = cv2.cvtColor(cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    face = grey_matcher.detect(colour)[0]
    assert grey_matcher.distance(grey_matcher.template(colour, face), grey_matcher.template(grey, face)) < 0.01
    colour_matcher = FaceMatcher.load(options=TemplateOptions(grey=False))
    assert colour_matcher.distance(colour_matcher.template(colour, face), colour_matcher.template(grey, face)) > 0.02


def test_mirrored_templates_do_not_depend_on_which_way_the_face_is_seen(astronaut):
    """With TemplateOptions.mirrored a face and its mirror image (landmarks mirrored too) give
    nearly the same template; without it they differ as two views do."""
    frame = sample_faces.camera_frame(astronaut)
    width = frame.shape[1]
    mirror = np.ascontiguousarray(frame[:, ::-1])
    plain, mirrored = FaceMatcher.load(options=TemplateOptions()), FaceMatcher.load(options=TemplateOptions(mirrored=True))
    face = plain.detect(frame)[0]
    x1, y1, x2, y2 = face.box
    mirrored_kps = np.array([[width - 1 - x, y] for x, y in face.kps[[1, 0, 2, 4, 3]]], np.float32)
    mirror_face = Detection(np.array([width - 1 - x2, y1, width - 1 - x1, y2], np.float32), face.score, mirrored_kps)
    plain_gap = plain.distance(plain.template(frame, face), plain.template(mirror, mirror_face))
    mirrored_gap = mirrored.distance(mirrored.template(frame, face), mirrored.template(mirror, mirror_face))
    assert mirrored_gap < plain_gap / 3, (mirrored_gap, plain_gap)
