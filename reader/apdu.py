"""Short command/response APDUs (ISO 7816-4) and status-word mapping."""
from __future__ import annotations

from dataclasses import dataclass

from . import errors

SW_OK = 0x9000


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # expected length, 1..256; None when no data is expected

    def encode(self) -> bytes:
        if len(self.data) > 255:
            raise ValueError("short APDU data is at most 255 bytes")
        if self.le is not None and not 1 <= self.le <= 256:
            raise ValueError("short APDU Le is 1..256")
        out = bytes((self.cla, self.ins, self.p1, self.p2))
        if self.data:
            out += bytes((len(self.data),)) + self.data
        if self.le is not None:
            out += bytes((self.le & 0xFF,))
        return out

    @classmethod
    def decode(cls, raw: bytes) -> Command:
        """Parse a short APDU (cases 1–4). Raises ValueError on a malformed one."""
        if len(raw) < 4:
            raise ValueError("APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        lc = body[0]
        if lc == 0 or len(body) not in (1 + lc, 2 + lc):
            raise ValueError("Lc does not match the APDU length")
        data = bytes(body[1:1 + lc])
        le = (body[1 + lc] or 256) if len(body) == 2 + lc else None
        return cls(cla, ins, p1, p2, data, le)

    def __repr__(self) -> str:  # never show the data: it may be a PIN
        return (f"Command({self.cla:02X} {self.ins:02X} {self.p1:02X} {self.p2:02X},"
                f" {len(self.data)} data bytes, le={self.le})")


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @classmethod
    def parse(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise errors.MalformedResponse(f"response of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])

    def encode(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF


_SIMPLE = {
    0x6982: errors.SecurityStatusNotSatisfied,
    0x6985: errors.ConditionsNotSatisfied,
    0x6A82: errors.FileNotFound,
    0x6A86: errors.WrongParameters,
    0x6A88: errors.PinNotSet,
    0x6B00: errors.OffsetOutOfRange,
    0x6700: errors.WrongLength,
    0x6D00: errors.InstructionNotSupported,
    0x6E00: errors.InstructionNotSupported,
}


def raise_for_status(response: Response, *, verify_sent_value: bool = False) -> None:
    """Raise the typed error for a non-9000 status word.

    `verify_sent_value` tells whether the command was a VERIFY carrying a value, so that
    63 C0 means "this try blocked the PIN" rather than "already blocked".
    """
    sw = response.sw
    if sw == SW_OK:
        return
    if sw & 0xFFF0 == 0x63C0:
        tries = sw & 0x0F
        if tries == 0:
            raise errors.PinBlockedError(sw, by_this_attempt=verify_sent_value)
        raise errors.WrongPin(sw, tries)
    if sw in (0x6983, 0x6984):
        raise errors.PinBlockedError(sw)
    raise _SIMPLE.get(sw, errors.UnexpectedStatus)(sw)
