"""Soak: thousands of check-ins through the real window, PIN and face mixed, with the process's
resident memory, open file descriptors and threads sampled as they go.

    .venv/bin/python -m bench.soak [check-ins] [warm-up] [sample every]

Demo wiring (in-process virtual card, real face weights, the recorded camera, the local simulator,
real result files, outbox and audit store); every third check-in uses the face path. Prints one
line per sample, then the growth from the end of the warm-up to the end, and checks that every
check-in left exactly one result file and nothing queued. Linux only (reads /proc/self). The
figures depend on what else the machine runs at the time: say so when quoting them.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from bench.ui_common import InstantPatient, demo_window, wait
from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.core.session import Step


def one_visit(app, window, tray, method: str) -> bool:
    """One check-in; True when it ended on the done screen, False on a problem screen (e.g. the
    card surface not read in time on a loaded machine): the soak counts it and goes on."""
    patient = InstantPatient(window, method)
    tray.place("valid_adult")
    wait(app, lambda: patient.done_at is not None or window.current().step is Step.PROBLEM, 60.0)
    tray.take()
    wait(app, lambda: window.current().step is Step.IDLE, 60.0)
    patient.detach()
    return patient.done_at is not None


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def sample(done: int, started: float) -> tuple[int, float, int, int, float]:
    return done, rss_mb(), open_fds(), threading.active_count(), time.monotonic() - started


def main(checkins: int = 2000, warm_up: int = 100, every: int = 100) -> int:
    app, window, kiosk, tray = demo_window()
    results = Path(kiosk.results.sink.folder)
    samples, started, problems = [], time.monotonic(), 0
    try:
        print(f"{'check-ins':>9} {'RSS MB':>8} {'fds':>5} {'threads':>7} {'seconds':>8}")
        for index in range(1, warm_up + checkins + 1):
            problems += not one_visit(app, window, tray, "face" if index % 3 == 0 else "pin")
            if index == warm_up or (index > warm_up and (index - warm_up) % every == 0):
                samples.append(sample(index, started))
                print("{:9d} {:8.1f} {:5d} {:7d} {:8.1f}".format(*samples[-1]), flush=True)
        status = kiosk.results.sink.status()
    finally:
        kiosk.stop()
    written = sum(1 for p in results.iterdir() if RESULT_FILE_PATTERN.match(p.name))
    first, last = samples[0], samples[-1]
    growth = (last[1] - first[1]) / first[1] * 100
    print(f"after warm-up ({warm_up} check-ins) to the end ({checkins} more): RSS "
          f"{first[1]:.1f} -> {last[1]:.1f} MB ({growth:+.1f} %, target <= +5 %), fds {first[2]} -> "
          f"{last[2]}, threads {first[3]} -> {last[3]}, highest RSS {max(s[1] for s in samples):.1f} MB")
    print(f"result files {written} for {warm_up + checkins} check-ins ({problems} ended on a "
          f"problem screen), queued {status.queued}, "
          f"{(last[4] - first[4]) / checkins * 1000:.0f} ms per check-in after warm-up")
    return 0 if written == warm_up + checkins - problems and status.queued == 0 else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:4])))
