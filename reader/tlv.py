"""BER-TLV as the My Number card uses it: tags of 1–3 bytes, definite lengths up to 3 bytes."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import MalformedResponse


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    start: int  # offset of the tag in the parsed buffer
    end: int  # offset just after the value

    @property
    def constructed(self) -> bool:
        first = self.tag.to_bytes((self.tag.bit_length() + 7) // 8 or 1, "big")[0]
        return bool(first & 0x20)


def read_header(buf: bytes, pos: int = 0) -> tuple[int, int, int]:
    """Return (tag, value length, value offset) of the TLV at `pos`."""
    n = len(buf)
    if pos >= n:
        raise MalformedResponse("TLV truncated before its tag")
    tag = buf[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        for _ in range(2):
            if pos >= n:
                raise MalformedResponse("TLV truncated inside a multi-byte tag")
            tag = (tag << 8) | buf[pos]
            pos += 1
            if not buf[pos - 1] & 0x80:
                break
        else:
            raise MalformedResponse("TLV tag longer than 3 bytes")
    if pos >= n:
        raise MalformedResponse("TLV truncated before its length")
    first = buf[pos]
    pos += 1
    if first < 0x80:
        length = first
    elif first in (0x81, 0x82, 0x83):
        size = first & 0x7F
        if pos + size > n:
            raise MalformedResponse("TLV truncated inside its length")
        length = int.from_bytes(buf[pos:pos + size], "big")
        pos += size
    else:
        raise MalformedResponse(f"unsupported TLV length byte {first:02X}")
    return tag, length, pos


def parse_one(buf: bytes, pos: int = 0) -> Tlv:
    tag, length, vpos = read_header(buf, pos)
    if vpos + length > len(buf):
        raise MalformedResponse(f"TLV {tag:X} claims {length} bytes, {len(buf) - vpos} remain")
    return Tlv(tag, bytes(buf[vpos:vpos + length]), pos, vpos + length)


def parse_all(buf: bytes) -> list[Tlv]:
    """Parse consecutive TLVs filling `buf` exactly."""
    out, pos = [], 0
    while pos < len(buf):
        item = parse_one(buf, pos)
        out.append(item)
        pos = item.end
    return out


def encode_tag(tag: int) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes((length,))
    size = (length.bit_length() + 7) // 8
    if size > 3:
        raise ValueError("TLV value too long")
    return bytes((0x80 | size,)) + length.to_bytes(size, "big")


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + value


def total_length(header: bytes) -> int:
    """Size of a whole TLV object from its first bytes (e.g. the first 4 of a DER file)."""
    _, length, vpos = read_header(header)
    return vpos + length
