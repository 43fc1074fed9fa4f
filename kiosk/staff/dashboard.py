"""Today's dashboard and the audit export, from the audit store's plain columns only: outcomes,
methods, the face-to-PIN fallback, time per step, problem codes and the result outbox. The
encrypted personal columns are never read, so no name or birth date can reach a chart or a CSV."""
from __future__ import annotations

import csv
import json
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, Iterable, Sequence, TextIO

from kiosk.results import OutboxStatus
from kiosk.results.layout import JST
from kiosk.core.session import Step
from kiosk.store import AuditStore, CheckinAudit, StaffAction, utc_now
from kiosk.store.audit import split_codes

AUDIT_EXPORT = "audit_export"
FACE_STEPS = frozenset({Step.FACE_PREPARING.value, Step.FACE_CAPTURE.value})
PIN_STEP = Step.PIN_ENTRY.value


@dataclass(frozen=True)
class DayDashboard:
    day: date
    checkins: int
    by_outcome: dict[str, int]         # written, queued, unanswered, problem, abandoned, cancelled
    by_method: dict[str, int]          # pin, face, visual_check, android, iphone, none
    face_tried: int                    # visits that reached the camera
    face_then_pin: int                 # ... and went on to the PIN
    median_step_seconds: dict[str, float]   # time spent in each step (entered → next step)
    errors_by_code: dict[str, int]     # the patient-facing problem codes ("006": 3)
    notices_by_code: dict[str, int]    # the gateway's notices on confirmed check-ins
    outbox: OutboxStatus | None

    @property
    def fallback_rate(self) -> float | None:
        """Share of face attempts that ended up on the PIN; None when nobody tried the face."""
        return self.face_then_pin / self.face_tried if self.face_tried else None


def day_bounds(day: date, zone: tzinfo = JST) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), zone)
    return start, start + timedelta(days=1)


def rows_for(store: AuditStore, first_day: date, last_day: date,
             zone: tzinfo = JST) -> list[CheckinAudit]:
    """The check-ins of ``first_day`` to ``last_day`` inclusive, without personal fields."""
    return store.checkins_between(day_bounds(first_day, zone)[0], day_bounds(last_day, zone)[1],
                                  personal=False)


def step_durations(step_times: dict[str, float]) -> dict[str, float]:
    """Seconds spent in each step: from entering it to entering the next; the last step has none."""
    ordered = sorted(step_times.items(), key=lambda item: item[1])
    return {name: later - at for (name, at), (_, later) in zip(ordered, ordered[1:])}


SUMMARY_COLUMNS = ("outcome", "method", "patient_code", "notice_codes", "step_times")


def summarise(rows: Sequence[tuple[Any, ...]], day: date, outbox: OutboxStatus | None = None) -> DayDashboard:
    """The figures from ``rows`` of ``SUMMARY_COLUMNS`` (the store's raw values)."""
    outcomes, methods, codes, notices, steps = zip(*rows) if rows else ((),) * 5
    step_times = [json.loads(text) for text in steps]
    face_tried = [times for times in step_times if FACE_STEPS & times.keys()]
    durations: dict[str, list[float]] = {}
    for times in step_times:
        for name, seconds in step_durations(times).items():
            durations.setdefault(name, []).append(seconds)
    return DayDashboard(
        day, len(rows), dict(Counter(outcomes)), dict(Counter(methods)),
        len(face_tried), sum(PIN_STEP in times for times in face_tried),
        {name: statistics.median(values) for name, values in durations.items()},
        dict(Counter(filter(None, codes))),
        dict(Counter(code for joined in notices for code in split_codes(joined))), outbox)


def day_dashboard(store: AuditStore, day: date, outbox: OutboxStatus | None = None,
                  zone: tzinfo = JST) -> DayDashboard:
    """The dashboard for ``day`` (the clinic's calendar day); ``outbox`` from ``sink.status()``.
    Reads the plain columns only: no personal field is even decrypted."""
    return summarise(store.plain_columns_between(*day_bounds(day, zone), SUMMARY_COLUMNS), day,
                     outbox)


# ---- export --------------------------------------------------------------------------------

STEP_COLUMNS = tuple(step.value for step in Step if step is not Step.IDLE)
CSV_COLUMNS = ("started_at", "method", "mode", "outcome", "patient_code", "validity",
               "notice_codes", "result_file") + tuple(f"{name}_s" for name in STEP_COLUMNS)


def write_csv(rows: Iterable[CheckinAudit], stream: TextIO, zone: tzinfo = JST) -> int:
    """One line per check-in: the plain columns and the seconds at which each step was reached."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        steps = [row.step_times.get(name, "") for name in STEP_COLUMNS]
        writer.writerow([row.started_at.astimezone(zone).isoformat(timespec="seconds"), row.method,
                         row.mode, row.outcome, row.patient_code or "",
                         "" if row.validity is None else row.validity,
                         " ".join(row.notice_codes), row.result_file or "", *steps])
        count += 1
    return count


def export_csv(store: AuditStore, first_day: date, last_day: date, path: Path,
               zone: tzinfo = JST) -> int:
    """Write the check-ins of the date range to ``path`` (UTF-8 with a BOM, so Excel reads the
    Japanese right), and record the export in the audit. Returns how many rows were written."""
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        rows = write_csv(rows_for(store, first_day, last_day, zone), stream, zone)
    store.record_staff_action(StaffAction(utc_now(), AUDIT_EXPORT, {
        "from": first_day.isoformat(), "to": last_day.isoformat(), "rows": rows, "who": "staff"}))
    return rows
