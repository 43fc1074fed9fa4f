"""Decisions over several frames within a time window, never on one frame."""

import numpy as np

from faceauth import Decision, DecisionPolicy, Guidance, MatchSession
from faceauth import sample_faces

from . import scenes
from .scenes import StepClock


def run(session, frames):
    return [session.feed(frame) for frame in frames]


def test_the_card_holder_is_matched_after_several_agreeing_frames(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock())
    results = run(session, sample_faces.recorded_session(astronaut, count=10))
    decisions = [r.decision for r in results]
    first_match = decisions.index(Decision.MATCHED)
    assert first_match == session.policy.votes_needed - 1  # third frame, not the first
    assert all(d is Decision.STILL_DECIDING for d in decisions[:first_match])
    assert all(d is Decision.MATCHED for d in decisions[first_match:])
    assert all(r.distance <= matcher.match_distance for r in results[: first_match + 1])
    assert session.decided_after <= 1.5


def test_matching_frames_too_far_apart_in_time_do_not_add_up(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(step=1.5))
    results = run(session, sample_faces.recorded_session(astronaut, count=3))
    assert [r.decision for r in results] == [Decision.STILL_DECIDING] * 3


def test_another_person_is_never_matched_and_is_refused_in_time(matcher, people, astronaut_template):
    stranger = people[1]
    session = MatchSession(matcher, astronaut_template, clock=StepClock(step=0.5))
    results = run(session, sample_faces.recorded_session(stranger, count=40))
    decisions = [r.decision for r in results]
    assert Decision.MATCHED not in decisions
    assert decisions[-1] is Decision.NOT_MATCHED
    assert session.decided_after >= session.policy.clearly_other_seconds


def test_nobody_is_compared_while_two_people_are_in_view(matcher, astronaut, people, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock())
    results = run(session, [scenes.two_people(astronaut, people[1])] * 5)
    assert all(r.guidance == (Guidance.SEVERAL_FACES,) and r.distance is None for r in results)
    assert all(r.decision is Decision.STILL_DECIDING for r in results)


def test_far_frames_neither_match_nor_count_against_the_patient(matcher, astronaut, astronaut_template):
    """A face too far away never votes for a match, and 8 s of it do not refuse the patient."""
    session = MatchSession(matcher, astronaut_template, clock=StepClock(step=0.5))
    far = [sample_faces.camera_frame(astronaut, face_width=70)] * 16
    results = run(session, far + sample_faces.recorded_session(astronaut, count=6))
    assert all(r.guidance == (Guidance.TOO_FAR,) for r in results[:16])
    assert results[15].decision is Decision.STILL_DECIDING
    assert results[-1].decision is Decision.MATCHED


def test_with_liveness_a_still_photo_is_not_matched(matcher, astronaut, astronaut_template):
    policy = DecisionPolicy(liveness=True)
    session = MatchSession(matcher, astronaut_template, clock=StepClock(), policy=policy)
    still = sample_faces.camera_frame(astronaut)
    results = run(session, [still] * 10)
    assert all(r.decision is Decision.STILL_DECIDING for r in results)
    assert Guidance.MOVE_HEAD_SLIGHTLY in results[-1].guidance


def test_session_keeps_no_picture(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock())
    run(session, sample_faces.recorded_session(astronaut, count=3))
    held = [value for value in vars(session).values() if isinstance(value, np.ndarray)]
    assert held == []
    session.end()
    assert session.template is None
    assert session.feed(sample_faces.camera_frame(astronaut)).distance is None


def test_with_liveness_a_photo_slanted_by_hand_is_not_matched(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(), policy=DecisionPolicy(liveness=True))
    still = sample_faces.camera_frame(astronaut)
    results = run(session, [scenes.photo_tilted(still, a) for a in (0, 0.08, 0.15, 0.08, 0, -0.08, -0.15, -0.08)])
    assert all(r.decision is Decision.STILL_DECIDING for r in results)


def test_with_liveness_a_small_head_turn_is_matched(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(), policy=DecisionPolicy(liveness=True))
    frame = sample_faces.camera_frame(astronaut)
    face = matcher.detect(frame)[0]
    turning = [scenes.head_turned(frame, face, a) for a in (0, 0.1, 0.2, 0.3, 0.2, 0.1, 0, -0.1, -0.2, -0.3)]
    decisions = [r.decision for r in run(session, turning)]
    assert decisions[-1] is Decision.MATCHED
    assert decisions[2] is Decision.STILL_DECIDING  # three matching frames, but no movement yet


def test_time_out_of_the_frame_does_not_count_towards_giving_up(matcher, astronaut, astronaut_template):
    """An elderly patient stands back, steps out of view for 30 s, comes back: guided, then
    matched; only time in view counts towards `give_up_seconds`."""
    clock = StepClock(step=1.0)
    session = MatchSession(matcher, astronaut_template, clock=clock)
    far = [sample_faces.camera_frame(astronaut, face_width=70)] * 10
    away = [np.full((480, 640, 3), 120, np.uint8)] * 30
    results = run(session, far + away + far[:4])
    assert [r.guidance for r in results[10:40]] == [(Guidance.NO_FACE,)] * 30
    assert all(r.decision is Decision.STILL_DECIDING for r in results)
    assert session.face_seconds < session.policy.give_up_seconds < clock.now - session.first_face_time
    clock.step = 0.1
    assert run(session, sample_faces.recorded_session(astronaut, count=6))[-1].decision is Decision.MATCHED


def test_a_face_in_view_that_never_matches_is_given_up_on(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(step=1.0))
    results = run(session, [sample_faces.camera_frame(astronaut, face_width=70)] * 17)
    assert results[-1].decision is Decision.NOT_MATCHED
    assert session.face_seconds >= session.policy.give_up_seconds


FUSING = DecisionPolicy(fuse_frames=5, frame_quality="select")


def test_fusing_frames_matches_the_card_holder_after_the_policy_s_frames(matcher, astronaut, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(), policy=FUSING)
    decisions = [r.decision for r in run(session, sample_faces.recorded_session(astronaut, count=6))]
    assert decisions.index(Decision.MATCHED) == FUSING.votes_needed - 1  # never on one frame


def test_fusing_frames_never_matches_another_person(matcher, people, astronaut_template):
    session = MatchSession(matcher, astronaut_template, clock=StepClock(step=0.5), policy=FUSING)
    decisions = [r.decision for r in run(session, sample_faces.recorded_session(people[1], count=40))]
    assert Decision.MATCHED not in decisions
    assert decisions[-1] is Decision.NOT_MATCHED


def test_fusing_keeps_frame_templates_only_within_the_window(matcher, astronaut, people, astronaut_template):
    """A stranger's card: no decision, so the frames' templates are held while in the window,
    then dropped; end() drops them all."""
    stranger_card = matcher.enrol_chip_photo(sample_faces.chip_photo(people[1]))
    clock = StepClock()
    session = MatchSession(matcher, stranger_card, clock=clock, policy=FUSING)
    run(session, sample_faces.recorded_session(astronaut, count=4))
    assert sum(o.template is not None for o in session._recent) == 4
    clock.now += FUSING.window_seconds + 0.1
    run(session, [np.full((480, 640, 3), 120, np.uint8)])  # nobody in view
    assert all(o.template is None for o in session._recent)
    run(session, sample_faces.recorded_session(astronaut, count=2))
    session.end()
    assert session.template is None and not session._recent
