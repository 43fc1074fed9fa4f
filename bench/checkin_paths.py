"""Machine time of whole check-ins through the real core with instant answers: PIN and face paths,
over a private pcscd + vpcd (or --inprocess). Prints median and p90 per path.

    .venv/bin/python -m bench.checkin_paths [runs]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from kiosk.tools.checkin import check_in, parse_args

PATHS = {"pin": ["--method", "pin", "--pin", "1234"], "face": ["--method", "face"]}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 15
    transports = [["--inprocess"]] if "--inprocess" in sys.argv else [[], ["--inprocess"]]
    with tempfile.TemporaryDirectory() as tmp:
        for transport in transports:
            for name, extra in PATHS.items():
                machine, total = [], []
                for _ in range(runs):
                    args = parse_args(["--persona", "valid_adult", "--out", str(Path(tmp) / "out"),
                                       "--data", str(Path(tmp) / "data"), *extra, *transport])
                    report = check_in(args)
                    assert report.written, report.steps[-1]
                    machine.append(report.machine_seconds() * 1000)
                    total.append(report.elapsed * 1000)
                where = "in-process" if transport else "pcscd+vpcd"
                print(f"{name:4} path, {where:10}: machine {statistics.median(machine):7.1f} ms median, "
                      f"p90 {statistics.quantiles(machine, n=10)[-1]:7.1f} ms; from placing the card "
                      f"{statistics.median(total):7.1f} ms median ({runs} runs)")


if __name__ == "__main__":
    main()
