"""The signed card-face record of the 券面事項確認AP (EF 0002), as real cards hold it.

FF20 { DF21 offsets, DF22 birth date, DF23 sex, DF24 the chip's own public key (90/91),
DF25 name image, DF26 address image, DF27 face photo (JP2), DF28 signature, DF29 expiry,
DF2A security-code image }, possibly followed by 0xFF filler. DF21 holds one 2-byte offset per
later object, counted from the first byte of the file.

DF28 is signed by the key EF 0004 certifies (never by DF24, which only answers the chip
challenge): PKCS#1 v1.5 over the DigestInfo `30 71 … 04 60` holding the raw 96 bytes
SHA-256(DF22‖DF23‖DF24) ‖ SHA-256(DF25‖DF26) ‖ SHA-256(DF27), each segment the encoded TLVs as
they sit in the file. Expiry and security code are not signed.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date

from cryptography.hazmat.primitives.asymmetric import rsa

from . import cardkey, cvc, tlv
from .errors import CardFaceSignatureInvalid, CardFaceSignedByChipKey, MalformedResponse
from .issuer_keys import IssuerKeyTable

TAG_CARD_FACE = 0xFF20
TAG_OFFSETS, TAG_BIRTH, TAG_SEX, TAG_CHIP_KEY = 0xDF21, 0xDF22, 0xDF23, 0xDF24
TAG_NAME, TAG_ADDRESS, TAG_PHOTO, TAG_SIGNATURE = 0xDF25, 0xDF26, 0xDF27, 0xDF28
TAG_EXPIRY, TAG_SECURITY_CODE_IMAGE = 0xDF29, 0xDF2A
SIGNED_SEGMENTS = ((TAG_BIRTH, TAG_SEX, TAG_CHIP_KEY), (TAG_NAME, TAG_ADDRESS), (TAG_PHOTO,))
REQUIRED = (TAG_BIRTH, TAG_SEX, TAG_CHIP_KEY, TAG_NAME, TAG_ADDRESS, TAG_PHOTO, TAG_SIGNATURE,
            TAG_EXPIRY)
SEXES = {"0": "not known", "1": "male", "2": "female", "9": "not applicable"}  # JIS X 0303
FILLER = (0x00, 0xFF)
# DigestInfo, SHA-256 algorithm, OCTET STRING of 96 bytes (three digests)
DIGEST_INFO_96 = bytes.fromhex("3071300d060960864801650304020105000460")


@dataclass(frozen=True)
class CardFace:
    """What the chip says about the holder. Name and address are images; keep them in memory only."""

    birth_date: date
    sex: str  # "1" male, "2" female, "9" not applicable, "0" not known
    expiry: date
    photo_jp2: bytes | None  # greyscale JPEG 2000 (JP2 container); None when the card has none
    name_image: bytes = field(repr=False)
    address_image: bytes = field(repr=False)
    public_key: rsa.RSAPublicKey = field(repr=False)  # DF24: the chip's key, for the challenge
    issuer_key_id: bytes | None = None  # 証明者鍵ID of EF 0004, once verified
    hierarchy: str | None = None  # of that issuer key: jlis-production, jlis-test, project-test


def _date(value: bytes, what: str) -> date:
    try:
        text = value.decode("ascii")
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise MalformedResponse(f"{what} is not YYYYMMDD") from None


def parse_items(raw: bytes) -> tuple[dict[int, tlv.Tlv], bytes]:
    """The objects of the record by tag (positions relative to `raw`), after checking DF21."""
    outer = tlv.parse_one(raw)
    if outer.tag != TAG_CARD_FACE:
        raise MalformedResponse(f"card face starts with tag {outer.tag:X}, not FF20")
    items = read_objects(raw, outer)
    missing = [f"{t:X}" for t in REQUIRED if t not in items]
    if missing:
        raise MalformedResponse(f"card face lacks {', '.join(missing)}")
    return items, raw


def read_objects(raw: bytes, outer: tlv.Tlv) -> dict[int, tlv.Tlv]:
    """The objects inside `outer` up to any filler, keyed by tag, with positions in `raw`. An
    offset table (DF21) first is checked against where each later object really starts."""
    pos, end = outer.end - len(outer.value), outer.end
    objects: list[tlv.Tlv] = []
    while pos < end and raw[pos] not in FILLER:
        item = tlv.parse_one(raw[:end], pos)
        objects.append(item)
        pos = item.end
    if objects and objects[0].tag == TAG_OFFSETS:
        table, later = objects[0].value, objects[1:]
        declared = [int.from_bytes(table[i:i + 2], "big") for i in range(0, len(table), 2)]
        if len(table) % 2 or declared != [item.start for item in later]:
            raise MalformedResponse(f"DF21 offsets {declared} do not match the objects at "
                                    f"{[item.start for item in later]}")
    by_tag: dict[int, tlv.Tlv] = {}
    for item in objects:
        if item.tag in by_tag:
            raise MalformedResponse(f"tag {item.tag:X} appears twice")
        by_tag[item.tag] = item
    return by_tag


def signed_segments(items: dict[int, tlv.Tlv], raw: bytes) -> list[bytes]:
    return [b"".join(raw[items[t].start:items[t].end] for t in segment)
            for segment in SIGNED_SEGMENTS]


def signed_digest_info(items: dict[int, tlv.Tlv], raw: bytes) -> bytes:
    """The DigestInfo DF28 signs: the three segment digests as the OCTET STRING itself."""
    return DIGEST_INFO_96 + b"".join(hashlib.sha256(s).digest()
                                     for s in signed_segments(items, raw))


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
        public_key=cardkey.parse(items[TAG_CHIP_KEY].value, "DF24"),
    )


def verify(raw: bytes, certificate: bytes, issuer_keys: IssuerKeyTable) -> CardFace:
    """Parse the card face and check it was issued by a known card issuer.

    The chain: the issuer key named by EF 0004's 証明者鍵ID signs EF 0004; the key EF 0004
    certifies signs DF28. Raises `UnknownIssuerKey` (nothing checked), `CertificateSignatureInvalid`,
    `CardFaceSignatureInvalid` or `CardFaceSignedByChipKey` (all `UntrustedCardFace` but the first).
    """
    items, raw = parse_items(raw)
    face = _face(items)
    cert = cvc.parse(certificate)
    issuer = cvc.verify(cert, issuer_keys)
    check_signature(items, raw, cert.public_key, face.public_key)
    return dataclasses.replace(face, issuer_key_id=issuer.key_id, hierarchy=issuer.hierarchy)


def check_signature(items: dict[int, tlv.Tlv], raw: bytes, certified_key: rsa.RSAPublicKey,
                    chip_key: rsa.RSAPublicKey) -> None:
    """DF28 against the key EF 0004 certifies. Raises `CardFaceSignatureInvalid`, or
    `CardFaceSignedByChipKey` when it opens only under DF24."""
    expected = signed_digest_info(items, raw)
    signature = items[TAG_SIGNATURE].value
    if cardkey.signed_payload(certified_key, signature) != expected:
        if cardkey.signed_payload(chip_key, signature) == expected:
            raise CardFaceSignedByChipKey("DF28 is signed by the chip's own key (DF24), "
                                          "not by the key EF 0004 certifies")
        raise CardFaceSignatureInvalid("DF28 does not match the card face under the certified key")
