"""The demo's recorded camera, read as a camera, matches the demo persona's chip photo.

How fast in seconds is bench/face_speed.py's business (a loaded machine drops frames of a paced
recording); here the session's clock advances one camera frame (1/15 s) per frame analysed, so
the test checks how many frames a decision takes, whatever the load."""

from faceauth import CameraSource, Decision, MatchSession
from faceauth import sample_faces

from .scenes import StepClock


def test_recorded_camera_is_matched_to_the_astronaut_chip_photo(matcher, astronaut_template):
    sample_faces.write_demo_recording()  # set-up made it already; this only checks it is there
    session = MatchSession(matcher, astronaut_template, clock=StepClock(1 / 15))
    analysed = 0
    with CameraSource(sample_faces.DEMO_RECORDING, loop=True) as camera:
        for frame in camera.frames(timeout=2.0):
            result = session.feed(frame.image)
            analysed += 1
            if result.decision is not Decision.STILL_DECIDING or analysed > 60:
                break
    assert result.decision is Decision.MATCHED
    # every frame of the recording is well posed: the decision needs the policy's frames, no more
    assert analysed == session.policy.votes_needed


def test_recorded_camera_refuses_a_stranger_s_card(matcher, people):
    stranger_template = matcher.enrol_chip_photo(sample_faces.chip_photo(people[1]))
    session = MatchSession(matcher, stranger_template)
    with CameraSource(sample_faces.DEMO_RECORDING, paced=False) as camera:
        results = [session.feed(frame.image) for frame in camera.frames()]
    assert all(r.decision is not Decision.MATCHED for r in results)
    assert all(r.distance > matcher.match_distance for r in results if r.distance is not None)
