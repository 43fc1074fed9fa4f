"""The check-in state machine: plain Python, no I/O, no Qt.

`CheckInMachine.handle(event)` moves between steps by the rules in `RULES` and returns the effects
(card reads, face matching, PIN checks, queries, writes) a runner must carry out; the runner answers
with more events. Screens only render `machine.step` and `machine.visit`.
"""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Protocol

from kiosk.core import events as ev
from kiosk.core.choices import ConsentItem, StaffMode
from kiosk.core.codes import Notice, Problem
from kiosk.core.events import Method, TokenKind, Validity

log = logging.getLogger("kiosk.core.session")
PIN_LENGTH = 4   # the card's user-authentication PIN


class MachineSettings(Protocol):
    """What the machine and its runner read of the facility's settings (kiosk.config.settings.Settings
    provides it); the core imports nothing of the settings file."""

    @property
    def staff_mode(self) -> StaffMode: ...
    @property
    def smartphone_enabled(self) -> bool: ...
    @property
    def consent_items(self) -> list[ConsentItem]: ...
    @property
    def comprehensive_consent(self) -> bool: ...
    @property
    def eprescription_question(self) -> bool: ...
    @property
    def face_attempts(self) -> int: ...
    @property
    def screen_timeout_seconds(self) -> int: ...
    @property
    def done_timeout_seconds(self) -> int: ...


class Step(enum.Enum):
    IDLE = "idle"
    PHONE_GUIDE = "phone_guide"
    READING = "reading"
    METHOD_CHOICE = "method_choice"
    FACE_PREPARING = "face_preparing"
    FACE_CAPTURE = "face_capture"
    PIN_ENTRY = "pin_entry"
    PIN_VERIFYING = "pin_verifying"
    STAFF_CHECK = "staff_check"
    IDENTIFIED = "identified"      # a short beat: "identity confirmed", before the insurance query
    QUERYING = "querying"
    CONSENT_ALL = "consent_all"
    CONSENT_ITEM = "consent_item"
    PRESCRIPTION = "prescription"
    WRITING = "writing"
    DONE = "done"
    PROBLEM = "problem"


# The questions after the qualification is confirmed: leaving them (card taken, no answer in time)
# still writes the result, with consent not given and the prescription format not chosen.
ANSWERING = frozenset({Step.CONSENT_ALL, Step.CONSENT_ITEM, Step.PRESCRIPTION})
# Steps where a patient's card sits in the reader and removing it abandons the visit.
# WRITING finishes whatever happens: the qualification is confirmed and the result must not be lost.
ABANDONABLE = frozenset(Step) - {Step.IDLE, Step.WRITING, Step.DONE, Step.PROBLEM} - ANSWERING
IDENTITY_BEAT_SECONDS = 1.0   # "identity confirmed" stays this long before the insurance query
# Steps that wait for the patient and give up after the screen timeout.
WAITING_FOR_PATIENT = frozenset({
    Step.PHONE_GUIDE, Step.METHOD_CHOICE, Step.FACE_CAPTURE, Step.PIN_ENTRY, Step.STAFF_CHECK,
    Step.CONSENT_ALL, Step.CONSENT_ITEM, Step.PRESCRIPTION, Step.DONE, Step.PROBLEM,
})

# Steps during which the camera runs (matching, or the live picture for the staff check).
CAMERA_STEPS = frozenset({Step.FACE_CAPTURE, Step.STAFF_CHECK})


class Ending(enum.Enum):
    """How a visit's last screen ends it; its title, sound and panel all follow from this."""
    CHECKED_IN = "checked_in"          # 受付完了: success sound, no problem panel
    SEE_RECEPTION = "see_reception"    # result written, but the patient must see reception
    NOT_CHECKED_IN = "not_checked_in"  # no result: error sound, the problem panel


def ending_of(step: Step, visit: "Visit") -> Ending | None:
    if step is Step.DONE:
        return Ending.SEE_RECEPTION if visit.problem is not None else Ending.CHECKED_IN
    if step is Step.PROBLEM:
        return Ending.NOT_CHECKED_IN
    return None


@dataclass
class Visit:
    """What the machine knows about the patient in front of it; wiped when the visit ends."""

    number: int = 0
    facts: ev.CardFacts | None = None
    method: Method | None = None
    face_score: float | None = None
    excluded: set[Method] = field(default_factory=set)   # methods that failed this visit
    face_attempts: int = 0
    pin_tries_left: int | None = None
    answer: ev.GatewayAnswer | None = None
    insurance_only: bool = False
    validity: Validity | None = None
    consents: dict[ConsentItem, bool] = field(default_factory=dict)
    consent_item: ConsentItem | None = None
    consent_time: datetime | None = None
    prescription_electronic: bool | None = None
    problem: Problem | None = None
    chip_photo: bytes = field(default=b"", repr=False)   # shown to staff for 目視; memory only
    notices: list[Notice] = field(default_factory=list)
    card_removed: bool = False
    left_early: Problem | None = None    # the questions were left unanswered (020, 021)
    result_file: str | None = None
    started_at: datetime | None = None
    step_times: list[tuple[str, datetime]] = field(default_factory=list)


class CheckInMachine:
    """One kiosk's check-ins, one visit at a time."""

    def __init__(self, settings: MachineSettings,
                 now: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> None:
        self.settings = settings
        self.now = now
        self.step = Step.IDLE
        self.visit = Visit()
        self._visits = 0
        self._farewell: Problem | None = None   # why the last visit ended early, for the idle screen
        self._listeners: list[Callable[[Step, Visit], None]] = []

    def subscribe(self, listener: Callable[[Step, Visit], None]) -> None:
        self._listeners.append(listener)

    def handle(self, event: ev.Event) -> list[ev.Effect]:
        """Apply one event; return the effects to carry out. Events that make no sense here are
        ignored (and logged), so a late or repeated answer can never derail a visit."""
        rule = RULES_BY_KEY.get((self.step, type(event)))
        if rule is None:
            log.debug("ignored %s in %s", event, self.step.value)
            return []
        before = self.step
        effects: list[ev.Effect] = []
        target = rule.handler(self, event, effects)
        assert target in rule.targets, f"{rule.handler.__name__} chose {target} outside {rule.targets}"
        if before in CAMERA_STEPS and target is not before:
            effects.insert(0, ev.StopFace())
        self.step = target
        if target is Step.IDLE:
            effects.append(ev.EndVisit())
            self.visit = Visit(number=self.visit.number, problem=self._farewell)
            self._farewell = None
        else:
            self.visit.step_times.append((target.value, self.now()))
        shown = self.visit.problem if target in (Step.PROBLEM, Step.IDLE) else None
        reason = type(event).__name__ + (f" ({shown.name})" if shown else "")
        log.info("visit %d: %s -> %s on %s", self.visit.number, before.value, target.value, reason)
        for listener in self._listeners:
            listener(self.step, self.visit)
        return effects

    # ---- what the patient may choose ----------------------------------------------------------

    def available_methods(self) -> list[Method]:
        """Methods offered now, filtered by the staff mode, the card and this visit's failures."""
        facts = self.visit.facts
        if facts is None or facts.kind is not TokenKind.CARD:
            return []
        mode = self.settings.staff_mode
        offered: list[Method] = []
        if mode is StaffMode.AUTOMATIC and facts.has_photo:
            offered.append(Method.FACE)
        if mode is not StaffMode.VISUAL_CHECK and facts.pin_set and (self.visit.pin_tries_left or 0) > 0:
            offered.append(Method.PIN)
        if mode is StaffMode.VISUAL_CHECK or self.visit.excluded:
            offered.append(Method.STAFF)   # after any failure, staff can always check by sight
        return [m for m in offered if m not in self.visit.excluded]

    # ---- handlers: each returns the next step and appends effects ------------------------------

    def _start_reading(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self._visits += 1
        self.visit = Visit(number=self._visits, started_at=self.now())
        effects.append(ev.ReadCard())
        return Step.READING

    def _guide_phone(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return Step.PHONE_GUIDE if self.settings.smartphone_enabled else Step.IDLE

    def _card_read(self, event: ev.CardRead, effects: list[ev.Effect]) -> Step:
        facts = event.facts
        self.visit.facts = facts
        self.visit.pin_tries_left = facts.pin_tries_left
        if facts.kind is not TokenKind.CARD and not self.settings.smartphone_enabled:
            return self._problem(Problem.SMARTPHONE_NOT_ACCEPTED)
        if facts.kind is TokenKind.IPHONE:
            return self._query(Method.PHONE, effects)
        if facts.kind is TokenKind.ANDROID:
            if not facts.pin_tries_left:
                return self._problem(Problem.PIN_LOCKED)
            self.visit.method = Method.PIN
            return Step.PIN_ENTRY
        if facts.pin_set and facts.pin_tries_left == 0:
            self.visit.excluded.add(Method.PIN)
            self.visit.problem = Problem.PIN_LOCKED   # shown beside the other choices
        return self._offer_methods(effects)

    def _offer_methods(self, effects: list[ev.Effect]) -> Step:
        # After a failure (excluded non-empty) staff are always offered, so the choice screen shows
        # the problem beside what is left; a first offer of one method starts it directly.
        methods = self.available_methods()
        if not methods:
            return self._problem(Problem.NO_METHOD_AVAILABLE)
        if len(methods) == 1 and not self.visit.excluded:
            return self._begin(methods[0], effects)
        return Step.METHOD_CHOICE

    def _begin(self, method: Method, effects: list[ev.Effect]) -> Step:
        self.visit.method = method
        if method in (Method.FACE, Method.STAFF):
            effects.append(ev.LoadChipPhoto(enrol=method is Method.FACE))
        return METHOD_START[method]

    def _method_chosen(self, event: ev.MethodChosen, effects: list[ev.Effect]) -> Step:
        if event.method not in self.available_methods():
            return Step.METHOD_CHOICE
        return self._begin(event.method, effects)

    def _chip_photo_loaded(self, event: ev.ChipPhotoLoaded, effects: list[ev.Effect]) -> Step:
        self.visit.chip_photo = event.photo
        effects.append(ev.MatchFace())
        return Step.FACE_CAPTURE

    def _face_unavailable(self, event: ev.FaceUnavailable, effects: list[ev.Effect]) -> Step:
        self.visit.excluded.add(Method.FACE)
        self.visit.problem = event.problem
        return self._offer_methods(effects)

    def _face_matched(self, event: ev.FaceMatched, effects: list[ev.Effect]) -> Step:
        return self._query(Method.FACE, effects, face_score=event.score)

    def _face_not_matched(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self.visit.face_attempts += 1
        if self.visit.face_attempts < self.settings.face_attempts:
            effects.append(ev.MatchFace())
            return Step.FACE_CAPTURE
        self.visit.excluded.add(Method.FACE)
        self.visit.problem = Problem.FACE_NOT_MATCHED
        return self._offer_methods(effects)

    def _pin_entered(self, event: ev.PinEntered, effects: list[ev.Effect]) -> Step:
        pin = event.pin.reveal()
        if len(pin) != PIN_LENGTH or not pin.isdigit():
            # A malformed PIN never reaches the card: it would only burn a try.
            return self._problem(Problem.INTERNAL_ERROR)
        effects.append(ev.VerifyPin(event.pin))
        return Step.PIN_VERIFYING

    def _pin_accepted(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self._drop_notice(Notice.PIN_LAST_TRY)
        return self._query(self.visit.method or Method.PIN, effects)

    def _pin_rejected(self, event: ev.PinRejected, effects: list[ev.Effect]) -> Step:
        if event.tries_left <= 0:
            return self._pin_blocked(event, effects)
        self.visit.pin_tries_left = event.tries_left
        if event.tries_left == 1 and Notice.PIN_LAST_TRY not in self.visit.notices:
            self.visit.notices.append(Notice.PIN_LAST_TRY)
        return Step.PIN_ENTRY

    def _pin_blocked(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self.visit.pin_tries_left = 0
        self._drop_notice(Notice.PIN_LAST_TRY)
        if self.visit.facts and self.visit.facts.kind is TokenKind.ANDROID:
            return self._problem(Problem.PIN_LOCKED)
        self.visit.excluded.add(Method.PIN)
        self.visit.problem = Problem.PIN_LOCKED
        return self._offer_methods(effects)

    def _stay(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return self.step

    def _photo_for_staff(self, event: ev.ChipPhotoLoaded, effects: list[ev.Effect]) -> Step:
        self.visit.chip_photo = event.photo
        effects.append(ev.ShowCamera())   # staff compare the photo with the live picture
        return Step.STAFF_CHECK

    def _staff_confirmed(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return self._query(Method.STAFF, effects)

    def _staff_declined(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return self._problem(Problem.STAFF_DECLINED)

    def _query(self, method: Method, effects: list[ev.Effect], face_score: float | None = None) -> Step:
        """Identity confirmed: say so for a moment, then ask for the qualification."""
        self.visit.method, self.visit.face_score = method, face_score
        self.visit.problem = None
        effects.append(ev.Pause(IDENTITY_BEAT_SECONDS))
        return Step.IDENTIFIED

    def _start_query(self, event: ev.PauseOver, effects: list[ev.Effect]) -> Step:
        assert self.visit.method is not None, "identified without a method"
        effects.append(ev.ConfirmQualification(self.visit.method, self.visit.face_score))
        return Step.QUERYING

    def _qualification_confirmed(self, event: ev.QualificationConfirmed, effects: list[ev.Effect]) -> Step:
        v = self.visit
        v.answer, v.validity, v.insurance_only = event.answer, event.validity, event.insurance_only
        if event.insurance_only:
            v.notices.append(Notice.CERTIFICATE_IN_GRACE)
        elif event.expires_soon:
            v.notices.append(Notice.CERTIFICATE_EXPIRES_SOON)
        if event.validity is not Validity.VALID:
            v.problem = (Problem.INSURANCE_NOT_FOUND if event.validity is Validity.NOT_FOUND
                         else Problem.INSURANCE_INVALID)
            return self._write(effects)   # the receipt computer still needs the status
        items = self._consent_items()
        if not items:
            return self._after_consent(effects)
        if self.settings.comprehensive_consent:
            return Step.CONSENT_ALL
        v.consent_item = items[0]
        return Step.CONSENT_ITEM

    def _consent_items(self) -> list[ConsentItem]:
        # In the 3-month grace after expiry the card confirms insurance only: no medical information.
        return [] if self.visit.insurance_only else list(self.settings.consent_items)

    def _comprehensive_answered(self, event: ev.ComprehensiveConsentAnswered, effects: list[ev.Effect]) -> Step:
        items = self._consent_items()
        if event.choice is ev.ComprehensiveChoice.INDIVIDUALLY:
            self.visit.consent_item = items[0]
            return Step.CONSENT_ITEM
        agreed = event.choice is ev.ComprehensiveChoice.ALL
        self.visit.consents = {item: agreed for item in items}
        self.visit.consent_time = self.now()
        return self._after_consent(effects)

    def _consent_answered(self, event: ev.ConsentAnswered, effects: list[ev.Effect]) -> Step:
        items = self._consent_items()
        if event.item is not self.visit.consent_item:
            return Step.CONSENT_ITEM      # an answer to a question no longer on screen
        self.visit.consents[event.item] = event.agreed
        self.visit.consent_time = self.now()
        position = items.index(event.item)
        if position + 1 < len(items):
            self.visit.consent_item = items[position + 1]
            return Step.CONSENT_ITEM
        self.visit.consent_item = None
        return self._after_consent(effects)

    def _after_consent(self, effects: list[ev.Effect]) -> Step:
        if self.settings.eprescription_question:
            return Step.PRESCRIPTION
        return self._write(effects)

    def _prescription_chosen(self, event: ev.PrescriptionChosen, effects: list[ev.Effect]) -> Step:
        self.visit.prescription_electronic = event.electronic
        return self._write(effects)

    def _write(self, effects: list[ev.Effect]) -> Step:
        v = self.visit
        if v.answer is None or v.method is None:   # only a confirmed qualification is written
            raise RuntimeError(f"visit {v.number}: a result without the gateway's answer")
        effects.append(ev.WriteResult(ev.CompletedVisit(
            answer=v.answer, method=v.method, consents=dict(v.consents),
            consent_time=v.consent_time, prescription_electronic=v.prescription_electronic)))
        return Step.WRITING

    def _record_unanswered(self, event: ev.CardRemoved | ev.TimedOut, effects: list[ev.Effect]) -> Step:
        """The patient left the questions (took the card, or gave no answer in time): the confirmed
        qualification is still written, with what was answered and nothing more."""
        removed = isinstance(event, ev.CardRemoved)
        self.visit.card_removed = removed
        self.visit.left_early = Problem.CARD_REMOVED_BEFORE_ANSWERS if removed else Problem.NO_ANSWER_IN_TIME
        self.visit.consent_item = None
        return self._write(effects)

    def _result_written(self, event: ev.ResultWritten, effects: list[ev.Effect]) -> Step:
        self.visit.result_file = event.file_name
        return self._written()

    def _result_queued(self, event: ev.ResultQueued, effects: list[ev.Effect]) -> Step:
        self.visit.result_file = event.file_name
        self.visit.notices.append(Notice.RESULT_QUEUED)
        return self._written()

    def _written(self) -> Step:
        v = self.visit
        if v.left_early is Problem.CARD_REMOVED_BEFORE_ANSWERS:
            self._farewell = v.left_early   # the patient has gone: the idle screen says what happened
            return Step.IDLE
        if v.left_early is not None:
            v.problem = v.left_early        # still there: please see reception
        return Step.DONE

    def _result_failed(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return self._problem(Problem.RESULT_FOLDER_UNAVAILABLE)

    def _note_card_removed(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self.visit.card_removed = True
        return Step.WRITING

    def _finish(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return Step.IDLE

    def _fail_with_problem(self, event: ev.CardReadFailed | ev.QualificationFailed, effects: list[ev.Effect]) -> Step:
        return self._problem(event.problem)

    def _abandon_card_removed(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        self._farewell = Problem.CARD_REMOVED
        return Step.IDLE

    def _abandon_timed_out(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        if self.step not in (Step.DONE, Step.PROBLEM):
            self._farewell = Problem.TIMED_OUT
        return Step.IDLE

    def _abandon_cancelled(self, event: ev.Event, effects: list[ev.Effect]) -> Step:
        return Step.IDLE

    def _problem(self, problem: Problem) -> Step:
        self.visit.problem = problem
        return Step.PROBLEM

    def _drop_notice(self, notice: Notice) -> None:
        if notice in self.visit.notices:
            self.visit.notices.remove(notice)


# A handler gets the event its rule names (typed in each handler) and the effects to append to.
Handler = Callable[["CheckInMachine", Any, list[ev.Effect]], Step]


@dataclass(frozen=True)
class Rule:
    source: Step
    event: type[ev.Event]
    targets: frozenset[Step]       # every step this rule may lead to (the tests cover each)
    handler: Handler               # the CheckInMachine method that decides


def _rule(source: Step, event: type[ev.Event], handler: Handler, *targets: Step) -> Rule:
    return Rule(source, event, frozenset(targets), handler)


RULES: tuple[Rule, ...] = (
    _rule(Step.IDLE, ev.CardPlaced, CheckInMachine._start_reading, Step.READING),
    _rule(Step.IDLE, ev.SmartphoneChosen, CheckInMachine._guide_phone, Step.PHONE_GUIDE, Step.IDLE),
    _rule(Step.PHONE_GUIDE, ev.CardPlaced, CheckInMachine._start_reading, Step.READING),
    _rule(Step.READING, ev.CardRead, CheckInMachine._card_read,
          Step.METHOD_CHOICE, Step.FACE_PREPARING, Step.PIN_ENTRY, Step.STAFF_CHECK, Step.IDENTIFIED, Step.PROBLEM),
    _rule(Step.READING, ev.CardReadFailed, CheckInMachine._fail_with_problem, Step.PROBLEM),
    _rule(Step.METHOD_CHOICE, ev.MethodChosen, CheckInMachine._method_chosen,
          Step.FACE_PREPARING, Step.PIN_ENTRY, Step.STAFF_CHECK, Step.METHOD_CHOICE),
    _rule(Step.FACE_PREPARING, ev.ChipPhotoLoaded, CheckInMachine._chip_photo_loaded, Step.FACE_CAPTURE),
    _rule(Step.FACE_PREPARING, ev.FaceUnavailable, CheckInMachine._face_unavailable, Step.METHOD_CHOICE),
    _rule(Step.FACE_CAPTURE, ev.FaceUnavailable, CheckInMachine._face_unavailable, Step.METHOD_CHOICE),
    _rule(Step.FACE_CAPTURE, ev.FaceMatched, CheckInMachine._face_matched, Step.IDENTIFIED),
    _rule(Step.FACE_CAPTURE, ev.FaceNotMatched, CheckInMachine._face_not_matched, Step.FACE_CAPTURE, Step.METHOD_CHOICE),
    _rule(Step.PIN_ENTRY, ev.PinEntered, CheckInMachine._pin_entered, Step.PIN_VERIFYING, Step.PROBLEM),
    _rule(Step.PIN_VERIFYING, ev.CardReadFailed, CheckInMachine._fail_with_problem, Step.PROBLEM),
    _rule(Step.PIN_VERIFYING, ev.PinAccepted, CheckInMachine._pin_accepted, Step.IDENTIFIED),
    _rule(Step.PIN_VERIFYING, ev.PinRejected, CheckInMachine._pin_rejected, Step.PIN_ENTRY, Step.METHOD_CHOICE, Step.PROBLEM),
    _rule(Step.PIN_VERIFYING, ev.PinBlocked, CheckInMachine._pin_blocked, Step.METHOD_CHOICE, Step.PROBLEM),
    _rule(Step.STAFF_CHECK, ev.ChipPhotoLoaded, CheckInMachine._photo_for_staff, Step.STAFF_CHECK),
    _rule(Step.STAFF_CHECK, ev.FaceUnavailable, CheckInMachine._stay, Step.STAFF_CHECK),
    _rule(Step.STAFF_CHECK, ev.StaffConfirmed, CheckInMachine._staff_confirmed, Step.IDENTIFIED),
    _rule(Step.STAFF_CHECK, ev.StaffDeclined, CheckInMachine._staff_declined, Step.PROBLEM),
    _rule(Step.IDENTIFIED, ev.PauseOver, CheckInMachine._start_query, Step.QUERYING),
    _rule(Step.QUERYING, ev.QualificationConfirmed, CheckInMachine._qualification_confirmed,
          Step.CONSENT_ALL, Step.CONSENT_ITEM, Step.PRESCRIPTION, Step.WRITING),
    _rule(Step.QUERYING, ev.QualificationFailed, CheckInMachine._fail_with_problem, Step.PROBLEM),
    _rule(Step.CONSENT_ALL, ev.ComprehensiveConsentAnswered, CheckInMachine._comprehensive_answered,
          Step.CONSENT_ITEM, Step.PRESCRIPTION, Step.WRITING),
    _rule(Step.CONSENT_ITEM, ev.ConsentAnswered, CheckInMachine._consent_answered,
          Step.CONSENT_ITEM, Step.PRESCRIPTION, Step.WRITING),
    _rule(Step.PRESCRIPTION, ev.PrescriptionChosen, CheckInMachine._prescription_chosen, Step.WRITING),
    _rule(Step.WRITING, ev.ResultWritten, CheckInMachine._result_written, Step.DONE, Step.IDLE),
    _rule(Step.WRITING, ev.ResultQueued, CheckInMachine._result_queued, Step.DONE, Step.IDLE),
    _rule(Step.WRITING, ev.ResultFailed, CheckInMachine._result_failed, Step.PROBLEM),
    _rule(Step.WRITING, ev.CardRemoved, CheckInMachine._note_card_removed, Step.WRITING),
    _rule(Step.DONE, ev.CardRemoved, CheckInMachine._finish, Step.IDLE),
    _rule(Step.DONE, ev.Acknowledged, CheckInMachine._finish, Step.IDLE),
    _rule(Step.PROBLEM, ev.CardRemoved, CheckInMachine._finish, Step.IDLE),
    _rule(Step.PROBLEM, ev.Acknowledged, CheckInMachine._finish, Step.IDLE),
    *(_rule(step, ev.CardRemoved, CheckInMachine._abandon_card_removed, Step.IDLE) for step in sorted(ABANDONABLE, key=lambda s: s.value)),
    *(_rule(step, ev.TimedOut, CheckInMachine._abandon_timed_out, Step.IDLE)
      for step in sorted(WAITING_FOR_PATIENT - ANSWERING, key=lambda s: s.value)),
    *(_rule(step, event, CheckInMachine._record_unanswered, Step.WRITING)
      for step in sorted(ANSWERING, key=lambda s: s.value) for event in (ev.CardRemoved, ev.TimedOut)),
    *(_rule(step, ev.Cancelled, CheckInMachine._abandon_cancelled, Step.IDLE)
      for step in (Step.PHONE_GUIDE, Step.METHOD_CHOICE, Step.FACE_CAPTURE, Step.PIN_ENTRY, Step.STAFF_CHECK)),
)

RULES_BY_KEY = {(r.source, r.event): r for r in RULES}
assert len(RULES_BY_KEY) == len(RULES), "two rules for one step and event"

METHOD_START = {Method.FACE: Step.FACE_PREPARING, Method.PIN: Step.PIN_ENTRY, Method.STAFF: Step.STAFF_CHECK}
