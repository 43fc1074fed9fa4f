"""The test issuers (JPKI CAs, card issuers, and a forger's pair) and what they issue for a day:
user-authentication and signature certificates, the CRL, and stand-in images for the chip."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ..resources import resource_dir
from ..trust import (TEST_CARD_FACE_SIGNER_KEY, TEST_CARD_ISSUER_KEY, TEST_JPKI_CA_CERT,
                     TEST_JPKI_CA_KEY, TEST_JPKI_SIGN_CA_KEY, TEST_TEXT_ISSUER_KEY,
                     TEST_TEXT_SIGNER_KEY, trust_dir)

JST_END_OF_DAY = time(14, 59, 59)  # 23:59:59 JST in UTC
MIDNIGHT = time(0)
# 16-byte key ids of the project's own hierarchy: "OQS" in bytes 12-14, where J-LIS ids are zero
FACE_ISSUER_ID = b"0000023\x08\x05001OQS\x00"  # signs EF 0004 of the 券面事項確認AP
TEXT_ISSUER_ID = b"0000033\x08\x05001OQS\x00"  # signs EF 0004 of the 入力補助AP
FACE_SIGNER_ID = b"0000001\x08\x05000OQS\x00"  # certified there; signs the card-face records
TEXT_SIGNER_ID = b"0000002\x08\x05000OQS\x00"  # certified there; signs EF 0003 of the 入力補助AP
NO_USAGE = dict(content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False,
                decipher_only=False)


def keys_dir() -> Path:
    return resource_dir() / "personas" / "keys"


def load_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), None,
                                             unsafe_skip_rsa_key_validation=True)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError(f"{path.name} does not hold an RSA private key")
    return key


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def utc(day: date, at: time = JST_END_OF_DAY) -> datetime:
    return datetime.combine(day, at, timezone.utc)


def _rogue_ca(genuine: x509.Certificate, key: rsa.RSAPrivateKey) -> x509.Certificate:
    """Same name as the test CA, different key: what a forger would ship."""
    return (x509.CertificateBuilder().subject_name(genuine.subject).issuer_name(genuine.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(genuine.not_valid_before_utc)
            .not_valid_after(genuine.not_valid_after_utc)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))


def _self_signed(name: x509.Name, key: rsa.RSAPrivateKey,
                 like: x509.Certificate) -> x509.Certificate:
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(like.not_valid_before_utc).not_valid_after(like.not_valid_after_utc)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))


class Issuers:
    def __init__(self) -> None:
        self.ca_cert = x509.load_pem_x509_certificate((trust_dir() / TEST_JPKI_CA_CERT).read_bytes())
        self.ca_key = load_key(trust_dir() / TEST_JPKI_CA_KEY)
        self.issuer_key = load_key(trust_dir() / TEST_CARD_ISSUER_KEY)
        self.rogue_ca_key = load_key(keys_dir() / "rogue-jpki-ca.key.pem")
        self.rogue_ca_cert = _rogue_ca(self.ca_cert, self.rogue_ca_key)
        self.rogue_issuer_key = load_key(keys_dir() / "rogue-card-issuer.key.pem")
        self.text_issuer_key = load_key(trust_dir() / TEST_TEXT_ISSUER_KEY)
        self.face_signer_key = load_key(trust_dir() / TEST_CARD_FACE_SIGNER_KEY)
        self.text_signer_key = load_key(trust_dir() / TEST_TEXT_SIGNER_KEY)
        self.sign_ca_key = load_key(trust_dir() / TEST_JPKI_SIGN_CA_KEY)
        self.sign_ca_cert = _self_signed(x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.COMMON_NAME, "TEST ONLY JPKI signature CA")]),
            self.sign_ca_key, self.ca_cert)

    def jpki(self, forged: bool) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
        return (self.rogue_ca_cert, self.rogue_ca_key) if forged else (self.ca_cert, self.ca_key)

    def card_issuer(self, forged: bool) -> rsa.RSAPrivateKey:
        return self.rogue_issuer_key if forged else self.issuer_key

    def auth_certificate(self, name: str, key: rsa.RSAPublicKey, today: date, expiry: date,
                         forged: bool = False) -> x509.Certificate:
        ca_cert, ca_key = self.jpki(forged)
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                             x509.NameAttribute(NameOID.COMMON_NAME, f"TEST ONLY {name}")])
        return _leaf(subject, key, ca_cert, ca_key, today, expiry,
                     x509.KeyUsage(digital_signature=True, **NO_USAGE))

    def signature_certificate(self, name: str, key: rsa.RSAPublicKey, today: date,
                              expiry: date) -> x509.Certificate:
        """署名用電子証明書 (JPKI EF 0001): names the holder on a real card; here a test label."""
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                             x509.NameAttribute(NameOID.COMMON_NAME, f"TEST ONLY {name} signature")])
        return _leaf(subject, key, self.sign_ca_cert, self.sign_ca_key, today, expiry,
                     x509.KeyUsage(digital_signature=True, **dict(NO_USAGE, content_commitment=True)))

    def crl(self, today: date, revoked: list[int]) -> bytes:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.ca_cert.subject)
                   .last_update(utc(today - timedelta(days=1), MIDNIGHT))
                   .next_update(utc(today + timedelta(days=30), MIDNIGHT)))
        for serial in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial)
                .revocation_date(utc(today - timedelta(days=10), MIDNIGHT)).build())
        return builder.sign(self.ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def _leaf(subject: x509.Name, key: rsa.RSAPublicKey, ca_cert: x509.Certificate,
          ca_key: rsa.RSAPrivateKey, today: date, expiry: date,
          usage: x509.KeyUsage) -> x509.Certificate:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_cert.subject)
            .public_key(key).serial_number(x509.random_serial_number())
            .not_valid_before(utc(min(today, expiry) - timedelta(days=400), MIDNIGHT))
            .not_valid_after(utc(expiry))
            .add_extension(usage, critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))


def text_image(text: str) -> bytes:
    """A 1-bit PNG standing in for the name/address/security-code images on the chip."""
    import cv2
    import numpy as np

    img = np.full((48, 360), 255, np.uint8)
    cv2.putText(img, text, (6, 32), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return cv2.imencode(".png", img, [cv2.IMWRITE_PNG_BILEVEL, 1])[1].tobytes()
