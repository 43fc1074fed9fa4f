"""The card-verifiable certificate (EF 0004, tag 7F21) that binds the 券面事項確認AP key to the
card issuer: 7F21 { 7F4E body { 42 issuer ref, 5F20 holder ref, 7F49 { 81 modulus, 82 exponent } },
5F37 RSA PKCS#1 v1.5 SHA-256 signature over the encoded 7F4E }."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import tlv
from .errors import MalformedResponse

TAG_CVC = 0x7F21
TAG_BODY = 0x7F4E
TAG_ISSUER = 0x42
TAG_HOLDER = 0x5F20
TAG_PUBLIC_KEY = 0x7F49
TAG_MODULUS = 0x81
TAG_EXPONENT = 0x82
TAG_SIGNATURE = 0x5F37


@dataclass(frozen=True)
class CardVerifiableCertificate:
    issuer: bytes
    holder: bytes
    public_key: rsa.RSAPublicKey
    signed_body: bytes  # the encoded 7F4E TLV
    signature: bytes

    def signed_by(self, issuer_key: rsa.RSAPublicKey) -> bool:
        try:
            issuer_key.verify(self.signature, self.signed_body, padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, ValueError):
            return False
        return True


def _children(value: bytes) -> dict[int, bytes]:
    return {item.tag: item.value for item in tlv.parse_all(value)}


def _need(items: dict[int, bytes], tag: int) -> bytes:
    if tag not in items:
        raise MalformedResponse(f"CVC lacks tag {tag:X}")
    return items[tag]


def parse(raw: bytes) -> CardVerifiableCertificate:
    outer = tlv.parse_one(raw)
    if outer.tag != TAG_CVC:
        raise MalformedResponse(f"EF 0004 starts with tag {outer.tag:X}, not 7F21")
    parts = tlv.parse_all(outer.value)
    body = next((p for p in parts if p.tag == TAG_BODY), None)
    if body is None:
        raise MalformedResponse("CVC has no body")
    signature = _need({p.tag: p.value for p in parts}, TAG_SIGNATURE)
    fields = _children(body.value)
    key = _children(_need(fields, TAG_PUBLIC_KEY))
    modulus = int.from_bytes(_need(key, TAG_MODULUS), "big")
    exponent = int.from_bytes(_need(key, TAG_EXPONENT), "big")
    try:
        public_key = rsa.RSAPublicNumbers(exponent, modulus).public_key()
    except ValueError as exc:
        raise MalformedResponse(f"CVC public key unusable: {exc}") from None
    return CardVerifiableCertificate(_need(fields, TAG_ISSUER), _need(fields, TAG_HOLDER),
                                     public_key, outer.value[body.start:body.end], signature)


def build(issuer: bytes, holder: bytes, public_key: rsa.RSAPublicKey,
          issuer_private_key: rsa.RSAPrivateKey) -> bytes:
    numbers = public_key.public_numbers()
    key = tlv.encode(TAG_PUBLIC_KEY,
                     tlv.encode(TAG_MODULUS, numbers.n.to_bytes(256, "big"))
                     + tlv.encode(TAG_EXPONENT, numbers.e.to_bytes(3, "big")))
    body = tlv.encode(TAG_BODY, tlv.encode(TAG_ISSUER, issuer) + tlv.encode(TAG_HOLDER, holder) + key)
    signature = issuer_private_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
    return tlv.encode(TAG_CVC, body + tlv.encode(TAG_SIGNATURE, signature))
