"""The kiosk's own statement that it verified the patient (face match or staff visual check),
signed with the terminal's Ed25519 key, bound to a gateway nonce and to the card's certificate."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.gateway.errors import BadAttestation, BadSignature
from kiosk.gateway.messages import AttestedRequest
from kiosk.config.paths import data_dir
from kiosk.store.keyfile import read_or_create_secret

METHODS = ("face", "visual_check")


def terminal_key_path(base: Path | None = None) -> Path:
    """Where the kiosk keeps its terminal key: ``<data_dir>/keys/terminal-ed25519.pem``."""
    return (base or data_dir()) / "keys" / "terminal-ed25519.pem"


def certificate_fingerprint(cert_der: bytes) -> str:
    return hashlib.sha256(cert_der).hexdigest()


@dataclass(frozen=True)
class Attestation:
    """What the kiosk states. ``score`` is the face-match similarity (None for a visual check)."""
    terminal_id: str
    method: str
    nonce: bytes
    cert_sha256: str
    verified_at: datetime
    score: float | None = None

    def to_bytes(self) -> bytes:
        """Canonical JSON: sorted keys, no spaces, UTF-8; what the terminal key signs."""
        return json.dumps({
            "terminal_id": self.terminal_id, "method": self.method, "nonce": self.nonce.hex(),
            "cert_sha256": self.cert_sha256, "score": self.score,
            "verified_at": self.verified_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Attestation":
        try:
            fields = json.loads(data)
            attestation = cls(
                terminal_id=str(fields["terminal_id"]), method=str(fields["method"]),
                nonce=bytes.fromhex(fields["nonce"]), cert_sha256=str(fields["cert_sha256"]),
                verified_at=datetime.strptime(fields["verified_at"], "%Y-%m-%dT%H:%M:%SZ"
                                              ).replace(tzinfo=timezone.utc),
                score=None if fields["score"] is None else float(fields["score"]))
        except (ValueError, KeyError, TypeError) as error:
            raise BadAttestation(f"unreadable attestation: {error}") from None
        if attestation.method not in METHODS:
            raise BadAttestation(f"unknown method {attestation.method!r}")
        if attestation.method == "face" and attestation.score is None:
            raise BadAttestation("a face attestation needs its match score")
        return attestation


def terminal_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def verify_attestation_signature(public_key_pem: bytes, data: bytes, signature: bytes) -> None:
    public_key = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(public_key, Ed25519PublicKey):
        raise BadAttestation("registered terminal key is not Ed25519")
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        raise BadSignature("attestation signature does not verify") from None


class TerminalKey:
    """This kiosk's signing key. Made at install (``python -m kiosk.gateway.provision``)."""

    def __init__(self, private_key: Ed25519PrivateKey):
        self._private_key = private_key
        self.terminal_id = terminal_id_of(private_key.public_key())

    @classmethod
    def generate(cls) -> "TerminalKey":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, path: Path) -> "TerminalKey":
        """The key in ``path`` (PEM, mode 0600), created there on first use."""
        pem = read_or_create_secret(path, lambda: Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        return cls(key)

    @property
    def public_key_pem(self) -> bytes:
        return self._private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def attest(self, cert_der: bytes, nonce: bytes, method: str, verified_at: datetime,
               score: float | None = None, ca_cert_der: bytes | None = None) -> AttestedRequest:
        """A signed request stating that ``method`` verified the holder of ``cert_der``."""
        statement = Attestation(self.terminal_id, method, nonce, certificate_fingerprint(cert_der),
                                verified_at, score).to_bytes()
        return AttestedRequest(cert_der, statement, self._private_key.sign(statement), ca_cert_der)
