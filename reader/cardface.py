"""The signed card-face record of the 券面事項確認AP (EF 0002).

FF20 { DF21 offsets, DF22 birth date, DF23 sex, DF24 the AP's RSA public key, DF25 name image,
DF26 address image, DF27 face photo (JP2), DF28 signature, DF29 expiry, DF2A security-code image }.
DF28 is an RSA PKCS#1 v1.5 SHA-256 signature, by the DF24 key, over the concatenated SHA-256
digests of three segments, each the encoded TLVs as they sit in the file: DF22–DF24, DF25–DF26,
DF27. Expiry and security code are not signed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import cvc, tlv
from .errors import MalformedResponse, UntrustedCardFace

TAG_CARD_FACE = 0xFF20
TAG_OFFSETS, TAG_BIRTH, TAG_SEX, TAG_AP_KEY = 0xDF21, 0xDF22, 0xDF23, 0xDF24
TAG_NAME, TAG_ADDRESS, TAG_PHOTO, TAG_SIGNATURE = 0xDF25, 0xDF26, 0xDF27, 0xDF28
TAG_EXPIRY, TAG_SECURITY_CODE_IMAGE = 0xDF29, 0xDF2A
SIGNED_SEGMENTS = ((TAG_BIRTH, TAG_SEX, TAG_AP_KEY), (TAG_NAME, TAG_ADDRESS), (TAG_PHOTO,))
REQUIRED = (TAG_BIRTH, TAG_SEX, TAG_AP_KEY, TAG_NAME, TAG_ADDRESS, TAG_PHOTO, TAG_SIGNATURE,
            TAG_EXPIRY)
SEXES = {"1": "male", "2": "female", "9": "not applicable"}


@dataclass(frozen=True)
class CardFace:
    """What the chip says about the holder. Name and address are images; keep them in memory only."""

    birth_date: date
    sex: str  # "1" male, "2" female, "9" not applicable
    expiry: date
    photo_jp2: bytes | None  # greyscale JPEG 2000 (JP2 container); None when the card has none
    name_image: bytes = field(repr=False)
    address_image: bytes = field(repr=False)
    public_key: rsa.RSAPublicKey = field(repr=False)


def _date(value: bytes, what: str) -> date:
    try:
        text = value.decode("ascii")
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise MalformedResponse(f"{what} is not YYYYMMDD") from None


def _load_key(der: bytes) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm):
        raise MalformedResponse("DF24 is not a public key") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise MalformedResponse("DF24 is not an RSA key")
    return key


def segment_digest(items: dict[int, tlv.Tlv], body: bytes) -> bytes:
    """The data DF28 signs: SHA-256 of each signed segment, concatenated."""
    return b"".join(hashlib.sha256(b"".join(body[items[t].start:items[t].end] for t in seg)).digest()
                    for seg in SIGNED_SEGMENTS)


def parse_items(raw: bytes) -> tuple[dict[int, tlv.Tlv], bytes]:
    outer = tlv.parse_one(raw)
    if outer.tag != TAG_CARD_FACE:
        raise MalformedResponse(f"card face starts with tag {outer.tag:X}, not FF20")
    items = {item.tag: item for item in tlv.parse_all(outer.value)}
    missing = [f"{t:X}" for t in REQUIRED if t not in items]
    if missing:
        raise MalformedResponse(f"card face lacks {', '.join(missing)}")
    return items, outer.value


def parse(raw: bytes) -> CardFace:
    return _face(parse_items(raw)[0])


def _face(items: dict[int, tlv.Tlv]) -> CardFace:
    sex = items[TAG_SEX].value.decode("ascii", "replace")
    if sex not in SEXES:
        raise MalformedResponse("DF23 is not a sex code")
    return CardFace(
        birth_date=_date(items[TAG_BIRTH].value, "DF22 birth date"),
        sex=sex,
        expiry=_date(items[TAG_EXPIRY].value, "DF29 expiry"),
        photo_jp2=items[TAG_PHOTO].value or None,
        name_image=items[TAG_NAME].value,
        address_image=items[TAG_ADDRESS].value,
        public_key=_load_key(items[TAG_AP_KEY].value),
    )


def verify(raw: bytes, certificate: bytes, issuer_keys: list[rsa.RSAPublicKey]) -> CardFace:
    """Parse the card face and check it was issued by a trusted card issuer.

    The chain: a trusted issuer key signs the AP's CVC (EF 0004); the CVC key is the DF24 key;
    the DF24 key signs the three segments (DF28). Raises `UntrustedCardFace` if any link fails.
    """
    items, body = parse_items(raw)
    face = _face(items)
    cert = cvc.parse(certificate)
    if not any(cert.signed_by(key) for key in issuer_keys):
        raise UntrustedCardFace("the card-face key is not certified by a trusted issuer")
    if cert.public_key.public_numbers() != face.public_key.public_numbers():
        raise UntrustedCardFace("DF24 is not the certified card-face key")
    try:
        face.public_key.verify(items[TAG_SIGNATURE].value, segment_digest(items, body),
                               padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise UntrustedCardFace("the card-face signature does not match its contents") from None
    return face


def build(*, birth_date: date, sex: str, expiry: date, photo_jp2: bytes | None, name_image: bytes,
          address_image: bytes, security_code_image: bytes, private_key: rsa.RSAPrivateKey) -> bytes:
    """Encode and sign a card face (used by the virtual cards)."""
    der_key = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    signed = [tlv.encode(TAG_BIRTH, birth_date.strftime("%Y%m%d").encode()),
              tlv.encode(TAG_SEX, sex.encode()), tlv.encode(TAG_AP_KEY, der_key),
              tlv.encode(TAG_NAME, name_image), tlv.encode(TAG_ADDRESS, address_image),
              tlv.encode(TAG_PHOTO, photo_jp2 or b"")]
    lengths = [len(s) for s in signed]
    # DF21: offsets of the three segments after DF21 itself, 2 bytes each
    starts = [0, sum(lengths[:3]), sum(lengths[:5])]
    offsets = tlv.encode(TAG_OFFSETS, b"".join(s.to_bytes(2, "big") for s in starts))
    body = offsets + b"".join(signed)
    items = {item.tag: item for item in tlv.parse_all(body)}
    signature = private_key.sign(segment_digest(items, body), padding.PKCS1v15(), hashes.SHA256())
    body += (tlv.encode(TAG_SIGNATURE, signature)
             + tlv.encode(TAG_EXPIRY, expiry.strftime("%Y%m%d").encode())
             + tlv.encode(TAG_SECURITY_CODE_IMAGE, security_code_image))
    return tlv.encode(TAG_CARD_FACE, body)
