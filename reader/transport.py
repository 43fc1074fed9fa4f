"""What the card layer needs from a reader, and the T=0 exchange on top of it."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from . import commands
from .errors import MalformedResponse
from .apdu import Command, Response


class Transport(Protocol):
    """A connection to one card. `transmit` returns the response data followed by SW1 SW2.

    Implementations raise only `CardRemovedError`, `ReaderUnavailable` or other `CardError`s.
    """

    def transmit(self, apdu: bytes) -> bytes: ...


class JpkiToken(enum.Enum):
    """Which JPKI token answered, as its token label (EF 0006) names it: the My Number card itself,
    an Android phone's secure element or an iPhone."""

    CARD = "card"
    ANDROID = "android"
    IPHONE = "iphone"


@dataclass
class Traffic:
    """APDUs and bytes moved, to estimate time on a real contactless card."""

    apdus: int = 0
    sent: int = 0
    received: int = 0


class Channel:
    """Sends commands, following T=0 procedure bytes so readers in either protocol work:
    61xx → GET RESPONSE for the rest, 6Cxx → the same command again with Le=xx."""

    MAX_GET_RESPONSE = 64  # a 64 KiB answer at most; a card that never stops saying 61xx is broken

    def __init__(self, transport: Transport):
        self.transport = transport
        self.traffic = Traffic()

    def _send(self, command: Command) -> Response:
        raw = command.encode()
        answer = self.transport.transmit(raw)
        self.traffic.apdus += 1
        self.traffic.sent += len(raw)
        self.traffic.received += len(answer)
        return Response.parse(answer)

    def transceive(self, command: Command) -> Response:
        response = self._send(command)
        if response.sw1 == 0x6C:
            response = self._send(Command(command.cla, command.ins, command.p1, command.p2,
                                          command.data, response.sw2 or 256))
        data = response.data
        for _ in range(self.MAX_GET_RESPONSE):
            if response.sw1 != 0x61:
                return Response(data, response.sw)
            response = self._send(commands.GET_RESPONSE(response.sw2 or 256))
            data += response.data
        raise MalformedResponse("card keeps answering 61xx")
