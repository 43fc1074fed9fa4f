"""Carries out the machine's effects off the caller's thread and feeds the answers back.

All events pass through `dispatch`, which is thread-safe; answers from a visit that has since ended
are dropped, so a slow card or gateway can never touch the next patient's visit.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from kiosk.core import events as ev
from kiosk.core.clock import SYSTEM_CLOCK, Cancellable, Clock
from kiosk.core.codes import Problem
from kiosk.core.ports import CardPort, FacePort, GatewayPort, PinLocked, PinWrong, PortProblem, ResultPort
from kiosk.core.session import WAITING_FOR_PATIENT, CheckInMachine, Step

log = logging.getLogger("kiosk.core.runner")


class CheckInRunner:
    def __init__(self, machine: CheckInMachine, card: CardPort, face: FacePort,
                 gateway: GatewayPort, sink: ResultPort, clock: Clock = SYSTEM_CLOCK) -> None:
        self.machine, self.card, self.face, self.gateway, self.sink = machine, card, face, gateway, sink
        self.clock = clock
        self._lock = threading.RLock()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="checkin")
        self._face_stop = threading.Event()
        self._timer: Cancellable | None = None
        self._pause: Cancellable | None = None   # the beat before PauseOver, on the clock
        self._deadline: float | None = None     # clock.monotonic() when the screen gives up
        self._stopped = False
        self.guidance_listeners: list[Callable[[str], None]] = []

    # ---- events in ------------------------------------------------------------------------------

    def dispatch(self, event: ev.Event, visit: int | None = None) -> None:
        with self._lock:
            if visit is not None and visit != self.machine.visit.number:
                log.debug("dropped %s from ended visit %d", type(event).__name__, visit)
                return
            effects = self.machine.handle(event)
            self._arm_timeout()
            number = self.machine.visit.number
        for effect in effects:
            self._start(effect, number)

    def touch(self) -> None:
        """The patient did something on screen: give them the full time again."""
        with self._lock:
            self._arm_timeout()

    def available_methods(self) -> list[ev.Method]:
        """What the patient may choose now, read while no event is changing the visit."""
        with self._lock:
            return self.machine.available_methods()

    def seconds_left(self) -> float | None:
        """Seconds before the current screen gives up for want of a touch, or None when the
        kiosk is not waiting for the patient (shown on screen as a countdown)."""
        deadline = self._deadline
        return None if deadline is None else max(0.0, deadline - self.clock.monotonic())

    def shutdown(self) -> None:
        with self._lock:     # a touch after this must not arm a timeout on a stopped kiosk
            self._stopped = True
            self._face_stop.set()   # under the lock: a late ShowCamera cannot clear it again
            for pending in (self._timer, self._pause):
                if pending:
                    pending.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # ---- effects out ----------------------------------------------------------------------------

    def _start(self, effect: ev.Effect, visit: int) -> None:
        if isinstance(effect, ev.StopFace):
            self._face_stop.set()
        elif isinstance(effect, ev.EndVisit):
            self._pool.submit(self._end_visit)
        elif isinstance(effect, ev.Pause):
            self._pause_then_answer(effect.seconds, visit)
        else:
            if isinstance(effect, (ev.MatchFace, ev.ShowCamera)):
                with self._lock:
                    if self._stopped:   # the camera would run for ever: shutdown waits for it
                        return
                    self._face_stop.clear()
            self._pool.submit(self._carry_out, effect, visit)

    def _carry_out(self, effect: ev.Effect, visit: int) -> None:
        try:
            answer = self._answer(effect)
        except PortProblem as exc:
            log.warning("visit %d: %s failed: %s", visit, type(effect).__name__, exc)
            answer = self._failure(effect, exc.problem)
        except Exception:   # nothing may escape: the patient sees a code and the kiosk goes on
            log.exception("visit %d: %s failed unexpectedly", visit, type(effect).__name__)
            answer = self._failure(effect, Problem.INTERNAL_ERROR)
        if answer is not None:
            self.dispatch(answer, visit)

    def _answer(self, effect: ev.Effect) -> ev.Event | None:
        if isinstance(effect, ev.ReadCard):
            return ev.CardRead(self.card.read())
        if isinstance(effect, ev.LoadChipPhoto):
            photo = self.card.load_chip_photo()
            if effect.enrol:
                self.face.enrol(photo)
            return ev.ChipPhotoLoaded(photo)
        if isinstance(effect, ev.ShowCamera):
            self.face.preview(self._face_stop.is_set)
            return None
        if isinstance(effect, ev.MatchFace):
            score = self.face.match(self._tell_guidance, self._face_stop.is_set)
            if self._face_stop.is_set():
                return None
            return ev.FaceNotMatched() if score is None else ev.FaceMatched(score)
        if isinstance(effect, ev.VerifyPin):
            try:
                self.card.verify_pin(effect.pin.reveal())
            except PinWrong as wrong:
                return ev.PinRejected(wrong.tries_left)
            except PinLocked:
                return ev.PinBlocked()
            return ev.PinAccepted()
        if isinstance(effect, ev.ConfirmQualification):
            return self.gateway.confirm(effect.method, self.card, effect.face_score)
        if isinstance(effect, ev.WriteResult):
            delivery = self.sink.write(effect.visit)
            done = ev.ResultWritten if delivery.written else ev.ResultQueued
            return done(delivery.file_name)
        raise TypeError(f"no way to carry out {effect!r}")

    @staticmethod
    def _failure(effect: ev.Effect, problem: Problem) -> ev.Event | None:
        if isinstance(effect, ev.ReadCard):
            return ev.CardReadFailed(problem)
        if isinstance(effect, (ev.LoadChipPhoto, ev.MatchFace)):
            return ev.FaceUnavailable(problem)
        if isinstance(effect, ev.ConfirmQualification):
            return ev.QualificationFailed(problem)
        if isinstance(effect, ev.WriteResult):
            return ev.ResultFailed()
        if isinstance(effect, ev.VerifyPin):
            return ev.CardReadFailed(problem)   # the card broke or went while checking the PIN
        return None

    def _pause_then_answer(self, seconds: float, visit: int) -> None:
        """PauseOver after `seconds` on the clock (a hurried or manual clock shortens the beat);
        nothing when the kiosk stops first."""
        with self._lock:
            if self._stopped:
                return
            if self._pause:
                self._pause.cancel()
            self._pause = self.clock.call_later(seconds, lambda: self.dispatch(ev.PauseOver(), visit))

    def _tell_guidance(self, code: str) -> None:
        for listener in self.guidance_listeners:
            listener(code)

    def _end_visit(self) -> None:
        for forget in (self.face.forget, self.card.release):
            try:
                forget()
            except Exception:
                log.exception("could not wipe the visit cleanly")

    # ---- inactivity -----------------------------------------------------------------------------

    def _arm_timeout(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None
        self._deadline = None
        step = self.machine.step
        if self._stopped or step not in WAITING_FOR_PATIENT:
            return
        settings = self.machine.settings
        seconds = settings.done_timeout_seconds if step is Step.DONE else settings.screen_timeout_seconds
        visit = self.machine.visit.number
        self._deadline = self.clock.monotonic() + seconds
        self._timer = self.clock.call_later(seconds, lambda: self._time_out(step, visit))

    def _time_out(self, step: Step, visit: int) -> None:
        with self._lock:
            if self.machine.step is not step or self.machine.visit.number != visit:
                return
        self.dispatch(ev.TimedOut(), visit)
