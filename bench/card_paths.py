"""Card-layer figures over a real private pcscd + vpcd (and in-process for comparison).

    .venv/bin/python -m bench.card_paths [runs]

Prints the median time of the face path (label, certificate, card face with photo, chip
challenge) and the PIN path (tries, VERIFY, sign), their APDU counts and bytes moved (to estimate
a real contactless card: time ≈ APDUs × per-APDU latency + bytes / link rate), and the
insert-to-event and remove-to-event latencies of the PC/SC monitor.
"""
from __future__ import annotations

import hashlib
import queue
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from reader.card import MyNumberCard
from reader.events import EventKind
from reader.pcsc import PcscReaderService, PcscTransport
from reader.testing.pcscd import PrivatePcscd
from reader.trust import load_test_anchors
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import build_personas, load_record, open_card

PERSONA = "valid_adult"
TRUST = load_test_anchors()


def face_path(card: MyNumberCard, record: dict) -> None:
    card.token_kind()
    card.auth_certificate()
    card.chip_challenge(card.card_face(record["number_b"]))


def pin_path(card: MyNumberCard, record: dict) -> None:
    card.pin_tries_left()
    card.verify_pin(record["pin"])
    card.sign(hashlib.sha256(b"gateway nonce").digest())


def measure(name: str, transport, path, record: dict, runs: int) -> None:
    times, card = [], None
    for _ in range(runs):
        card = MyNumberCard(transport, TRUST)  # fresh selection state every run
        start = time.perf_counter()
        path(card, record)
        times.append((time.perf_counter() - start) * 1000)
    t = card.traffic
    print(f"{name:28s} median {statistics.median(times):7.2f} ms  (min {min(times):6.2f}, "
          f"max {max(times):6.2f})  {t.apdus} APDUs, {t.sent} B sent, {t.received} B received")


def event_latency(pcscd: PrivatePcscd, folder: Path, runs: int) -> None:
    events: queue.Queue = queue.Queue()
    service = PcscReaderService(wait_ms=1000)
    service.start(events.put)
    reader = pcscd.reader_names[0]

    def wait(kind):
        while True:
            event = events.get(timeout=10)
            if event.kind is kind and event.reader == reader:
                return event.at

    wait(EventKind.READER_ADDED)
    inserts, removes = [], []
    for _ in range(runs):
        start = time.monotonic()
        pcscd.cards.insert(open_card(folder, PERSONA))
        inserts.append((wait(EventKind.CARD_INSERTED) - start) * 1000)
        time.sleep(0.05)
        start = time.monotonic()
        pcscd.cards.remove()
        removes.append((wait(EventKind.CARD_REMOVED) - start) * 1000)
    service.stop()
    for name, values in (("insert → CARD_INSERTED", inserts), ("remove → CARD_REMOVED", removes)):
        print(f"{name:28s} median {statistics.median(values):7.1f} ms  (min {min(values):6.1f}, "
              f"max {max(values):6.1f}, {runs} runs)")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "personas"
        build_personas(folder, date.today(), [PERSONA])
        record = load_record(folder, PERSONA)
        with PrivatePcscd(Path(tmp) / "pcscd") as pcscd:
            print(f"pcscd + vpcd, persona {PERSONA}, {runs} runs each")
            pcscd.insert(open_card(folder, PERSONA))
            with PcscTransport(pcscd.reader_names[0]) as transport:
                measure("face path (PC/SC)", transport, face_path, record, runs)  # target ≤ 150 ms
                measure("PIN path (PC/SC)", transport, pin_path, record, runs)
            pcscd.remove()
            event_latency(pcscd, folder, max(5, runs // 3))
        reader = InProcessReader()
        reader.insert(open_card(folder, PERSONA))
        transport = reader.connect()
        measure("face path (in-process)", transport, face_path, record, runs)
        measure("PIN path (in-process)", transport, pin_path, record, runs)


if __name__ == "__main__":
    main()
