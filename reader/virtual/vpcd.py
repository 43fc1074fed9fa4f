"""Virtual cards behind the vpcd driver of a real pcscd.

vpcd frames are a 2-byte big-endian length and a payload; a 1-byte payload is control (00 power
off, 01 on, 02 reset, 04 ATR), anything else an APDU that the card answers in one frame.

The card side connects to vpcd ("server" mode: vpcd listens on PORT for its first slot, PORT+1
for its second). Inserting a card opens the connection, removing it closes the connection, and a
card pulled mid-command hangs up instead of answering. Debian's vpcd 3.3 in "reversed" mode
(vpcd dialling the card) aborts pcscd as soon as a slot reports no card, so it cannot show a
removal; see reader/testing/pcscd.py for how the listening port is kept off every network.
"""
from __future__ import annotations

import socket
import threading
from typing import Callable

from .card import VirtualCard

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4

Connector = Callable[[int], socket.socket]  # slot number → a socket connected to vpcd's slot


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        # vpcd writes length and payload separately: without QUICKACK each APDU waits ~40 ms
        # for the delayed ACK (Nagle on the other side).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        try:
            chunk = sock.recv(size - len(data))
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return data


class _Insertion:
    """One card on one slot, for as long as the connection lasts."""

    def __init__(self, card: VirtualCard, sock: socket.socket, pull_after: int | None):
        self.card, self.sock, self.pull_countdown = card, sock, pull_after
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True, name="vpcd card")
        self.thread.start()

    def hang_up(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _answer(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            if payload[0] == CTRL_ATR:
                return self.card.atr
            self.card.reset()  # power off, power on, reset
            return None
        with self.lock:
            if self.pull_countdown is not None:
                self.pull_countdown -= 1
                if self.pull_countdown < 0:
                    raise ConnectionAbortedError("pulled mid-command")
        return self.card.process(payload)

    def _serve(self) -> None:
        try:
            while True:
                header = _recv_exact(self.sock, 2)
                payload = header and _recv_exact(self.sock, int.from_bytes(header, "big"))
                if not payload:
                    return
                answer = self._answer(payload)
                if answer is not None:
                    self.sock.sendall(len(answer).to_bytes(2, "big") + answer)
        except OSError:
            pass
        finally:
            self.sock.close()


class VpcdCards:
    """Puts virtual cards into vpcd's slots through `connect(slot)`."""

    def __init__(self, connect: Connector, slots: int = 2):
        self._connect = connect
        self._slots: list[_Insertion | None] = [None] * slots
        self._lock = threading.Lock()

    def insert(self, card: VirtualCard, slot: int = 0, *, pull_after: int | None = None) -> None:
        """Insert `card`; with `pull_after=n` it is pulled instead of answering APDU n+1."""
        with self._lock:
            current = self._slots[slot]
            if current is not None and current.thread.is_alive():
                raise RuntimeError("a card is already in this slot")
            card.reset()
            sock = self._connect(slot)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._slots[slot] = _Insertion(card, sock, pull_after)

    def pull_after(self, apdus: int, slot: int = 0) -> None:
        """Pull the card in `slot` instead of answering the APDU after the next `apdus` ones."""
        insertion = self._slots[slot]
        if insertion is not None:
            with insertion.lock:
                insertion.pull_countdown = apdus

    def remove(self, slot: int = 0) -> None:
        with self._lock:
            insertion, self._slots[slot] = self._slots[slot], None
        if insertion is not None:
            insertion.hang_up()
            insertion.thread.join(timeout=5)

    def close(self) -> None:
        for slot in range(len(self._slots)):
            self.remove(slot)
