"""What the core sends to the gateway and what it gets back."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.core.events import Validity as Validity   # the answers carry it: re-exported
from kiosk.gateway.record import InsuredRecord


@dataclass(frozen=True)
class SignedNonceRequest:
    """PIN, Android and iPhone paths: the card's authentication key signed the gateway's nonce.

    ``signature`` is RSA PKCS#1 v1.5 over the SHA-256 DigestInfo of ``nonce`` (the card is given
    ``sha256(nonce)``). ``ca_cert_der`` is the card's EF 000B, when read.
    """
    cert_der: bytes
    nonce: bytes
    signature: bytes
    ca_cert_der: bytes | None = None


@dataclass(frozen=True)
class AttestedRequest:
    """Face match or staff visual check: this kiosk's terminal key vouches for the patient.

    ``attestation`` is the canonical bytes made by ``kiosk.gateway.attestation.Attestation``;
    ``signature`` is the terminal key's Ed25519 signature over them.
    """
    cert_der: bytes
    attestation: bytes
    signature: bytes
    ca_cert_der: bytes | None = None


QualificationRequest = SignedNonceRequest | AttestedRequest


class GatewayNotice(enum.Enum):
    """What the gateway notes on a confirmed answer although the check-in went through.

    The value is (ProcessingResultCode, ProcessingResultMessage) for the result file. The patient
    is told through the core's own ``kiosk.core.codes.Notice``, which the adapter derives.
    """
    CERT_EXPIRES_SOON = ("W01", "利用者証明用電子証明書の有効期限が3か月以内に切れます")
    CERT_IN_GRACE = ("W02", "利用者証明用電子証明書の有効期限切れ（3か月以内）：資格情報のみ提供")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def message(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class QualificationAnswer:
    """A confirmed check-in. ``record`` is None when nothing (4) or several (5) were found.

    ``status_only`` is True in the 3-month grace after certificate expiry: the facility gets the
    insurance status only, so no consent screens (drug/health information) are offered.
    """
    validity: Validity
    record: InsuredRecord | None
    confirmed_at: datetime
    notices: tuple[GatewayNotice, ...] = field(default=())

    @property
    def status_only(self) -> bool:
        return GatewayNotice.CERT_IN_GRACE in self.notices
