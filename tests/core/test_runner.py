"""The runner: effects carried out off the caller's thread, answers fed back, stale ones dropped.
The ports here are small fakes; the end-to-end tests use the real card, camera and gateway."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from kiosk.core import events as ev
from kiosk.core.clock import ManualClock
from kiosk.core.codes import Problem
from kiosk.core.events import CardFacts, Method, TokenKind
from kiosk.core.ports import PinWrong, PortProblem
from kiosk.core.runner import CheckInRunner
from kiosk.core.session import CheckInMachine, Step
from kiosk.config.settings import defaults


class FakeCard:
    def __init__(self, pin="1234", tries=3):
        self.pin, self.tries, self.released, self.verified = pin, tries, 0, []
        self.read_gate = threading.Event()
        self.read_gate.set()
        self.released_event = threading.Event()

    def read(self):
        self.read_gate.wait(5)
        return CardFacts(TokenKind.CARD, has_photo=True, pin_set=True, pin_tries_left=self.tries)

    def load_chip_photo(self):
        raise PortProblem(Problem.CARD_UNREADABLE, "no 照合番号B")

    def verify_pin(self, pin):
        self.verified.append(pin)
        if pin != self.pin:
            self.tries -= 1
            raise PinWrong(self.tries)

    def release(self):
        self.released += 1
        self.released_event.set()


class FakeFace:
    def enrol(self, photo): pass
    def match(self, on_guidance, should_stop): return None
    def preview(self, should_stop): pass
    def forget(self): pass


class FakeGateway:
    def confirm(self, method, card, face_score):
        return ev.QualificationConfirmed(answer={"method": method}, validity=ev.Validity.VALID)


@dataclass
class Written:
    written: bool
    file_name: str


class FakeSink:
    def __init__(self):
        self.outcomes = []

    def write(self, outcome):
        self.outcomes.append(outcome)
        return Written(True, f"result-{len(self.outcomes)}.xml")


def wait_for(runner, step, seconds=5.0):
    """Wait until the machine announces `step` (or is already there): no polling."""
    reached = threading.Condition()
    runner.machine.subscribe(lambda *_: _notify(reached))
    with reached:
        if not reached.wait_for(lambda: runner.machine.step is step, timeout=seconds):
            raise AssertionError(f"still {runner.machine.step}, expected {step}")


def _notify(condition: threading.Condition) -> None:
    with condition:
        condition.notify_all()


def make_runner(clock=None, **settings):
    machine = CheckInMachine(defaults().with_changes(consent_items=[], **settings))
    card, sink = FakeCard(), FakeSink()
    extra = {"clock": clock} if clock else {}
    return CheckInRunner(machine, card, FakeFace(), FakeGateway(), sink, **extra), card, sink


def test_pin_check_in_end_to_end_through_the_runner():
    runner, card, sink = make_runner()
    try:
        runner.dispatch(ev.CardPlaced())
        wait_for(runner, Step.METHOD_CHOICE)
        runner.dispatch(ev.MethodChosen(Method.PIN))
        runner.dispatch(ev.PinEntered(ev.Secret("9999")))
        wait_for(runner, Step.PIN_ENTRY)
        assert runner.machine.visit.pin_tries_left == 2
        runner.dispatch(ev.PinEntered(ev.Secret("1234")))
        wait_for(runner, Step.DONE)
        assert card.verified == ["9999", "1234"]
        assert sink.outcomes[0].answer == {"method": Method.PIN}
        assert runner.machine.visit.result_file == "result-1.xml"
        runner.dispatch(ev.CardRemoved())
        wait_for(runner, Step.IDLE)
        assert card.released_event.wait(2)
        assert card.released == 1
    finally:
        runner.shutdown()


@pytest.mark.expect_log(r"LoadChipPhoto failed")
def test_failed_chip_photo_falls_back_to_the_other_methods():
    runner, card, _ = make_runner()
    try:
        runner.dispatch(ev.CardPlaced())
        wait_for(runner, Step.METHOD_CHOICE)
        runner.dispatch(ev.MethodChosen(Method.FACE))
        wait_for(runner, Step.METHOD_CHOICE)
        assert runner.machine.visit.problem is Problem.CARD_UNREADABLE
        assert runner.machine.available_methods() == [Method.PIN, Method.STAFF]
    finally:
        runner.shutdown()


def test_answer_from_an_ended_visit_is_dropped():
    runner, card, _ = make_runner()
    try:
        card.read_gate.clear()                 # the card read hangs...
        runner.dispatch(ev.CardPlaced())
        runner.dispatch(ev.CardRemoved())      # ...the patient leaves...
        runner.dispatch(ev.CardPlaced())       # ...the next one arrives
        assert runner.machine.visit.number == 2
        card.read_gate.set()
        wait_for(runner, Step.METHOD_CHOICE)
        runner.shutdown()                      # every answer, the stale one included, is in
        assert runner.machine.step is Step.METHOD_CHOICE and runner.machine.visit.number == 2
    finally:
        runner.shutdown()


def test_inactivity_returns_to_idle_and_touch_extends():
    clock = ManualClock()
    runner, card, _ = make_runner(clock, screen_timeout_seconds=60)
    try:
        runner.dispatch(ev.CardPlaced())
        wait_for(runner, Step.METHOD_CHOICE)
        clock.advance(40)
        assert runner.seconds_left() == 20.0               # the countdown the screen shows
        runner.touch()
        assert runner.seconds_left() == 60.0
        clock.advance(40)
        assert runner.machine.step is Step.METHOD_CHOICE   # the touch gave the full minute again
        assert clock.pending() == 1                        # the old timeout was cancelled
        clock.advance(20)
        assert runner.machine.step is Step.IDLE
        assert runner.machine.visit.problem is Problem.TIMED_OUT
        assert runner.seconds_left() is None               # nothing to count down on idle
    finally:
        runner.shutdown()


def identified_by_pin(runner):
    runner.dispatch(ev.CardPlaced())
    wait_for(runner, Step.METHOD_CHOICE)
    for event in (ev.MethodChosen(Method.PIN), ev.PinEntered(ev.Secret("1234"))):
        runner.dispatch(event)
    wait_for(runner, Step.IDENTIFIED)


def test_identity_beat_waits_on_the_clock_and_ends_with_the_kiosk():
    clock = ManualClock()
    runner, _card, sink = make_runner(clock)
    try:
        identified_by_pin(runner)
        clock.advance(0.9)
        assert runner.machine.step is Step.IDENTIFIED       # the beat is not over yet
        clock.advance(0.1)
        wait_for(runner, Step.DONE)
        assert len(sink.outcomes) == 1
        runner.dispatch(ev.CardRemoved())
        identified_by_pin(runner)
    finally:
        runner.shutdown()
    clock.advance(5)                                         # a stopped kiosk: the beat never ends
    assert runner.machine.step is Step.IDENTIFIED and clock.pending() == 0
