"""Gateway simulator round trip as the state machine sees it (issue a nonce, confirm), through the
link (wire codec, deadline, retries) on a real SQLite registry: PIN path (card signature over the
nonce; the card's own signing time excluded) and face path (terminal-key attestation).

    .venv/bin/python -m bench.gateway_roundtrip [--count 300]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.results_write import percentile
from kiosk.gateway import open_simulator_gateway
from kiosk.gateway.attestation import TerminalKey
from kiosk.gateway.certificates import TrustStore
from kiosk.gateway.faults import FaultSwitch
from kiosk.gateway.messages import SignedNonceRequest
from kiosk.gateway.registry import Registry
from kiosk.gateway.simulator import SimulatedGateway
from tests.gateway.pki import TestCA, card_sign


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    count = parser.parse_args().count
    ca = TestCA()
    card = ca.issue(key_slot=10)
    with tempfile.TemporaryDirectory() as scratch:
        registry = Registry(Path(scratch) / "registry.sqlite")
        registry.seed()
        registry.link_certificate("valid_adult", card)
        terminal = TerminalKey.generate()
        registry.register_terminal(terminal.terminal_id, terminal.public_key_pem)
        simulator = SimulatedGateway(registry, TrustStore.build([ca.der]))
        gateway = open_simulator_gateway(simulator, FaultSwitch())
        pin_times, face_times = [], []
        for _ in range(count):
            started = time.perf_counter()
            nonce = gateway.issue_nonce()
            nonce_done = time.perf_counter()
            signature = card_sign(10, nonce)  # the card's time, not the gateway's: not counted
            confirm_started = time.perf_counter()
            assert gateway.confirm(SignedNonceRequest(card, nonce, signature)).record
            pin_times.append(nonce_done - started + time.perf_counter() - confirm_started)
            started = time.perf_counter()
            request = terminal.attest(card, gateway.issue_nonce(), "face",
                                      datetime.now(timezone.utc), score=0.8)
            assert gateway.confirm(request).record
            face_times.append(time.perf_counter() - started)
    for label, samples in (("PIN path (nonce + confirm)", pin_times),
                           ("face path (nonce + attest + confirm)", face_times)):
        ms = [s * 1000 for s in samples]
        print(f"gateway simulator round trip, {label:<37} median {statistics.median(ms):6.3f} ms"
              f"   p99 {percentile(ms, 0.99):6.3f} ms   (n={count})")


if __name__ == "__main__":
    main()
