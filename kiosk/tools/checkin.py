"""One check-in without a screen: `python -m kiosk.tools.checkin --persona valid_adult --method pin
--pin 1234 --consent all --out DIR`. A virtual card behind a real private pcscd (or, with
--inprocess, the in-process reader), the local qualification simulator, a scripted patient; prints
the result file's path and the machine time of each step. Exit status: 0 when the result file
was written, 3 when the result was only queued (the folder is unavailable; the outbox will write
it), 1 when there is no result."""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from faceauth import CameraSource

from kiosk.config import paths, settings
from kiosk.composition.demo import DEMO_RECORDING, PERSONA_IDS, build_demo_kiosk
from kiosk.core.events import ComprehensiveChoice, Method
from kiosk.core.patient import PatientScript, ScriptedPatient
from kiosk.core.session import Step, Visit
from kiosk.results import Delivery


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk.tools.checkin", description=__doc__)
    parser.add_argument("--persona", required=True, choices=PERSONA_IDS)
    parser.add_argument("--method", choices=[m.value for m in Method], default="pin")
    parser.add_argument("--pin", help="the PIN the patient types (never logged)")
    parser.add_argument("--consent", choices=[c.value for c in ComprehensiveChoice], default="all")
    parser.add_argument("--prescription", choices=["electronic", "paper"],
                        help="ask the e-prescription question and answer it so")
    parser.add_argument("--encoding", choices=["utf-8", "shift_jis"], default="utf-8")
    parser.add_argument("--out", required=True, type=Path,
                        help="the result folder (created when its parent exists)")
    parser.add_argument("--camera", default=str(DEMO_RECORDING),
                        help="device index, video file or image folder (face path)")
    parser.add_argument("--inprocess", action="store_true", help="no pcscd: the in-process reader")
    parser.add_argument("--data", type=Path, help="simulator, personas and outbox (default: data folder)")
    parser.add_argument("--timeout", type=float, default=60.0)
    return parser.parse_args(argv)


QUEUED_ONLY = 3   # exit status: the check-in is done, its result waits in the outbox


@dataclass(frozen=True)
class Report:
    steps: list[tuple[Step, Visit]]   # as the machine announced them, up to the visit's end
    delivery: Delivery | None         # the result file's, if one was written or queued
    elapsed: float         # seconds from placing the card to the last answer

    @property
    def written(self) -> bool:
        return self.steps[-1][0] is Step.DONE

    @property
    def visit(self) -> Visit:
        return next(v for step, v in reversed(self.steps) if step is not Step.IDLE)

    @property
    def started_at(self) -> datetime:
        """When the reader noticed the card (every visit the machine announces has started)."""
        if self.visit.started_at is None:
            raise ValueError("the visit never started")
        return self.visit.started_at

    def machine_seconds(self) -> float:
        """From the card being detected to the last step, with every answer given at once."""
        return (self.visit.step_times[-1][1] - self.started_at).total_seconds()


def run(args: argparse.Namespace) -> int:
    report = check_in(args)
    print_report(report)
    if not report.written:
        return 1
    return 0 if report.delivery is not None and report.delivery.written else QUEUED_ONLY


def check_in(args: argparse.Namespace) -> Report:
    base = args.data or paths.data_dir() / "checkin"
    try:
        args.out.mkdir(exist_ok=True)    # named on the command line: not a share to wait for
    except OSError:
        pass                             # the result waits in the outbox (exit status 3)
    overrides = {"result_folder": str(args.out.absolute()), "result_encoding": args.encoding,
                 "eprescription_question": args.prescription is not None,
                 "smartphone_enabled": True,
                 "staff_mode": "visual_check" if args.method == "staff" else "automatic"}
    loaded = settings.load(overrides={**settings.demo_overrides(), **overrides})
    camera = args.camera if not args.camera.isdigit() else int(args.camera)
    open_camera = lambda **kw: CameraSource(camera, loop=True, **kw)   # noqa: E731
    place: Callable[[], object]
    take: Callable[[], object]
    if args.inprocess:
        kiosk, tray = build_demo_kiosk(loaded, open_camera, base=base, demo_passwords=False)
        place, take = lambda: tray.place(args.persona), tray.take
    else:
        from reader.pcsc import PcscReaderService
        from reader.testing.pcscd import shared_pcscd   # a private pcscd: development and tests only
        from reader.virtual.personas import open_card
        pcscd = shared_pcscd()
        kiosk, tray = build_demo_kiosk(loaded, open_camera, service=PcscReaderService(), base=base,
                                       demo_passwords=False)
        tray.current = args.persona   # the printed values the surface scan would read
        place, take = lambda: pcscd.insert(open_card(tray.folder, args.persona)), pcscd.remove
    script = PatientScript(Method(args.method), args.pin, ComprehensiveChoice(args.consent),
                           args.prescription != "paper")
    patient = ScriptedPatient(script)
    seen: list[tuple[Step, Visit]] = []
    kiosk.machine.subscribe(patient.on_change)
    kiosk.machine.subscribe(lambda step, visit: seen.append((step, visit)))
    kiosk.start()
    try:
        started = time.monotonic()
        place()
        while (event := patient.next_event(timeout=args.timeout)) is not None:
            kiosk.runner.dispatch(event)
        elapsed = time.monotonic() - started
        visit_steps = list(seen)   # before the card is taken back
    finally:
        take()
        kiosk.stop()
    return Report(visit_steps, kiosk.results.last_delivery, elapsed)


def print_report(report: Report) -> None:
    visit = report.visit
    for name, at in visit.step_times:
        print(f"{(at - report.started_at).total_seconds() * 1000:8.1f} ms  {name}")
    problems = [v.problem for _, v in report.steps if v.problem is not None]
    if report.written and report.delivery is not None:
        state = "written" if report.delivery.written else "queued (the folder is unavailable)"
        print(f"result {state}: {report.delivery.path}")
    elif problems:
        print(f"no result: problem {problems[-1].code} {problems[-1].name}")
    else:
        print("no result: the patient stopped")
    print(f"check-in took {report.elapsed * 1000:.1f} ms from placing the card "
          f"({report.machine_seconds() * 1000:.1f} ms from the reader noticing it)")


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
