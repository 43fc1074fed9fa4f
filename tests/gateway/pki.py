"""A throw-away JPKI-like PKI for tests: a CA, card authentication certificates, card signatures."""
from __future__ import annotations

import functools
import hashlib
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID

from kiosk.gateway.messages import SignedNonceRequest

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)


@functools.lru_cache(maxsize=None)
def rsa_key(slot: int) -> rsa.RSAPrivateKey:
    """RSA-2048 keys are slow to make: tests share a few, by slot number."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def subject_name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI Test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


class TestCA:
    __test__ = False  # not a pytest class

    def __init__(self, common_name: str = "JPKI Test User Authentication CA", key_slot: int = 0,
                 not_before: datetime = NOW - timedelta(days=3650),
                 not_after: datetime = NOW + timedelta(days=3650),
                 issuer: "TestCA | None" = None):
        self.key = rsa_key(key_slot)
        self.name = subject_name(common_name)
        signer = issuer or self
        builder = (x509.CertificateBuilder().subject_name(self.name)
                   .issuer_name(signer.name).public_key(self.key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(not_before).not_valid_after(not_after)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True))
        self.cert = builder.sign(signer.key, hashes.SHA256())

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def issue(self, key_slot: int = 10, not_before: datetime = NOW - timedelta(days=365),
              not_after: datetime = NOW + timedelta(days=3 * 365), serial: int | None = None,
              subject: str = "JPKI user authentication") -> bytes:
        """A card's user-authentication certificate (DER), as on EF 000A."""
        cert = (x509.CertificateBuilder().subject_name(subject_name(subject))
                .issuer_name(self.name).public_key(rsa_key(key_slot).public_key())
                .serial_number(serial or x509.random_serial_number())
                .not_valid_before(not_before).not_valid_after(not_after)
                .sign(self.key, hashes.SHA256()))
        return cert.public_bytes(serialization.Encoding.DER)

    def crl(self, revoked_serials: list[int]) -> bytes:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.name)
                   .last_update(NOW - timedelta(days=1)).next_update(NOW + timedelta(days=1)))
        for serial in revoked_serials:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial)
                .revocation_date(NOW - timedelta(days=2)).build())
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def card_sign(key_slot: int, nonce: bytes) -> bytes:
    """What the card returns for COMPUTE DIGITAL SIGNATURE over the DigestInfo of sha256(nonce)."""
    digest = hashlib.sha256(nonce).digest()
    return rsa_key(key_slot).sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))


def pin_request(gateway, cert_der: bytes, key_slot: int = 10) -> SignedNonceRequest:
    """What the state machine builds on the PIN path: a fresh nonce signed by the card."""
    nonce = gateway.issue_nonce()
    return SignedNonceRequest(cert_der, nonce, card_sign(key_slot, nonce))
