"""Checks a card's authentication certificate: chain to a trusted JPKI CA, revocation, validity
window with the 3-month grace after expiry (insurance status only)."""
from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, cast

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from kiosk.gateway.errors import CertificateExpired, CertificateRevoked, CertificateUntrusted

GRACE_MONTHS = 3


def add_months(moment: datetime, months: int) -> datetime:
    """Same day ``months`` later (or earlier), clamped to the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class CertificateStanding(enum.Enum):
    VALID = "valid"
    EXPIRES_SOON = "expires_soon"  # expires within 3 months: confirm, alert the patient
    IN_GRACE = "in_grace"          # expired less than 3 months ago: insurance status only


def load_certificate(data: bytes) -> x509.Certificate:
    """DER or PEM; anything else is an untrusted certificate."""
    try:
        if b"-----BEGIN" in data:   # PEM, possibly after a banner line
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as error:
        raise CertificateUntrusted(f"not a certificate: {error}") from None


def _directly_issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _within(cert: x509.Certificate, now: datetime) -> bool:
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


@dataclass(frozen=True)
class TrustStore:
    """Trust anchors (the JPKI root or issuing CAs) and what they revoked."""
    anchors: tuple[x509.Certificate, ...]
    revoked: frozenset[tuple[x509.Name | None, int]] = frozenset()  # None: any issuer

    @classmethod
    def build(cls, anchors: Iterable[bytes], revoked_serials: Iterable[int] = (),
              crls: Iterable[bytes] = ()) -> "TrustStore":
        """``revoked_serials`` apply to any issuer; each CRL must be signed by an anchor."""
        certs = tuple(load_certificate(a) for a in anchors)
        revoked: set[tuple[x509.Name | None, int]] = {(None, s) for s in revoked_serials}
        for crl_data in crls:
            crl = (x509.load_pem_x509_crl(crl_data) if crl_data.lstrip().startswith(b"-----")
                   else x509.load_der_x509_crl(crl_data))
            signer = next((a for a in certs if a.subject == crl.issuer
                           and crl.is_signature_valid(cast(CertificateIssuerPublicKeyTypes,
                                                           a.public_key()))), None)
            if signer is None:
                raise ValueError(f"CRL from {crl.issuer.rfc4514_string()} is not signed by an anchor")
            revoked |= {(crl.issuer, entry.serial_number) for entry in crl}
        return cls(certs, frozenset(revoked))

    @classmethod
    def from_folder(cls, folder: Path, revoked_serials: Iterable[int] = ()) -> "TrustStore":
        """Every ``*.der``/``*.pem``/``*.crt`` in ``folder`` is an anchor, every ``*.crl`` a CRL."""
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        anchors = [p.read_bytes() for p in files if p.suffix in (".der", ".pem", ".crt", ".cer")]
        crls = [p.read_bytes() for p in files if p.suffix == ".crl"]
        return cls.build(anchors, revoked_serials, crls)

    def _issuer_of(self, cert: x509.Certificate, intermediate: x509.Certificate | None,
                   now: datetime) -> x509.Certificate:
        for anchor in self.anchors:
            if cert.issuer == anchor.subject and _directly_issued_by(cert, anchor):
                if not _within(anchor, now):
                    raise CertificateUntrusted("the issuing CA certificate is not valid now")
                return anchor
        if (intermediate is not None and _is_ca(intermediate)
                and cert.issuer == intermediate.subject and _directly_issued_by(cert, intermediate)):
            self._issuer_of(intermediate, None, now)  # the card's CA must chain to an anchor
            if not _within(intermediate, now):
                raise CertificateUntrusted("the card's CA certificate is not valid now")
            return intermediate
        raise CertificateUntrusted("no trusted chain for this certificate")

    def check(self, cert_der: bytes, now: datetime, ca_cert_der: bytes | None = None
              ) -> CertificateStanding:
        """Raise a typed CertificateError, or say how the certificate stands at ``now`` (UTC)."""
        cert = load_certificate(cert_der)
        intermediate = load_certificate(ca_cert_der) if ca_cert_der else None
        issuer = self._issuer_of(cert, intermediate, now)
        serial = cert.serial_number
        if (issuer.subject, serial) in self.revoked or (None, serial) in self.revoked:
            raise CertificateRevoked(f"serial {serial:x} is revoked")
        if now < cert.not_valid_before_utc:
            raise CertificateUntrusted("certificate not yet valid")
        expiry = cert.not_valid_after_utc
        if now > expiry:
            if now > add_months(expiry, GRACE_MONTHS):
                raise CertificateExpired(f"expired on {expiry:%Y-%m-%d}, beyond the grace period")
            return CertificateStanding.IN_GRACE
        if add_months(now, GRACE_MONTHS) >= expiry:
            return CertificateStanding.EXPIRES_SOON
        return CertificateStanding.VALID
