"""The demo's recorded camera, read as a camera, matches the demo persona's chip photo."""

from faceauth import CameraSource, Decision, MatchSession
from faceauth import sample_faces


def test_recorded_camera_is_matched_to_the_astronaut_chip_photo(matcher, astronaut_template):
    sample_faces.write_demo_recording()  # set-up made it already; this only checks it is there
    session = MatchSession(matcher, astronaut_template)
    with CameraSource(sample_faces.DEMO_RECORDING, loop=True) as camera:
        for frame in camera.frames(timeout=2.0):
            result = session.feed(frame.image)
            if result.decision is not Decision.STILL_DECIDING or frame.index > 60:
                break
    assert result.decision is Decision.MATCHED
    assert session.decided_after <= 1.5


def test_recorded_camera_refuses_a_stranger_s_card(matcher, people):
    stranger_template = matcher.enrol_chip_photo(sample_faces.chip_photo(people[1]))
    session = MatchSession(matcher, stranger_template)
    with CameraSource(sample_faces.DEMO_RECORDING, paced=False) as camera:
        results = [session.feed(frame.image) for frame in camera.frames()]
    assert all(r.decision is not Decision.MATCHED for r in results)
    assert all(r.distance > matcher.match_distance for r in results if r.distance is not None)
