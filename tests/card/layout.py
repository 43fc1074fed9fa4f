"""The test's own reading of the published layout (the team's mynumber-card.md, soltia48/myna-card,
AokiApp/jsapdu): a TLV writer and reader, RSA by integers and pow, and builders of the card-face
record and its certificate. Deliberately shares no code with reader/ or reader/virtual, so the
kiosk and its virtual cards cannot agree on a mistake again."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric import rsa

SHA256_ALGORITHM = bytes.fromhex("300d06096086480165030402010500")  # AlgorithmIdentifier, NULL


def tlv(tag: int, value: bytes) -> bytes:
    """BER-TLV with a 1- or 2-byte tag and a definite length (short, 81 or 82 form)."""
    tag_bytes = tag.to_bytes(2 if tag > 0xFF else 1, "big")
    n = len(value)
    length = bytes([n]) if n < 0x80 else b"\x81" + bytes([n]) if n < 0x100 else b"\x82" + n.to_bytes(2, "big")
    return tag_bytes + length + value


def read_tlvs(data: bytes, pos: int = 0, end: int | None = None, *, filler=(0x00, 0xFF)):
    """(tag, value, start, end) of consecutive objects, stopping at 00/FF filler."""
    end = len(data) if end is None else end
    while pos < end and data[pos] not in filler:
        start = pos
        tag = data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:
            tag = tag << 8 | data[pos]
            pos += 1
        n = data[pos]
        pos += 1
        if n & 0x80:
            size = n & 0x7F
            n = int.from_bytes(data[pos:pos + size], "big")
            pos += size
        yield tag, data[pos:pos + n], start, pos + n
        pos += n


@dataclass(frozen=True)
class Rsa:
    n: int
    e: int
    d: int

    @property
    def size(self) -> int:
        return (self.n.bit_length() + 7) // 8

    def public_tlvs(self) -> bytes:
        """The card's own key format: 90 exponent, 91 modulus."""
        return tlv(0x90, self.e.to_bytes(3, "big")) + tlv(0x91, self.n.to_bytes(256, "big"))

    def sign_digest_info(self, digest_info: bytes) -> bytes:
        """EMSA-PKCS1-v1_5 by hand: 00 01 FF… 00 ‖ DigestInfo, then m^d mod n."""
        block = b"\x00\x01" + b"\xff" * (self.size - len(digest_info) - 3) + b"\x00" + digest_info
        return pow(int.from_bytes(block, "big"), self.d, self.n).to_bytes(self.size, "big")

    def sign_sha256(self, message: bytes) -> bytes:
        return self.sign_digest_info(digest_info(hashlib.sha256(message).digest()))

    def opened(self, signature: bytes) -> bytes:
        """s^e mod n, the padded block a verifier sees."""
        return pow(int.from_bytes(signature, "big"), self.e, self.n).to_bytes(self.size, "big")

    def public_key(self) -> rsa.RSAPublicKey:
        return rsa.RSAPublicNumbers(self.e, self.n).public_key()


def digest_info(digest: bytes) -> bytes:
    """SEQUENCE { sha256 AlgorithmIdentifier, OCTET STRING digest }: 32 bytes → 30 31…, 96 → 30 71…"""
    inner = SHA256_ALGORITHM + bytes([0x04, len(digest)]) + digest
    return bytes([0x30, len(inner)]) + inner


def is_signed(key: Rsa, signature: bytes, payload: bytes) -> bool:
    block = key.opened(signature)
    return block == b"\x00\x01" + b"\xff" * (key.size - len(payload) - 3) + b"\x00" + payload


@lru_cache(maxsize=None)
def rsa_key(slot: int) -> Rsa:
    """A fresh RSA-2048 key per slot (generation is the only thing taken from a library)."""
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_numbers()
    return Rsa(numbers.public_numbers.n, numbers.public_numbers.e, numbers.d)


def rsa_from_private(key: rsa.RSAPrivateKey) -> Rsa:
    numbers = key.private_numbers()
    return Rsa(numbers.public_numbers.n, numbers.public_numbers.e, numbers.d)


def key_id(number: str, group: str = "001", padding: bytes = b"\x00" * 4) -> bytes:
    """16 bytes: 7 ASCII digits, 08 05, 3 ASCII digits, 4 padding bytes."""
    return number.encode() + b"\x08\x05" + group.encode() + padding


def certificate(issuer: Rsa, issuer_id: bytes, subject: Rsa, subject_id: bytes) -> bytes:
    """EF 0004: 7F21 { 5F4E <ids ‖ 90/91 key>, 5F37 <PKCS#1 v1.5 SHA-256 over the 5F4E value> }."""
    body = issuer_id + subject_id + subject.public_tlvs()
    assert len(body) == 297
    return tlv(0x7F21, tlv(0x5F4E, body) + tlv(0x5F37, issuer.sign_sha256(body)))


def card_face(fields: dict[int, bytes], signer: Rsa, *, signature: bytes | None = None,
              filler: int = 0) -> bytes:
    """EF 0002: FF20 { DF21 offsets from the file start, DF22…DF2A }, DF28 over the DigestInfo of
    the three segment digests; `filler` 0xFF bytes after the objects inside FF20."""
    segments = [tlv(0xDF22, fields[0xDF22]) + tlv(0xDF23, fields[0xDF23]) + tlv(0xDF24, fields[0xDF24]),
                tlv(0xDF25, fields[0xDF25]) + tlv(0xDF26, fields[0xDF26]),
                tlv(0xDF27, fields[0xDF27])]
    if signature is None:
        signature = signer.sign_digest_info(digest_info(b"".join(hashlib.sha256(s).digest()
                                                                 for s in segments)))
    objects = [*segments, tlv(0xDF28, signature), tlv(0xDF29, fields[0xDF29]),
               tlv(0xDF2A, fields[0xDF2A])]
    flat = b"".join(objects)
    count = 9
    table_len = 3 + 2 * count
    body_len = table_len + len(flat) + filler
    header = 2 + (1 if body_len < 0x80 else 2 if body_len < 0x100 else 3)
    offsets, pos = b"", header + table_len
    for _, _, start, _end in read_tlvs(flat):
        offsets += (pos + start).to_bytes(2, "big")
    return tlv(0xFF20, tlv(0xDF21, offsets) + flat + b"\xff" * filler)


def segment_digests(raw: bytes) -> bytes:
    """Independent reading of a card face: the three segment digests from the objects in the file."""
    _, value, start, end = next(read_tlvs(raw, filler=()))
    objects = {tag: raw[s:e] for tag, _, s, e in read_tlvs(raw, end - len(value), end)}
    segments = [objects[0xDF22] + objects[0xDF23] + objects[0xDF24],
                objects[0xDF25] + objects[0xDF26], objects[0xDF27]]
    return b"".join(hashlib.sha256(s).digest() for s in segments)
