"""Result write including every fsync (outbox commit, temporary file, rename, folder, commit):
median and p99 in ms, for UTF-8 and Shift_JIS, into a real folder on this machine's disk.

    .venv/bin/python -m bench.results_write [--count 500] [--folder DIR]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kiosk.gateway.messages import QualificationAnswer
from kiosk.gateway.registry import Registry
from kiosk.results.layout import encoding_named, render_result
from kiosk.results.outbox import ResultSink
from kiosk.core.choices import ConsentItem
from kiosk.results.outcome import CheckinOutcome, ConsentFlag, Prescription
from kiosk.store.cipher import FieldCipher
from kiosk.gateway.simulator import utc_now


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def typical_outcome() -> CheckinOutcome:
    registry = Registry(":memory:")
    registry.seed()
    validity, record = registry.person("valid_adult")
    now = utc_now()
    return CheckinOutcome(QualificationAnswer(validity, record, now),
                          {ConsentItem.MEDICATION: ConsentFlag.GIVEN}, now, True, True,
                          Prescription.PAPER)


def report(label: str, samples_s: list[float]) -> None:
    ms = [s * 1000 for s in samples_s]
    print(f"{label:<38} median {statistics.median(ms):7.3f} ms   p99 {percentile(ms, 0.99):7.3f} ms"
          f"   (n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--folder", type=Path, help="result folder (default: a temporary one)")
    args = parser.parse_args()
    outcome = typical_outcome()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        cipher = FieldCipher.from_key_file(base / "store.key")
        for encoding in ("utf-8", "shift_jis"):
            folder = args.folder or base / f"share-{encoding}"
            folder.mkdir(parents=True, exist_ok=True)
            sink = ResultSink(folder, base / f"outbox-{encoding}.sqlite", "1311111111", encoding,
                              "abcdef", cipher)
            render_times, write_times = [], []
            for _ in range(args.count):
                started = time.perf_counter()
                render_result(outcome, "1311111111", encoding_named(encoding), utc_now(), "x" * 16)
                render_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                delivery = sink.write(outcome)
                write_times.append(time.perf_counter() - started)
                assert delivery.written
            report(f"render XML only ({encoding})", render_times)
            report(f"result write incl. fsyncs ({encoding})", write_times)
            if args.folder:
                for path in folder.glob("OQSsiquc01res_face_*abcdef*.xml"):
                    path.unlink()


if __name__ == "__main__":
    main()
