"""A scripted patient: answers every screen as told, for headless check-ins and end-to-end tests."""
from __future__ import annotations

import queue
from dataclasses import dataclass

from kiosk.core import events as ev
from kiosk.core.events import ComprehensiveChoice, Method
from kiosk.core.session import Step, Visit

TERMINAL = frozenset({Step.DONE, Step.PROBLEM, Step.IDLE})   # IDLE: the visit ended early


@dataclass(frozen=True)
class PatientScript:
    method: Method = Method.PIN
    pin: str | None = None
    consent: ComprehensiveChoice = ComprehensiveChoice.ALL   # INDIVIDUALLY = agree to each item
    electronic_prescription: bool = True
    staff_confirms: bool = True


class ScriptedPatient:
    """Subscribe to the machine; take the next event with `next_event()` on the driving thread
    (never from inside the machine's own notification)."""

    def __init__(self, script: PatientScript) -> None:
        self.script = script
        self._events: queue.Queue[ev.Event | None] = queue.Queue()
        self.pin_tries = 0
        self.choices = 0

    def on_change(self, step: Step, visit: Visit) -> None:
        event = self._answer(step, visit)
        if event is not None or step in TERMINAL:
            self._events.put(event)

    def next_event(self, timeout: float) -> ev.Event | None:
        """The next answer, or None once the visit reached DONE or PROBLEM or ended early."""
        return self._events.get(timeout=timeout)

    def _answer(self, step: Step, visit: Visit) -> ev.Event | None:
        s = self.script
        if step is Step.METHOD_CHOICE:
            self.choices += 1   # offered the choice again: the wanted method is not possible
            return ev.MethodChosen(s.method) if self.choices == 1 else ev.Cancelled()
        if step is Step.PIN_ENTRY:
            if s.pin is None or self.pin_tries:
                return ev.Cancelled()   # a patient who knows one PIN does not guess another
            self.pin_tries += 1
            return ev.PinEntered(ev.Secret(s.pin))
        if step is Step.STAFF_CHECK:
            return ev.StaffConfirmed() if s.staff_confirms else ev.StaffDeclined()
        if step is Step.CONSENT_ALL:
            return ev.ComprehensiveConsentAnswered(s.consent)
        if step is Step.CONSENT_ITEM and visit.consent_item:
            return ev.ConsentAnswered(visit.consent_item, s.consent is not ComprehensiveChoice.NONE)
        if step is Step.PRESCRIPTION:
            return ev.PrescriptionChosen(s.electronic_prescription)
        return None
