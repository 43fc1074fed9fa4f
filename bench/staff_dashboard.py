"""The staff dashboard for one day holding 10,000 audit rows (target ≤ 300 ms): the rows written
through the real audit store (personal fields encrypted), then the day's figures computed from
the plain columns, and the outbox status read, as the staff panel does on opening. For
comparison, the same rows read with their personal fields decrypted (what the dashboard avoids).

    .venv/bin/python -m bench.staff_dashboard [--rows 10000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.staff.dashboard import day_bounds, day_dashboard
from kiosk.results import open_result_sink
from kiosk.results.layout import JST
from kiosk.store import CheckinAudit, PersonalFields, open_audit_store

DAY = date(2026, 11, 20)
PATHS = {
    "pin": ["reading", "method_choice", "pin_entry", "pin_verifying", "identified", "querying", "consent_all",
            "writing", "done"],
    "face": ["reading", "method_choice", "face_preparing", "face_capture", "identified", "querying",
             "consent_all", "writing", "done"],
    "fallback": ["reading", "method_choice", "face_preparing", "face_capture", "pin_entry",
                 "pin_verifying", "identified", "querying", "consent_all", "writing", "done"],
    "problem": ["reading", "method_choice", "pin_entry", "pin_verifying", "identified", "querying", "problem"],
}


def synthetic_visit(rng: random.Random, start: datetime) -> CheckinAudit:
    kind = rng.choices(list(PATHS), weights=[50, 35, 8, 7])[0]
    clock, steps = 0.0, {}
    for name in PATHS[kind]:
        steps[name] = round(clock, 4)
        clock += rng.uniform(0.3, 9.0)
    return CheckinAudit(start, "face" if kind == "face" else "pin", "automatic",
                        "problem" if kind == "problem" else "written", steps,
                        "006" if kind == "problem" else None, 1,
                        personal=PersonalFields("試験　太郎", "19800101", "01130012", "12345678",
                                                "1024", "01"))


def fill(store, rows: int) -> float:
    rng = random.Random(9)
    opening = datetime.combine(DAY, datetime.min.time(), JST) + timedelta(hours=8)
    started = time.perf_counter()
    for index in range(rows):
        store.record_checkin(synthetic_visit(rng, opening + timedelta(seconds=index * 3.6)))
    return time.perf_counter() - started


def timed(action, repeat: int) -> tuple[float, float, object]:
    """(first, median of the rest) in ms, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:] or times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        store = open_audit_store(90, base)
        filled = fill(store, args.rows)
        print(f"{args.rows} audit rows recorded in {filled:.1f} s (each an fsynced commit)")
        store = open_audit_store(90, base)   # reopened, as when the panel opens
        sink = open_result_sink(base / "share", "1399999999", base=base)
        first, median, board = timed(lambda: day_dashboard(store, DAY, sink.status()), args.repeat)
        assert board.checkins == args.rows
        print(f"day's dashboard (plain columns + outbox): first {first:6.1f} ms, "
              f"then median {median:6.1f} ms   (target ≤ 300 ms)")
        start, end = day_bounds(DAY)
        first, median, _ = timed(lambda: store.checkins_between(start, end), args.repeat)
        print(f"for comparison, rows with personal fields decrypted: first {first:6.1f} ms, "
              f"then median {median:6.1f} ms")
        print(f"fallback rate {board.fallback_rate:.3f}, median time per step (s): "
              + ", ".join(f"{k} {v:.2f}" for k, v in board.median_step_seconds.items()))


if __name__ == "__main__":
    main()
