"""The check-in state machine, driven from tables: every rule, every target, every step."""
from __future__ import annotations

import logging
from datetime import datetime

import pytest

from kiosk.core import events as ev
from kiosk.core.codes import Notice, Problem
from kiosk.core.events import CardFacts, Method, TokenKind
from kiosk.core.session import (ANSWERING, CAMERA_STEPS, RULES, RULES_BY_KEY, CheckInMachine, Ending, Step,
                           ending_of)
from kiosk.config.settings import ConsentItem, StaffMode, defaults

CARD = CardFacts(TokenKind.CARD, has_photo=True, pin_set=True, pin_tries_left=3)
PIN = ev.PinEntered(ev.Secret("1234"))
VALID = ev.QualificationConfirmed(answer="answer", validity=ev.Validity.VALID)
NO_CONSENT = {"consent_items": []}


def machine_after(settings_changes: dict, events: list[ev.Event]) -> CheckInMachine:
    machine = CheckInMachine(defaults().with_changes(**settings_changes),
                             now=lambda: datetime(2026, 11, 23, 9, 0, 0))
    for event in events:
        machine.handle(event)
    return machine


# How to reach each step: (settings, events). Every step of the machine appears here.
TO_METHOD_CHOICE = [ev.CardPlaced(), ev.CardRead(CARD)]
TO_PIN_ENTRY = TO_METHOD_CHOICE + [ev.MethodChosen(Method.PIN)]
TO_IDENTIFIED = TO_PIN_ENTRY + [PIN, ev.PinAccepted()]
TO_QUERYING = TO_IDENTIFIED + [ev.PauseOver()]
PATHS: dict[Step, tuple[dict, list[ev.Event]]] = {
    Step.IDLE: ({}, []),
    Step.PHONE_GUIDE: ({"smartphone_enabled": True}, [ev.SmartphoneChosen()]),
    Step.READING: ({}, [ev.CardPlaced()]),
    Step.METHOD_CHOICE: ({}, TO_METHOD_CHOICE),
    Step.FACE_PREPARING: ({}, TO_METHOD_CHOICE + [ev.MethodChosen(Method.FACE)]),
    Step.FACE_CAPTURE: ({}, TO_METHOD_CHOICE + [ev.MethodChosen(Method.FACE), ev.ChipPhotoLoaded()]),
    Step.PIN_ENTRY: ({}, TO_PIN_ENTRY),
    Step.PIN_VERIFYING: ({}, TO_PIN_ENTRY + [PIN]),
    Step.STAFF_CHECK: ({"staff_mode": StaffMode.VISUAL_CHECK.value}, TO_METHOD_CHOICE),
    Step.IDENTIFIED: ({}, TO_IDENTIFIED),
    Step.QUERYING: ({}, TO_QUERYING),
    Step.CONSENT_ALL: ({}, TO_QUERYING + [VALID]),
    Step.CONSENT_ITEM: ({"comprehensive_consent": False}, TO_QUERYING + [VALID]),
    Step.PRESCRIPTION: ({**NO_CONSENT, "eprescription_question": True}, TO_QUERYING + [VALID]),
    Step.WRITING: (NO_CONSENT, TO_QUERYING + [VALID]),
    Step.DONE: (NO_CONSENT, TO_QUERYING + [VALID, ev.ResultWritten()]),
    Step.PROBLEM: ({}, [ev.CardPlaced(), ev.CardReadFailed(Problem.CARD_UNREADABLE)]),
}

ANDROID = CardFacts(TokenKind.ANDROID, has_photo=False, pin_tries_left=3)
IPHONE = CardFacts(TokenKind.IPHONE, has_photo=False, pin_tries_left=None)
PHONES_ON = {"smartphone_enabled": True}
FACE_ONLY = CardFacts(TokenKind.CARD, has_photo=True, pin_set=False, pin_tries_left=None)
INFANT = CardFacts(TokenKind.CARD, has_photo=False, pin_set=True, pin_tries_left=3)
LOCKED = CardFacts(TokenKind.CARD, has_photo=True, pin_set=True, pin_tries_left=0)
LOCKED_NO_PHOTO = CardFacts(TokenKind.CARD, has_photo=False, pin_set=True, pin_tries_left=0)
PIN_MODE = {"staff_mode": StaffMode.PIN_ONLY.value}

# (name, source step, extra settings, extra events after reaching the source, event, expected step)
CASES = [
    ("card placed", Step.IDLE, {}, [], ev.CardPlaced(), Step.READING),
    ("phone button, phones on", Step.IDLE, PHONES_ON, [], ev.SmartphoneChosen(), Step.PHONE_GUIDE),
    ("phone button, phones off", Step.IDLE, {}, [], ev.SmartphoneChosen(), Step.IDLE),
    ("phone held", Step.PHONE_GUIDE, {}, [], ev.CardPlaced(), Step.READING),
    ("card with photo and PIN", Step.READING, {}, [], ev.CardRead(CARD), Step.METHOD_CHOICE),
    ("PIN-only mode skips the choice", Step.READING, PIN_MODE, [], ev.CardRead(CARD), Step.PIN_ENTRY),
    ("face-only card goes to the camera", Step.READING, {}, [], ev.CardRead(FACE_ONLY), Step.FACE_PREPARING),
    ("infant card goes to the PIN", Step.READING, {}, [], ev.CardRead(INFANT), Step.PIN_ENTRY),
    ("visual-check mode", Step.READING, {"staff_mode": "visual_check"}, [], ev.CardRead(CARD), Step.STAFF_CHECK),
    ("locked PIN offers face and staff", Step.READING, {}, [], ev.CardRead(LOCKED), Step.METHOD_CHOICE),
    ("face-only card in PIN mode", Step.READING, PIN_MODE, [], ev.CardRead(FACE_ONLY), Step.PROBLEM),
    ("iPhone authenticated on the phone", Step.READING, PHONES_ON, [], ev.CardRead(IPHONE), Step.IDENTIFIED),
    ("Android asks for the phone PIN", Step.READING, PHONES_ON, [], ev.CardRead(ANDROID), Step.PIN_ENTRY),
    ("phone when phones are off", Step.READING, {}, [], ev.CardRead(ANDROID), Step.PROBLEM),
    ("unreadable card", Step.READING, {}, [], ev.CardReadFailed(Problem.CARD_UNREADABLE), Step.PROBLEM),
    ("choose face", Step.METHOD_CHOICE, {}, [], ev.MethodChosen(Method.FACE), Step.FACE_PREPARING),
    ("choose PIN", Step.METHOD_CHOICE, {}, [], ev.MethodChosen(Method.PIN), Step.PIN_ENTRY),
    ("choose staff after a lock", Step.READING, {}, [ev.CardRead(LOCKED)], ev.MethodChosen(Method.STAFF), Step.STAFF_CHECK),
    ("choose a method not offered", Step.METHOD_CHOICE, {}, [], ev.MethodChosen(Method.STAFF), Step.METHOD_CHOICE),
    ("chip photo ready", Step.FACE_PREPARING, {}, [], ev.ChipPhotoLoaded(), Step.FACE_CAPTURE),
    ("chip photo unreadable, choose again", Step.FACE_PREPARING, {}, [], ev.FaceUnavailable(Problem.CARD_UNREADABLE), Step.METHOD_CHOICE),
    ("camera gone, choose again", Step.FACE_CAPTURE, {}, [], ev.FaceUnavailable(Problem.INTERNAL_ERROR), Step.METHOD_CHOICE),
    ("card broke while checking the PIN", Step.PIN_VERIFYING, {}, [], ev.CardReadFailed(Problem.CARD_UNREADABLE), Step.PROBLEM),
    ("face matched", Step.FACE_CAPTURE, {}, [], ev.FaceMatched(0.93), Step.IDENTIFIED),
    ("face not matched, try again", Step.FACE_CAPTURE, {}, [], ev.FaceNotMatched(), Step.FACE_CAPTURE),
    ("face failed twice", Step.FACE_CAPTURE, {}, [ev.FaceNotMatched()], ev.FaceNotMatched(), Step.METHOD_CHOICE),
    ("PIN typed", Step.PIN_ENTRY, {}, [], PIN, Step.PIN_VERIFYING),
    ("malformed PIN never reaches the card", Step.PIN_ENTRY, {}, [], ev.PinEntered(ev.Secret("12a")), Step.PROBLEM),
    ("PIN accepted", Step.PIN_VERIFYING, {}, [], ev.PinAccepted(), Step.IDENTIFIED),
    ("PIN wrong, tries left", Step.PIN_VERIFYING, {}, [], ev.PinRejected(2), Step.PIN_ENTRY),
    ("PIN wrong, no tries left", Step.PIN_VERIFYING, {}, [], ev.PinRejected(0), Step.METHOD_CHOICE),
    ("PIN blocked offers face and staff", Step.PIN_VERIFYING, {}, [], ev.PinBlocked(), Step.METHOD_CHOICE),
    ("Android PIN wrong to zero", Step.READING, PHONES_ON, [ev.CardRead(ANDROID), PIN], ev.PinRejected(0), Step.PROBLEM),
    ("Android PIN blocked", Step.READING, PHONES_ON, [ev.CardRead(ANDROID), PIN], ev.PinBlocked(), Step.PROBLEM),
    ("staff sees the photo", Step.STAFF_CHECK, {}, [], ev.ChipPhotoLoaded(), Step.STAFF_CHECK),
    ("staff without the chip photo", Step.STAFF_CHECK, {}, [], ev.FaceUnavailable(Problem.CARD_UNREADABLE), Step.STAFF_CHECK),
    ("staff confirm", Step.STAFF_CHECK, {}, [], ev.StaffConfirmed(), Step.IDENTIFIED),
    ("identity beat over, query", Step.IDENTIFIED, {}, [], ev.PauseOver(), Step.QUERYING),
    ("staff decline", Step.STAFF_CHECK, {}, [], ev.StaffDeclined(), Step.PROBLEM),
    ("valid, comprehensive consent", Step.QUERYING, {}, [], VALID, Step.CONSENT_ALL),
    ("valid, per-item consent", Step.QUERYING, {"comprehensive_consent": False}, [], VALID, Step.CONSENT_ITEM),
    ("valid, prescription question", Step.QUERYING, {**NO_CONSENT, "eprescription_question": True}, [], VALID, Step.PRESCRIPTION),
    ("grace period skips consent", Step.QUERYING, {}, [], ev.QualificationConfirmed("a", ev.Validity.VALID, insurance_only=True), Step.WRITING),
    ("insurance lapsed still writes", Step.QUERYING, {}, [], ev.QualificationConfirmed("a", validity=ev.Validity.INVALID), Step.WRITING),
    ("gateway down", Step.QUERYING, {}, [], ev.QualificationFailed(Problem.GATEWAY_UNREACHABLE), Step.PROBLEM),
    ("consent all", Step.CONSENT_ALL, {}, [], ev.ComprehensiveConsentAnswered(ev.ComprehensiveChoice.ALL), Step.WRITING),
    ("consent all, then prescription", Step.CONSENT_ALL, {"eprescription_question": True}, [], ev.ComprehensiveConsentAnswered(ev.ComprehensiveChoice.NONE), Step.PRESCRIPTION),
    ("consent individually", Step.CONSENT_ALL, {}, [], ev.ComprehensiveConsentAnswered(ev.ComprehensiveChoice.INDIVIDUALLY), Step.CONSENT_ITEM),
    ("first item answered", Step.CONSENT_ITEM, {}, [], ev.ConsentAnswered(ConsentItem.MEDICATION, True), Step.CONSENT_ITEM),
    ("last item answered", Step.CONSENT_ITEM, {}, [ev.ConsentAnswered(ConsentItem.MEDICATION, True)], ev.ConsentAnswered(ConsentItem.HEALTH_CHECKUPS, False), Step.WRITING),
    ("last item, then prescription", Step.CONSENT_ITEM, {"eprescription_question": True}, [ev.ConsentAnswered(ConsentItem.MEDICATION, True)], ev.ConsentAnswered(ConsentItem.HEALTH_CHECKUPS, True), Step.PRESCRIPTION),
    ("prescription chosen", Step.PRESCRIPTION, {}, [], ev.PrescriptionChosen(True), Step.WRITING),
    ("written", Step.WRITING, {}, [], ev.ResultWritten(), Step.DONE),
    ("queued for a dead folder", Step.WRITING, {}, [], ev.ResultQueued(), Step.DONE),
    ("write failed", Step.WRITING, {}, [], ev.ResultFailed(), Step.PROBLEM),
    ("card removed while writing", Step.WRITING, {}, [], ev.CardRemoved(), Step.WRITING),
    ("card taken at the questions, written", Step.CONSENT_ALL, {}, [ev.CardRemoved()], ev.ResultWritten(), Step.IDLE),
    ("card taken at the questions, queued", Step.CONSENT_ALL, {}, [ev.CardRemoved()], ev.ResultQueued(), Step.IDLE),
    ("no answer in time, written", Step.PRESCRIPTION, {}, [ev.TimedOut()], ev.ResultWritten(), Step.DONE),
    ("card taken", Step.DONE, {}, [], ev.CardRemoved(), Step.IDLE),
    ("done acknowledged", Step.DONE, {}, [], ev.Acknowledged(), Step.IDLE),
    ("problem acknowledged", Step.PROBLEM, {}, [], ev.Acknowledged(), Step.IDLE),
    ("problem, card taken", Step.PROBLEM, {}, [], ev.CardRemoved(), Step.IDLE),
]


def run_case(source, extra_settings, extra_events, event):
    settings, path = PATHS[source]
    machine = machine_after({**settings, **extra_settings}, path + extra_events)
    before = machine.step
    effects = machine.handle(event)
    return machine, before, effects


@pytest.mark.parametrize("name,source,extra_settings,extra_events,event,expected",
                         CASES, ids=[c[0] for c in CASES])
def test_case(name, source, extra_settings, extra_events, event, expected):
    machine, before, _ = run_case(source, extra_settings, extra_events, event)
    assert machine.step is expected


def test_every_rule_and_every_target_is_exercised():
    seen = set()
    for _, source, extra_settings, extra_events, event, _ in CASES:
        machine, before, _ = run_case(source, extra_settings, extra_events, event)
        seen.add((before, type(event), machine.step))
    generic = {ev.CardRemoved, ev.TimedOut, ev.Cancelled}   # and ANSWERING's, tested below
    missing = [(r.source.value, r.event.__name__, t.value) for r in RULES for t in r.targets
               if (r.source, r.event, t) not in seen and not
               (r.event in generic and t in (Step.IDLE, Step.WRITING))]
    assert missing == []


def test_paths_reach_their_steps():
    assert set(PATHS) == set(Step)
    for step, (settings, events) in PATHS.items():
        assert machine_after(settings, events).step is step


@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_card_removed_from_every_step(step):
    settings, events = PATHS[step]
    machine = machine_after(settings, events)
    effects = machine.handle(ev.CardRemoved())
    if step is Step.WRITING:
        assert machine.step is Step.WRITING and machine.visit.card_removed
        machine.handle(ev.ResultWritten())
        assert machine.step is Step.DONE      # the confirmed result is still written
        return
    if step in ANSWERING:      # confirmed: the result is written, consent not given
        (write,) = effects
        assert machine.step is Step.WRITING and isinstance(write, ev.WriteResult)
        assert write.visit.consents == {} and write.visit.prescription_electronic is None
        machine.handle(ev.ResultWritten("r.xml"))
        assert machine.step is Step.IDLE
        assert machine.visit.problem is Problem.CARD_REMOVED_BEFORE_ANSWERS
        return
    assert machine.step is Step.IDLE
    if step is Step.IDLE:
        assert effects == []
        return
    assert isinstance(effects[-1], ev.EndVisit)
    assert (ev.StopFace() in effects) == (step in CAMERA_STEPS)
    if step not in (Step.DONE, Step.PROBLEM):
        assert machine.visit.problem is Problem.CARD_REMOVED   # the idle screen says why


@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_timeout_from_every_step(step):
    settings, events = PATHS[step]
    machine = machine_after(settings, events)
    effects = machine.handle(ev.TimedOut())
    if step in ANSWERING:      # confirmed: the result is written, then "please see reception"
        (write,) = effects
        assert machine.step is Step.WRITING and write.visit.prescription_electronic is None
        machine.handle(ev.ResultWritten("r.xml"))
        assert machine.step is Step.DONE and machine.visit.problem is Problem.NO_ANSWER_IN_TIME
        assert ending_of(machine.step, machine.visit) is Ending.SEE_RECEPTION
        return
    waits_for_machine = {Step.IDLE, Step.READING, Step.FACE_PREPARING, Step.PIN_VERIFYING,
                         Step.IDENTIFIED, Step.QUERYING, Step.WRITING}
    # Steps that wait on the card, the camera or the gateway have their own deadlines there.
    assert machine.step is (step if step in waits_for_machine else Step.IDLE)


@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_events_without_a_rule_change_nothing(step):
    settings, events = PATHS[step]
    samples = [ev.CardPlaced(), ev.CardRemoved(), ev.SmartphoneChosen(), ev.CardRead(CARD),
               ev.CardReadFailed(Problem.CARD_UNREADABLE), ev.MethodChosen(Method.PIN),
               ev.ChipPhotoLoaded(), ev.FaceUnavailable(Problem.CARD_UNREADABLE),
               ev.FaceMatched(0.9), ev.FaceNotMatched(), PIN, ev.PinAccepted(), ev.PinRejected(2),
               ev.PinBlocked(), ev.StaffConfirmed(), ev.StaffDeclined(), VALID,
               ev.QualificationFailed(Problem.GATEWAY_UNREACHABLE),
               ev.ComprehensiveConsentAnswered(ev.ComprehensiveChoice.ALL),
               ev.ConsentAnswered(ConsentItem.MEDICATION, True), ev.PrescriptionChosen(False),
               ev.ResultWritten(), ev.ResultQueued(), ev.ResultFailed(), ev.PauseOver(), ev.Acknowledged(),
               ev.Cancelled(), ev.TimedOut()]
    assert {type(s) for s in samples} == set(ev.Event.__subclasses__())
    for sample in samples:
        if (step, type(sample)) in RULES_BY_KEY:
            continue
        machine = machine_after(settings, events)
        assert machine.handle(sample) == []
        assert machine.step is step


def test_method_offer_follows_mode_and_card():
    def offered(mode, facts, *more):
        m = machine_after({"staff_mode": mode}, [ev.CardPlaced(), ev.CardRead(facts), *more])
        return m.available_methods()
    assert offered("automatic", CARD) == [Method.FACE, Method.PIN]
    assert offered("pin_only", CARD) == [Method.PIN]
    assert offered("visual_check", CARD) == [Method.STAFF]
    assert offered("automatic", LOCKED) == [Method.FACE, Method.STAFF]
    assert offered("automatic", LOCKED_NO_PHOTO) == [Method.STAFF]
    assert offered("automatic", CARD, ev.MethodChosen(Method.FACE),
                   ev.FaceUnavailable(Problem.CARD_UNREADABLE)) == [Method.PIN, Method.STAFF]


def test_pin_tries_and_last_try_warning():
    machine = machine_after({}, TO_PIN_ENTRY + [PIN])
    machine.handle(ev.PinRejected(1))
    assert machine.visit.pin_tries_left == 1
    assert Notice.PIN_LAST_TRY in machine.visit.notices
    machine.handle(PIN)
    machine.handle(ev.PinBlocked())
    assert machine.visit.problem is Problem.PIN_LOCKED
    assert Method.PIN not in machine.available_methods()
    assert Notice.PIN_LAST_TRY not in machine.visit.notices


def test_verify_is_asked_only_for_a_typed_pin():
    machine = machine_after({}, TO_METHOD_CHOICE)
    effects = machine.handle(ev.MethodChosen(Method.PIN))
    assert not any(isinstance(e, ev.VerifyPin) for e in effects)
    effects = machine.handle(ev.PinEntered(ev.Secret("0000")))
    assert [type(e) for e in effects] == [ev.VerifyPin]
    assert effects[0].pin.reveal() == "0000"


def test_pin_never_reaches_the_log(caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk")
    machine = machine_after({}, TO_PIN_ENTRY)
    machine.handle(ev.PinEntered(ev.Secret("8531")))
    machine.handle(ev.PinEntered(ev.Secret("8531")))   # ignored while verifying: logged at debug
    assert caplog.records and "8531" not in caplog.text


def test_every_transition_is_logged_with_its_reason(caplog):
    caplog.set_level(logging.INFO, logger="kiosk.core.session")
    machine_after({}, [ev.CardPlaced(), ev.CardReadFailed(Problem.NOT_MYNUMBER_CARD)])
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["visit 1: idle -> reading on CardPlaced",
                     "visit 1: reading -> problem on CardReadFailed (NOT_MYNUMBER_CARD)"]


def test_outcome_carries_consents_method_and_prescription():
    machine = machine_after({"comprehensive_consent": False, "eprescription_question": True},
                            TO_QUERYING + [VALID, ev.ConsentAnswered(ConsentItem.MEDICATION, True),
                                           ev.ConsentAnswered(ConsentItem.HEALTH_CHECKUPS, False)])
    (effect,) = machine.handle(ev.PrescriptionChosen(electronic=True))
    outcome = effect.visit
    assert outcome.answer == "answer" and outcome.method is Method.PIN
    assert outcome.consents == {ConsentItem.MEDICATION: True, ConsentItem.HEALTH_CHECKUPS: False}
    assert outcome.consent_time == datetime(2026, 11, 23, 9, 0, 0)
    assert outcome.prescription_electronic is True


def test_stale_consent_answer_is_not_recorded():
    machine = machine_after({"comprehensive_consent": False}, TO_QUERYING + [VALID])
    machine.handle(ev.ConsentAnswered(ConsentItem.HEALTH_CHECKUPS, True))
    assert machine.visit.consents == {} and machine.visit.consent_item is ConsentItem.MEDICATION


def test_a_new_visit_starts_clean():
    machine = machine_after(NO_CONSENT, TO_QUERYING + [VALID, ev.ResultWritten(), ev.CardRemoved()])
    assert machine.step is Step.IDLE and machine.visit.answer is None
    machine.handle(ev.CardPlaced())
    assert machine.visit.number == 2 and machine.visit.method is None and machine.visit.problem is None


def test_staff_check_shows_the_live_picture_beside_the_chip_photo():
    machine = machine_after({"staff_mode": StaffMode.VISUAL_CHECK},
                            [ev.CardPlaced(), ev.CardRead(CardFacts(TokenKind.CARD))])
    assert machine.step is Step.STAFF_CHECK
    effects = machine.handle(ev.ChipPhotoLoaded(b"jp2"))
    assert effects == [ev.ShowCamera()] and machine.visit.chip_photo == b"jp2"
    assert machine.handle(ev.StaffConfirmed())[0] == ev.StopFace()   # the camera closes


def test_answers_given_before_leaving_are_kept_the_rest_not_given():
    """Individually: the first item agreed, then the card is taken. The agreed item stays agreed
    (the patient pressed Agree), the unanswered one is written as not given."""
    machine = machine_after({"comprehensive_consent": False, "eprescription_question": True},
                            TO_QUERYING + [VALID, ev.ConsentAnswered(ConsentItem.MEDICATION, True)])
    (write,) = machine.handle(ev.CardRemoved())
    assert write.visit.consents == {ConsentItem.MEDICATION: True}
    assert write.visit.consent_time is not None and write.visit.prescription_electronic is None
    assert machine.visit.left_early is Problem.CARD_REMOVED_BEFORE_ANSWERS


def test_leaving_the_questions_when_the_folder_is_gone_shows_the_problem():
    machine = machine_after({}, TO_QUERYING + [VALID, ev.TimedOut()])
    machine.handle(ev.ResultFailed())
    assert machine.step is Step.PROBLEM and machine.visit.problem is Problem.RESULT_FOLDER_UNAVAILABLE


def test_identity_beat_comes_before_the_query():
    machine = machine_after({}, TO_PIN_ENTRY + [PIN])
    assert machine.handle(ev.PinAccepted()) == [ev.Pause(1.0)]
    assert machine.step is Step.IDENTIFIED
    assert machine.handle(ev.PauseOver()) == [ev.ConfirmQualification(Method.PIN, None)]
    assert machine.step is Step.QUERYING


@pytest.mark.parametrize("step,visit,ending", [
    (Step.DONE, {}, Ending.CHECKED_IN),
    (Step.DONE, {"problem": Problem.INSURANCE_INVALID}, Ending.SEE_RECEPTION),
    (Step.DONE, {"problem": Problem.INSURANCE_NOT_FOUND}, Ending.SEE_RECEPTION),
    (Step.PROBLEM, {"problem": Problem.GATEWAY_UNREACHABLE}, Ending.NOT_CHECKED_IN),
    (Step.CONSENT_ALL, {}, None),
])
def test_endings(step, visit, ending):
    from kiosk.core.session import Visit
    assert ending_of(step, Visit(**visit)) is ending


def test_lapsed_insurance_ends_at_reception_not_checked_in():
    machine = machine_after({}, TO_QUERYING + [ev.QualificationConfirmed("a", validity=2), ev.ResultWritten()])
    assert machine.step is Step.DONE
    assert ending_of(machine.step, machine.visit) is Ending.SEE_RECEPTION
