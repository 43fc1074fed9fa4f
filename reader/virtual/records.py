"""The signed files of the two 券面 applications, laid out as real cards hold them (see the team's
mynumber-card.md): EF 0004 certificates, the card face with its DF21 offsets, the age record, the
rendered My Number record, and the 入力補助AP's files. Used only to issue virtual cards; the tests
build their own records from the published layout, never with this module."""
from __future__ import annotations

import hashlib
from datetime import date

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .. import cardkey, cardface, cvc, tlv

FILLER = b"\xff"


def _sign_sha256(key: rsa.RSAPrivateKey, data: bytes) -> bytes:
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def certificate(issuer_key_id: bytes, subject_key_id: bytes, subject: rsa.RSAPublicKey,
                issuer: rsa.RSAPrivateKey) -> bytes:
    """EF 0004: 7F21 { 5F4E ids ‖ key, 5F37 signature over the 5F4E value }."""
    body = issuer_key_id + subject_key_id + cardkey.encode(subject)
    assert len(body) == cvc.BODY_LENGTH
    return tlv.encode(cvc.TAG_CVC, tlv.encode(cvc.TAG_BODY, body)
                      + tlv.encode(cvc.TAG_SIGNATURE, _sign_sha256(issuer, body)))


def with_offsets(outer_tag: int, objects: list[bytes]) -> bytes:
    """`outer_tag { DF21 <offset of each object from the start of the file>, objects… }`."""
    table_size = 3 + 2 * len(objects)  # DF21 tag (2) + length (1) + 2 bytes per object
    body_size = table_size + sum(len(o) for o in objects)
    position = len(tlv.encode_tag(outer_tag)) + len(tlv.encode_length(body_size)) + table_size
    offsets = b""
    for item in objects:
        offsets += position.to_bytes(2, "big")
        position += len(item)
    return tlv.encode(outer_tag, tlv.encode(cardface.TAG_OFFSETS, offsets) + b"".join(objects))


def card_face(*, birth_date: date, sex: str, expiry: date, photo_jp2: bytes | None,
              name_image: bytes, address_image: bytes, security_code_image: bytes,
              chip_key: rsa.RSAPublicKey, signer: rsa.RSAPrivateKey) -> bytes:
    """EF 0002 of the 券面事項確認AP; DF28 by `signer` (the key EF 0004 certifies)."""
    signed = [tlv.encode(cardface.TAG_BIRTH, birth_date.strftime("%Y%m%d").encode()),
              tlv.encode(cardface.TAG_SEX, sex.encode()),
              tlv.encode(cardface.TAG_CHIP_KEY, cardkey.encode(chip_key)),
              tlv.encode(cardface.TAG_NAME, name_image), tlv.encode(cardface.TAG_ADDRESS, address_image),
              tlv.encode(cardface.TAG_PHOTO, photo_jp2 or b"")]
    segments = [b"".join(signed[:3]), b"".join(signed[3:5]), signed[5]]
    digest_info = cardface.DIGEST_INFO_96 + b"".join(hashlib.sha256(s).digest() for s in segments)
    return with_offsets(cardface.TAG_CARD_FACE, [
        *signed, tlv.encode(cardface.TAG_SIGNATURE, sign_digest_info(signer, digest_info)),
        tlv.encode(cardface.TAG_EXPIRY, expiry.strftime("%Y%m%d").encode()),
        tlv.encode(cardface.TAG_SECURITY_CODE_IMAGE, security_code_image)])


def sign_digest_info(key: rsa.RSAPrivateKey, digest_info: bytes) -> bytes:
    """Raw PKCS#1 v1.5 signature of a whole DigestInfo (the card face's carries 96 bytes, which
    no library signing call accepts as a SHA-256 digest)."""
    numbers = key.private_numbers()
    size = (numbers.public_numbers.n.bit_length() + 7) // 8
    block = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    signature = pow(int.from_bytes(block, "big"), numbers.d, numbers.public_numbers.n)
    return signature.to_bytes(size, "big")


def signed_record(outer_tag: int, fields: list[tuple[int, bytes]], signature_tag: int,
                  signer: rsa.RSAPrivateKey) -> bytes:
    """`outer { fields…, signature }`, the signature PKCS#1 v1.5 SHA-256 over the encoded fields
    (EF 0001 and EF 0005 of the 券面事項確認AP, EF 0003 of the 入力補助AP)."""
    signed = b"".join(tlv.encode(tag, value) for tag, value in fields)
    return tlv.encode(outer_tag, signed + tlv.encode(signature_tag, _sign_sha256(signer, signed)))


def my_number_file(my_number: str) -> bytes:
    """入力補助AP EF 0001: FF10 0C <12 digits>, then 2 filler bytes (17 bytes as stored)."""
    return tlv.encode(0xFF10, my_number.encode("ascii")) + FILLER * 2


def text_facts(name: str, address: str, birth_date: date, sex: str) -> bytes:
    """入力補助AP EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }."""
    return with_offsets(0xFF20, [tlv.encode(0xDF22, name.encode()), tlv.encode(0xDF23, address.encode()),
                                 tlv.encode(0xDF24, birth_date.strftime("%Y%m%d").encode()),
                                 tlv.encode(0xDF25, sex.encode())])


def text_integrity(my_number_file_bytes: bytes, facts: bytes, signer: rsa.RSAPrivateKey) -> bytes:
    """入力補助AP EF 0003: FF30 { DF31 SHA-256 of EF 0001 as stored (filler included), DF32 SHA-256
    of EF 0002's value after the offset table, DF33 signature over DF31‖DF32 }."""
    outer = tlv.parse_one(facts)
    table = tlv.parse_one(outer.value)
    return signed_record(0xFF30, [(0xDF31, hashlib.sha256(my_number_file_bytes).digest()),
                                  (0xDF32, hashlib.sha256(outer.value[table.end:]).digest())],
                         0xDF33, signer)
