"""Reader events delivered to the core, and the interface every reader service offers."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable, Protocol

from .transport import Transport


class EventKind(enum.Enum):
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    SERVICE_DOWN = "service_down"  # pcscd absent; the service keeps retrying in the background
    SERVICE_UP = "service_up"


@dataclass(frozen=True)
class ReaderEvent:
    kind: EventKind
    reader: str = ""
    atr: bytes = b""
    at: float = 0.0  # time.monotonic() when the service noticed it


EventCallback = Callable[[ReaderEvent], None]


class ReaderService(Protocol):
    """Watches readers from its own thread; `on_event` is called from that thread."""

    def start(self, on_event: EventCallback) -> None: ...

    def stop(self) -> None: ...

    def readers(self) -> list[str]: ...

    def connect(self, reader: str) -> Transport:
        """An exclusive connection to the card on `reader` (raises `NoCard`, `ReaderUnavailable`)."""
        ...
