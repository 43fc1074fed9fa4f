"""RSA public keys as the My Number card stores them (not DER): two TLVs, `90` the exponent and
`91` the modulus (DF24 of the card face, the key inside EF 0004, DF12 of EF 0001, DF42 of EF 0005)."""
from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import tlv
from .errors import MalformedResponse

TAG_EXPONENT = 0x90
TAG_MODULUS = 0x91
MODULUS_LENGTH = 256  # RSA-2048 on every card application


def parse(value: bytes, what: str) -> rsa.RSAPublicKey:
    """`90 <exponent> 91 <modulus>` → an RSA public key; `what` names the field in the error."""
    items = {item.tag: item.value for item in tlv.parse_all(value)}
    if TAG_EXPONENT not in items or TAG_MODULUS not in items:
        raise MalformedResponse(f"{what} is not a 90/91 public key")
    modulus = items[TAG_MODULUS]
    if len(modulus) != MODULUS_LENGTH:
        raise MalformedResponse(f"{what} modulus is {len(modulus)} bytes, not {MODULUS_LENGTH}")
    try:
        return rsa.RSAPublicNumbers(int.from_bytes(items[TAG_EXPONENT], "big"),
                                    int.from_bytes(modulus, "big")).public_key()
    except ValueError as exc:
        raise MalformedResponse(f"{what} is not a usable RSA key: {exc}") from None


def encode(key: rsa.RSAPublicKey) -> bytes:
    numbers = key.public_numbers()
    exponent = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    return (tlv.encode(TAG_EXPONENT, exponent)
            + tlv.encode(TAG_MODULUS, numbers.n.to_bytes(MODULUS_LENGTH, "big")))


def signed_payload(key: rsa.RSAPublicKey, signature: bytes) -> bytes | None:
    """What a raw PKCS#1 v1.5 signature carries (a DigestInfo), the padding checked in full;
    None when the signature does not open under `key`."""
    try:
        return key.recover_data_from_signature(signature, padding.PKCS1v15(), None)
    except Exception:  # InvalidSignature, or a signature of the wrong size
        return None
