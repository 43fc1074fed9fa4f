"""One audit row per visit, written when the visit ends: method, mode, outcome, code, step times.
No PIN, no face data, no My Number; who checked in is encrypted by the store."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from kiosk.core.codes import Notice, Problem
from kiosk.core.events import Method, TokenKind
from kiosk.core.session import Step, Visit
from kiosk.store import AuditStore, CheckinAudit, PersonalFields

log = logging.getLogger("kiosk.audit")

METHOD_NAMES = {Method.PIN: "pin", Method.FACE: "face", Method.STAFF: "visual_check",
                Method.PHONE: "iphone"}


def audit_of(visit: Visit, last_step: Step, farewell: Problem | None, mode: str) -> CheckinAudit:
    """The row for a visit that ended after `last_step`; `farewell` is why it ended early, if so."""
    started_at = visit.started_at
    if started_at is None:
        raise ValueError("a visit that never started has no audit row")
    if visit.left_early is not None and visit.result_file is not None:
        outcome = "unanswered"    # the result was written, the questions were not answered
    elif last_step is Step.DONE:
        outcome = "queued" if Notice.RESULT_QUEUED in visit.notices else "written"
    elif last_step is Step.PROBLEM:
        outcome = "problem"
    else:
        outcome = "abandoned" if farewell else "cancelled"
    method = METHOD_NAMES.get(visit.method) if visit.method else None
    if visit.facts and visit.facts.kind is TokenKind.ANDROID:
        method = "android"
    problem = visit.problem or farewell
    answer = visit.answer
    step_times: dict[str, float] = {}
    for name, at in visit.step_times:
        step_times.setdefault(name, round((at - started_at).total_seconds(), 4))
    return CheckinAudit(
        started_at=started_at, method=method or "none", mode=mode, outcome=outcome,
        step_times=step_times, patient_code=problem.code if problem else None,
        validity=visit.validity,
        notice_codes=tuple(n.code for n in getattr(answer, "notices", ())),
        result_file=visit.result_file,
        personal=PersonalFields.of(getattr(answer, "record", None)))


class AuditTrail:
    """Subscribe `on_change` to the machine. Rows are written on a background thread."""

    def __init__(self, store: AuditStore, staff_mode: Callable[[], str]) -> None:
        self.store, self.staff_mode = store, staff_mode
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")
        self._visit: Visit | None = None
        self._step: Step | None = None

    def on_change(self, step: Step, visit: Visit) -> None:
        if step is not Step.IDLE:
            self._visit, self._step = visit, step
            return
        ended, last_step, self._visit = self._visit, self._step, None
        if ended is not None and last_step is not None and ended.started_at is not None:
            row = audit_of(ended, last_step, visit.problem, self.staff_mode())
            self._pool.submit(self._record, row)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def _record(self, row: CheckinAudit) -> None:
        try:
            self.store.record_checkin(row)
        except Exception:   # an audit failure must never stop a check-in
            log.exception("could not record the check-in in the audit store")
