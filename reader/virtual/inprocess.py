"""The in-process reader: a virtual card answers directly, no daemon (the demo's default)."""
from __future__ import annotations

import queue
import threading
import time

from ..errors import CardRemovedError, NoCard, ReaderUnavailable
from ..events import EventCallback, EventKind, ReaderEvent
from .card import VirtualCard

READER_NAME = "oqs-kiosk in-process virtual reader"


class InProcessTransport:
    def __init__(self, reader: InProcessReader, card: VirtualCard, generation: int):
        self._reader, self._card, self._generation = reader, card, generation

    def transmit(self, apdu: bytes) -> bytes:
        self._reader._before_apdu(self._generation)
        return self._card.process(apdu)


class InProcessReader:
    """One reader slot. `insert(card)` / `remove()` stand for the patient; `pull_after(n)` removes
    the card after the n-th further APDU, as a patient pulling it mid-read."""

    name = READER_NAME

    def __init__(self) -> None:
        self._card: VirtualCard | None = None
        self._generation = 0
        self._pull_countdown: int | None = None
        self._lock = threading.Lock()
        self._events: queue.Queue[ReaderEvent | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    # the patient
    def insert(self, card: VirtualCard) -> None:
        with self._lock:
            if self._card is not None:
                raise RuntimeError("a card is already on the reader")
            card.reset()
            self._card, self._generation = card, self._generation + 1
        self._events.put(ReaderEvent(EventKind.CARD_INSERTED, self.name, card.atr, time.monotonic()))

    def remove(self) -> None:
        with self._lock:
            if self._card is None:
                return
            self._card, self._generation = None, self._generation + 1
            self._pull_countdown = None
        self._events.put(ReaderEvent(EventKind.CARD_REMOVED, self.name, b"", time.monotonic()))

    def pull_after(self, apdus: int) -> None:
        self._pull_countdown = apdus

    def _before_apdu(self, generation: int) -> None:
        with self._lock:
            current = self._card is not None and generation == self._generation
            pulled = current and self._pull_countdown is not None and self._pull_countdown <= 0
            if current and self._pull_countdown is not None:
                self._pull_countdown -= 1
        if pulled:
            self.remove()
        if pulled or not current:   # a card placed since stays, as with a stale PC/SC handle
            raise CardRemovedError("the card left the reader")

    # the ReaderService interface
    def start(self, on_event: EventCallback) -> None:
        def deliver() -> None:
            while (event := self._events.get()) is not None:
                on_event(event)

        self._thread = threading.Thread(target=deliver, name="in-process reader events",
                                        daemon=True)
        self._thread.start()
        self._events.put(ReaderEvent(EventKind.READER_ADDED, self.name, b"", time.monotonic()))
        if self._card is not None:
            self._events.put(ReaderEvent(EventKind.CARD_INSERTED, self.name, self._card.atr,
                                         time.monotonic()))

    def stop(self) -> None:
        if self._thread is not None:
            self._events.put(None)
            self._thread.join(timeout=5)
            self._thread = None

    def readers(self) -> list[str]:
        return [self.name]

    def connect(self, reader: str = READER_NAME) -> InProcessTransport:
        if reader != self.name:
            raise ReaderUnavailable(f"no reader named {reader!r}")
        with self._lock:
            if self._card is None:
                raise NoCard("no card on the reader")
            return InProcessTransport(self, self._card, self._generation)
