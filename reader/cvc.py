"""The card-verifiable certificate of a 券面 application (EF 0004), as real cards hold it:

    7F21 { 5F4E <297 bytes>, 5F37 <256-byte signature> }

The body is 16-byte 証明者鍵ID (issuer key id) ‖ 16-byte 被証明者鍵ID (subject key id) ‖ the
certified key as `90`/`91` TLVs. 5F37 is RSA PKCS#1 v1.5 SHA-256 over the 297-byte *value* of
5F4E, by the issuer key, which is not on the card: it is looked up by id in the shipped table.
"""
from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import cardkey, tlv
from .errors import CertificateSignatureInvalid, MalformedResponse, UnknownIssuerKey
from .issuer_keys import KEY_ID_LENGTH, IssuerKey, IssuerKeyTable, key_id_name

TAG_CVC = 0x7F21
TAG_BODY = 0x5F4E
TAG_SIGNATURE = 0x5F37
BODY_LENGTH = 297


@dataclass(frozen=True)
class CardVerifiableCertificate:
    issuer_key_id: bytes
    subject_key_id: bytes
    public_key: rsa.RSAPublicKey  # the certified key: it signs the application's records
    body: bytes  # the 297-byte 5F4E value, what 5F37 signs
    signature: bytes

    @property
    def issuer_name(self) -> str:
        return key_id_name(self.issuer_key_id)


def parse(raw: bytes) -> CardVerifiableCertificate:
    outer = tlv.parse_one(raw)
    if outer.tag != TAG_CVC:
        raise MalformedResponse(f"EF 0004 starts with tag {outer.tag:X}, not 7F21")
    parts = {part.tag: part.value for part in tlv.parse_all(outer.value)}
    if TAG_BODY not in parts or TAG_SIGNATURE not in parts:
        raise MalformedResponse("EF 0004 lacks its 5F4E body or its 5F37 signature")
    body = parts[TAG_BODY]
    if len(body) != BODY_LENGTH:
        raise MalformedResponse(f"EF 0004 body is {len(body)} bytes, not {BODY_LENGTH}")
    ids = 2 * KEY_ID_LENGTH
    return CardVerifiableCertificate(body[:KEY_ID_LENGTH], body[KEY_ID_LENGTH:ids],
                                     cardkey.parse(body[ids:], "the EF 0004 key"), body,
                                     parts[TAG_SIGNATURE])


def verify(cert: CardVerifiableCertificate, issuer_keys: IssuerKeyTable) -> IssuerKey:
    """The issuer key that signed `cert`. Raises `UnknownIssuerKey` (nothing checked) or
    `CertificateSignatureInvalid`."""
    issuer = issuer_keys.find(cert.issuer_key_id)
    if issuer is None:
        raise UnknownIssuerKey(cert.issuer_key_id, cert.issuer_name)
    try:
        issuer.public_key.verify(cert.signature, cert.body, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise CertificateSignatureInvalid(
            f"EF 0004 does not verify under issuer key {issuer.name}") from None
    return issuer
