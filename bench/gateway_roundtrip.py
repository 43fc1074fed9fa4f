"""Gateway simulator round trip as the state machine sees it (issue a nonce, confirm), through the
link (wire codec, deadline, retries) on a real SQLite registry: PIN path (card signature over the
nonce; the card's own signing time excluded) and face path (terminal-key attestation).

    .venv/bin/python -m bench.gateway_roundtrip [--count 300]
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID

from bench.results_write import percentile
from kiosk.gateway import open_simulator_gateway
from kiosk.gateway.attestation import TerminalKey
from kiosk.gateway.certificates import TrustStore
from kiosk.gateway.faults import FaultSwitch
from kiosk.gateway.messages import SignedNonceRequest
from kiosk.gateway.registry import Registry
from kiosk.gateway.simulator import SimulatedGateway


def certificate(subject: str, key, issuer: str, issuer_key, now: datetime) -> x509.Certificate:
    name = lambda cn: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])  # noqa: E731
    return (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=30)).not_valid_after(now + timedelta(days=900))
            .sign(issuer_key, hashes.SHA256()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    count = parser.parse_args().count
    now = datetime.now(timezone.utc)
    ca_key, card_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                        for _ in range(2))
    ca = certificate("bench CA", ca_key, "bench CA", ca_key, now)
    card = certificate("card", card_key, "bench CA", ca_key, now).public_bytes(
        serialization.Encoding.DER)
    with tempfile.TemporaryDirectory() as scratch:
        registry = Registry(Path(scratch) / "registry.sqlite")
        registry.seed()
        registry.link_certificate("valid_adult", card)
        terminal = TerminalKey.generate()
        registry.register_terminal(terminal.terminal_id, terminal.public_key_pem)
        simulator = SimulatedGateway(registry, TrustStore.build(
            [ca.public_bytes(serialization.Encoding.DER)]))
        gateway = open_simulator_gateway(simulator, FaultSwitch())
        pin_times, face_times = [], []
        for _ in range(count):
            started = time.perf_counter()
            nonce = gateway.issue_nonce()
            nonce_done = time.perf_counter()
            signature = card_key.sign(hashlib.sha256(nonce).digest(), padding.PKCS1v15(),
                                      Prehashed(hashes.SHA256()))
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
