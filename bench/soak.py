"""Soak: thousands of check-ins through the real window, PIN and face mixed, with the process's
resident memory, open file descriptors and threads sampled as they go.

    .venv/bin/python -m bench.soak [check-ins] [warm-up] [sample every]

Demo wiring (in-process virtual card, real face weights, the recorded camera, the local simulator,
real result files, outbox and audit store); every third check-in uses the face path. Prints one
line per sample, then the growth from the end of the warm-up to the end, and checks that every
check-in left exactly one result file and nothing queued. Linux only (reads /proc/self). The
figures depend on what else the machine runs at the time: say so when quoting them.

Hurried, not shortened: a patient who answers every screen at once, the clock's timers (the
"identity confirmed" beat, the screen timeouts) run HURRY times faster with the timeouts at their
longest setting, and the tray camera's frames of the virtual card are rendered once and replayed
(the surface reader still reads every frame). Everything else runs as in the demo: the recorded
face camera at its own 15 fps, the matcher, the card, the simulator, the result files.
"""
from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from bench.ui_common import InstantPatient, demo_window, wait
from faceauth.surface import rendered_card_camera
from faceauth.surface.frames import StillFrames
from kiosk.composition.demo import VirtualTray
from kiosk.composition.demo_cards import card_values_from_persona
from kiosk.config.platform_calls import limit_allocator_growth
from kiosk.core.clock import Cancellable, SystemClock
from kiosk.core.session import Step
from kiosk.results.naming import RESULT_FILE_PATTERN

HURRY = 100          # the beat of 1 s takes 10 ms; the longest screen timeout 36 s, the done 6 s
TRAY_FRAMES = 6      # frames of the virtual card replayed in a loop (2 or 3 agree on a reading)
LONGEST_TIMEOUTS = {"screen_timeout_seconds": 3600, "done_timeout_seconds": 600}


class HurriedClock(SystemClock):
    """The real clocks, with every timer `factor` times shorter."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def call_later(self, seconds: float, action: Callable[[], None]) -> Cancellable:
        return super().call_later(seconds / self.factor, action)


class ReplayedTray:
    """The demo's tray camera, each persona's card rendered TRAY_FRAMES times once (a fixed seed,
    so every run sees the same pictures) and replayed without pacing."""

    def __init__(self) -> None:
        self.frames: dict[str, list] = {}

    def __call__(self, tray: VirtualTray) -> StillFrames:
        persona = tray.current
        if persona is None:
            raise RuntimeError("the soak opens the tray camera with a card in the tray")
        if persona not in self.frames:
            camera = rendered_card_camera(card_values_from_persona(tray.folder, persona),
                                          severity=0.5, seed=17, paced=False)
            self.frames[persona] = [camera.latest().image for _ in range(TRAY_FRAMES)]
        return StillFrames(self.frames[persona], loop=True)


def one_visit(app, window, tray, method: str) -> str:
    """One check-in: "done" when it ended on the done screen, "fallback" when done by PIN because
    face was not offered (the card surface not read), "problem" on a problem screen: the soak
    counts them and goes on."""
    patient = InstantPatient(window, method)
    tray.place("valid_adult")
    wait(app, lambda: patient.done_at is not None or window.current().step is Step.PROBLEM, 60.0)
    tray.take()
    wait(app, lambda: window.current().step is Step.IDLE, 60.0)
    patient.detach()
    if patient.done_at is None:
        return "problem"
    return "fallback" if patient.fell_back else "done"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]


def allocator_mb() -> tuple[float, float, float]:
    """(in use, free but kept in the arenas, mmapped) in MB, from glibc's mallinfo2: what the
    program holds against what the C allocator keeps for it."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return info.uordblks / 2**20, info.fordblks / 2**20, info.hblkhd / 2**20


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


Sample = tuple[int, float, float, float, int, int, float]
COLUMNS = (f"{'check-ins':>9} {'RSS MB':>8} {'malloc':>8} {'kept':>8} {'fds':>5} {'threads':>7} "
           f"{'seconds':>8}")


def sample(done: int, started: float) -> Sample:
    """(check-ins, RSS, malloc in use, malloc free but kept, fds, threads, seconds)."""
    in_use, kept, _mapped = allocator_mb()
    return (done, rss_mb(), in_use, kept, open_fds(), threading.active_count(),
            time.monotonic() - started)


def soak_window():
    """(app, window, kiosk, tray) hurried as the module's doc says, the C allocator set as
    `python -m kiosk` sets it."""
    limit_allocator_growth()
    return demo_window(kiosk_options={"clock": HurriedClock(HURRY), "open_tray_camera": ReplayedTray()},
                       **LONGEST_TIMEOUTS)


def main(checkins: int = 2000, warm_up: int = 100, every: int = 100) -> int:
    app, window, kiosk, tray = soak_window()
    results = Path(kiosk.results.sink.folder)
    samples, started = [], time.monotonic()
    ends = {"done": 0, "fallback": 0, "problem": 0}
    try:
        print(COLUMNS)
        for index in range(1, warm_up + checkins + 1):
            ends[one_visit(app, window, tray, "face" if index % 3 == 0 else "pin")] += 1
            if index == warm_up or (index > warm_up and (index - warm_up) % every == 0):
                samples.append(sample(index, started))
                print("{:9d} {:8.1f} {:8.1f} {:8.1f} {:5d} {:7d} {:8.1f}".format(*samples[-1]),
                      flush=True)
        status = kiosk.results.sink.status()
    finally:
        kiosk.stop()
    written = sum(1 for p in results.iterdir() if RESULT_FILE_PATTERN.match(p.name))
    first, last = samples[0], samples[-1]
    growth = (last[1] - first[1]) / first[1] * 100
    print(f"after warm-up ({warm_up} check-ins) to the end ({checkins} more): RSS "
          f"{first[1]:.1f} -> {last[1]:.1f} MB ({growth:+.1f} %, target <= +5 %), fds {first[4]} -> "
          f"{last[4]}, threads {first[5]} -> {last[5]}, highest RSS {max(s[1] for s in samples):.1f} MB")
    print(f"C allocator: in use {first[2]:.1f} -> {last[2]:.1f} MB, free but kept by its arenas "
          f"{first[3]:.1f} -> {last[3]:.1f} MB")
    print(f"result files {written} for {warm_up + checkins} check-ins ({ends['problem']} ended on a "
          f"problem screen, {ends['fallback']} face check-ins done by PIN), queued {status.queued}, "
          f"{(last[6] - first[6]) / checkins * 1000:.0f} ms per check-in after warm-up, "
          f"load average {os.getloadavg()[0]:.2f}")
    return 0 if written == warm_up + checkins - ends["problem"] and status.queued == 0 else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:4])))
