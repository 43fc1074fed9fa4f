"""The virtual card: answers APDUs as the My Number card (or a phone) does.

Security status is per application and is lost on a reset or when another application is
selected. With `t0=True` it answers as over T=0: 6Cxx for a READ BINARY with the wrong Le,
61xx for a case-4 answer that must be fetched with GET RESPONSE.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from ..apdu import Command, Response
from ..commands import DIGEST_INFO_SHA256, INS_COMPUTE_SIGNATURE, INS_GET_CHALLENGE, \
    INS_GET_RESPONSE, INS_READ_BINARY, INS_SELECT, INS_VERIFY
from .counters import CounterStore

OK = 0x9000
END_OF_FILE = 0x6282
WRONG_LENGTH = 0x6700
SECURITY_NOT_SATISFIED = 0x6982
PIN_BLOCKED = 0x6984
CONDITIONS_NOT_SATISFIED = 0x6985
NO_CURRENT_EF = 0x6986
WRONG_DATA = 0x6A80
NOT_FOUND = 0x6A82
WRONG_P1P2 = 0x6A86
PIN_NOT_SET = 0x6A88
OFFSET_BEYOND = 0x6B00
INS_UNSUPPORTED = 0x6D00
CLA_UNSUPPORTED = 0x6E00


@dataclass
class Ef:
    data: bytes
    needs: tuple[int, ...] = ()  # PIN file ids; any one verified opens the file


@dataclass
class Pin:
    value: str | None  # None: never set (a face-only card)
    max_tries: int
    initial_tries: int | None = None
    verified_by_device: bool = False  # an iPhone authenticates its user itself
    lengths: tuple[int, int] | None = None  # (shortest, longest) value; others are 67 00, no try spent


@dataclass
class Key:
    private_key: rsa.RSAPrivateKey
    needs: tuple[int, ...]


@dataclass
class Application:
    aid: bytes
    files: dict[int, Ef] = field(default_factory=dict)
    pins: dict[int, Pin] = field(default_factory=dict)
    keys: dict[int, Key] = field(default_factory=dict)
    challenge_key: rsa.RSAPrivateKey | None = None  # signs after GET CHALLENGE, no PIN


def _redacted(command: Command) -> Command:
    """What the log keeps: a VERIFY's value replaced by as many '*' (never keep a PIN)."""
    if command.ins != INS_VERIFY or not command.data:
        return command
    return Command(command.cla, command.ins, command.p1, command.p2, b"*" * len(command.data),
                   command.le)


def counter_key(aid: bytes, fid: int) -> str:
    return f"{aid.hex().upper()}/{fid:04X}"


class VirtualCard:
    def __init__(self, atr: bytes, applications: list[Application], counters_path: Path, *,
                 t0: bool = False) -> None:
        self.atr = atr
        self.t0 = t0
        self.apps = {app.aid: app for app in applications}
        initial = {counter_key(app.aid, fid): pin.max_tries if pin.initial_tries is None
                   else pin.initial_tries for app in applications for fid, pin in app.pins.items()}
        self.counters = CounterStore(counters_path, initial)
        # the last commands received (PIN values masked), for tests that prove what was sent
        self.log: deque[Command] = deque(maxlen=10_000)
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self._app: Application | None = None
        self._ef: int | None = None
        self._verified: set[int] = set()
        self._challenge: bytes | None = None
        self._pending = b""

    def tries_left(self, aid: bytes, fid: int) -> int:
        return self.counters.get(counter_key(aid, fid))

    def transmit(self, apdu: bytes) -> bytes:
        """A card is its own Transport when nothing stands between (unit tests, benchmarks)."""
        return self.process(apdu)

    def process(self, raw: bytes) -> bytes:
        with self._lock:
            try:
                command = Command.decode(raw)
            except ValueError:
                return Response(b"", WRONG_LENGTH).encode()
            self.log.append(_redacted(command))
            data, sw = self._dispatch(command)
            return Response(data, sw).encode()

    def _dispatch(self, c: Command) -> tuple[bytes, int]:
        if c.ins != INS_GET_RESPONSE:
            self._pending = b""
        if c.cla not in (0x00, 0x80):
            return b"", CLA_UNSUPPORTED
        handler = {INS_SELECT: self._select, INS_READ_BINARY: self._read_binary,
                   INS_VERIFY: self._verify, INS_COMPUTE_SIGNATURE: self._sign,
                   INS_GET_CHALLENGE: self._get_challenge,
                   INS_GET_RESPONSE: self._get_response}.get(c.ins)
        return handler(c) if handler else (b"", INS_UNSUPPORTED)

    def _select(self, c: Command) -> tuple[bytes, int]:
        if (c.p1, c.p2) == (0x04, 0x0C):
            app = self.apps.get(c.data)
            if app is None:
                return b"", NOT_FOUND
            if app is not self._app:
                self._verified.clear()
                self._challenge = None
            self._app, self._ef = app, None
            return b"", OK
        if (c.p1, c.p2) == (0x02, 0x0C):
            if len(c.data) != 2 or c.le is not None:
                return b"", WRONG_LENGTH
            fid = int.from_bytes(c.data, "big")
            app = self._app
            if app is None or fid not in (*app.files, *app.pins, *app.keys):
                return b"", NOT_FOUND
            self._ef = fid
            return b"", OK
        return b"", WRONG_P1P2

    def _opens(self, needs: tuple[int, ...]) -> bool:
        app = self._app
        return not needs or any(fid in self._verified
                                or (app is not None and app.pins[fid].verified_by_device)
                                for fid in needs)

    def _read_binary(self, c: Command) -> tuple[bytes, int]:
        if c.p1 & 0x80:
            return b"", WRONG_P1P2  # short-EF-id addressing is not used by the kiosk
        if self._app is None or self._ef not in self._app.files:
            return b"", NO_CURRENT_EF
        ef = self._app.files[self._ef]
        if not self._opens(ef.needs):
            return b"", SECURITY_NOT_SATISFIED
        if c.data or c.le is None:
            return b"", WRONG_LENGTH
        offset = (c.p1 << 8) | c.p2
        if offset >= len(ef.data):
            return b"", OFFSET_BEYOND
        chunk = ef.data[offset:offset + c.le]
        if len(chunk) < c.le:
            if self.t0:
                return b"", 0x6C00 | len(chunk)
            return chunk, END_OF_FILE
        return chunk, OK

    def _verify(self, c: Command) -> tuple[bytes, int]:
        if (c.p1, c.p2) != (0x00, 0x80):
            return b"", WRONG_P1P2
        if self._app is None or self._ef not in self._app.pins:
            return b"", NO_CURRENT_EF
        fid, pin = self._ef, self._app.pins[self._ef]
        key = counter_key(self._app.aid, fid)
        if pin.verified_by_device:
            return b"", CONDITIONS_NOT_SATISFIED if c.data else OK
        if pin.value is None:
            return b"", PIN_NOT_SET
        tries = self.counters.get(key)
        if tries == 0:  # a real card answers the status query 63C0, a value 6984 (soltia48)
            return b"", 0x63C0 if not c.data else PIN_BLOCKED
        if not c.data:
            return b"", OK if fid in self._verified else 0x63C0 | tries
        if pin.lengths and not pin.lengths[0] <= len(c.data) <= pin.lengths[1]:
            return b"", WRONG_LENGTH
        if c.data == pin.value.encode("ascii"):
            self.counters.set(key, pin.max_tries)
            self._verified.add(fid)
            return b"", OK
        self._verified.discard(fid)
        self.counters.set(key, tries - 1)
        return b"", 0x63C0 | (tries - 1)

    def _sign(self, c: Command) -> tuple[bytes, int]:
        if c.p1 != 0x00 or c.p2 not in (0x00, 0x80):
            return b"", WRONG_P1P2
        if self._app is None:
            return b"", NO_CURRENT_EF
        if c.p2 == 0x80:
            key = None if self._ef is None else self._app.keys.get(self._ef)
            if key is None:
                return b"", NO_CURRENT_EF
            if not self._opens(key.needs):
                return b"", SECURITY_NOT_SATISFIED
            private_key = key.private_key
        else:
            if self._app.challenge_key is None or self._challenge is None:
                return b"", CONDITIONS_NOT_SATISFIED
            private_key, self._challenge = self._app.challenge_key, None
        data = c.data
        if len(data) != len(DIGEST_INFO_SHA256) + 32 or not data.startswith(DIGEST_INFO_SHA256):
            return b"", WRONG_DATA
        signature = private_key.sign(data[len(DIGEST_INFO_SHA256):], padding.PKCS1v15(),
                                     utils.Prehashed(hashes.SHA256()))
        return self._case4(signature)

    def _get_challenge(self, c: Command) -> tuple[bytes, int]:
        if c.data or c.le not in (8, 16):
            return b"", WRONG_LENGTH
        self._challenge = os.urandom(c.le)
        return self._challenge, OK

    def _case4(self, data: bytes) -> tuple[bytes, int]:
        if not self.t0:
            return data, OK
        self._pending = data
        return b"", 0x6100 | (len(data) & 0xFF)

    def _get_response(self, c: Command) -> tuple[bytes, int]:
        if not self._pending:
            return b"", CONDITIONS_NOT_SATISFIED
        chunk, self._pending = self._pending[:c.le or 256], self._pending[c.le or 256:]
        return chunk, (0x6100 | (len(self._pending) & 0xFF)) if self._pending else OK
