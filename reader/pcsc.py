"""PC/SC through pyscard: reader discovery, insert/remove events from a monitor thread, exclusive
connections, and every PC/SC failure turned into a typed card error."""
from __future__ import annotations

import logging
import sys
import threading
import time

from smartcard import scard

from .errors import CardError, CardRemovedError, NoCard, ReaderUnavailable
from .events import EventCallback, EventKind, ReaderEvent

log = logging.getLogger("oqs.reader.pcsc")

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
SERVICE_GONE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
                scard.SCARD_E_INVALID_HANDLE, scard.SCARD_F_COMM_ERROR}
CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD,
             scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_E_READER_UNAVAILABLE,
             scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_W_UNRESPONSIVE_CARD}


BUSY_WAIT_S = 2.0   # how long a connect waits for another program to let the card go


def _absent(state: int) -> bool:
    """SCardStatus state: an enumeration on Windows (1 = absent), bit flags in pcsc-lite."""
    return state == 1 if sys.platform == "win32" else bool(state & 0x0002)


def _error(hresult: int, what: str) -> CardError:
    text = f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"
    if hresult in SERVICE_GONE:
        return ReaderUnavailable(text)
    if hresult in CARD_GONE:
        return CardRemovedError(text)
    if hresult == scard.SCARD_E_SHARING_VIOLATION:
        return ReaderUnavailable(text + "; another program holds the card")
    if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_NO_READERS_AVAILABLE):
        return ReaderUnavailable(text)
    return CardError(text)


def establish_context() -> int:
    try:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    except Exception as exc:  # pyscard raises its own exceptions on some platforms
        raise ReaderUnavailable(f"PC/SC service not reachable: {exc}") from None
    if hresult != scard.SCARD_S_SUCCESS:
        raise ReaderUnavailable(f"PC/SC service not reachable (is pcscd running?): "
                                f"{scard.SCardGetErrorMessage(hresult)}")
    handle: int = context
    return handle


def list_readers(context: int) -> list[str]:
    hresult, readers = scard.SCardListReaders(context, [])
    if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE,):
        return []
    if hresult != scard.SCARD_S_SUCCESS:
        raise _error(hresult, "listing readers")
    return list(readers)


def current_readers() -> list[str]:
    """The readers the PC/SC service knows now (ReaderUnavailable when the service is absent)."""
    context = establish_context()
    try:
        return list_readers(context)
    finally:
        scard.SCardReleaseContext(context)


class PcscTransport:
    """An exclusive connection to the card on one reader: until `close()`, other programs (and
    other connections) get a sharing violation instead of interleaving their APDUs with ours."""

    def __init__(self, reader: str, busy_wait_s: float = BUSY_WAIT_S):
        self.reader = reader
        self._context = establish_context()
        self._card: int | None
        hresult, self._card, protocol = self._connect(busy_wait_s)
        if hresult != scard.SCARD_S_SUCCESS:
            scard.SCardReleaseContext(self._context)
            if hresult in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD):
                raise NoCard(f"no card on {reader}")
            raise _error(hresult, f"connecting to {reader}")
        self.protocol = "T=0" if protocol == scard.SCARD_PROTOCOL_T0 else "T=1"
        self._pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1

    def _connect(self, busy_wait_s: float) -> tuple[int, int, int]:
        """SCardConnect, tried again while another program holds the card, up to `busy_wait_s`:
        on Windows the smart-card services (certificate propagation, the minidriver's plug and
        play) read a newly placed card for a moment; pcsc-lite programs may too."""
        deadline, pause = time.monotonic() + busy_wait_s, 0.05
        while True:
            answer: tuple[int, int, int] = scard.SCardConnect(self._context, self.reader, scard.SCARD_SHARE_EXCLUSIVE,
                                        scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
            if answer[0] != scard.SCARD_E_SHARING_VIOLATION or time.monotonic() + pause > deadline:
                return answer
            time.sleep(pause)
            pause = min(pause * 2, 0.4)

    def transmit(self, apdu: bytes) -> bytes:
        if self._card is None:
            raise CardRemovedError("connection closed")
        hresult, response = scard.SCardTransmit(self._card, self._pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise _error(hresult, "transmit")
        if len(response) < 2 and self._card_left():
            raise CardRemovedError("the card left during the command")
        return bytes(response)

    def _card_left(self, wait: float = 1.0) -> bool:
        """After an answer without a status word: did the card go? pcscd notices within a poll."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            hresult, _, state, _, _ = scard.SCardStatus(self._card)
            if hresult != scard.SCARD_S_SUCCESS or _absent(state):
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        if self._card is not None:
            scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            scard.SCardReleaseContext(self._context)
            self._card = None

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PcscReaderService:
    """Watches PC/SC readers from a thread and reports `ReaderEvent`s. While pcscd is absent it
    reports SERVICE_DOWN once and keeps retrying every `retry_seconds`."""

    def __init__(self, retry_seconds: float = 1.0, wait_ms: int = 500):
        self.retry_seconds = retry_seconds
        self.wait_ms = wait_ms
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: int | None = None
        self._lock = threading.Lock()
        self._readers: dict[str, int] = {}  # reader → last event state

    def start(self, on_event: EventCallback) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(on_event,), daemon=True,
                                        name="pcsc monitor")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def readers(self) -> list[str]:
        return list(self._readers)

    def connect(self, reader: str) -> PcscTransport:
        return PcscTransport(reader)

    # -- the monitor thread ------------------------------------------------------------------

    def _run(self, on_event: EventCallback) -> None:
        service_up: bool | None = None
        while not self._stop.is_set():
            try:
                context = establish_context()
            except ReaderUnavailable as exc:
                if service_up is not False:
                    log.warning("%s; retrying every %.1f s", exc, self.retry_seconds)
                    self._forget_readers(on_event)
                    on_event(ReaderEvent(EventKind.SERVICE_DOWN, at=time.monotonic()))
                    service_up = False
                self._stop.wait(self.retry_seconds)
                continue
            with self._lock:
                self._context = context
            if service_up is not True:
                on_event(ReaderEvent(EventKind.SERVICE_UP, at=time.monotonic()))
                service_up = True
            try:
                self._watch(context, on_event)
            except ReaderUnavailable as exc:
                log.warning("PC/SC service lost: %s", exc)
            finally:
                with self._lock:
                    self._context = None
                scard.SCardReleaseContext(context)
        self._readers.clear()

    def _forget_readers(self, on_event: EventCallback) -> None:
        for reader, state in list(self._readers.items()):
            if state & scard.SCARD_STATE_PRESENT:
                on_event(ReaderEvent(EventKind.CARD_REMOVED, reader, at=time.monotonic()))
            on_event(ReaderEvent(EventKind.READER_REMOVED, reader, at=time.monotonic()))
        self._readers.clear()

    def _watch(self, context: int, on_event: EventCallback) -> None:
        """Runs until the service goes away (raises ReaderUnavailable) or stop() is called."""
        pnp_state = 0
        while not self._stop.is_set():
            current = list_readers(context)
            for reader in [r for r in self._readers if r not in current]:
                if self._readers.pop(reader) & scard.SCARD_STATE_PRESENT:
                    on_event(ReaderEvent(EventKind.CARD_REMOVED, reader, at=time.monotonic()))
                on_event(ReaderEvent(EventKind.READER_REMOVED, reader, at=time.monotonic()))
            for reader in [r for r in current if r not in self._readers]:
                self._readers[reader] = scard.SCARD_STATE_UNAWARE
                on_event(ReaderEvent(EventKind.READER_ADDED, reader, at=time.monotonic()))
            states = [(r, s) for r, s in self._readers.items()] + [(PNP_NOTIFICATION, pnp_state)]
            hresult, changed = scard.SCardGetStatusChange(context, self.wait_ms, states)
            if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
                continue
            if hresult in SERVICE_GONE:
                self._forget_readers(on_event)
                raise _error(hresult, "waiting for card events")
            if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
                continue  # a reader vanished between listing and waiting: list again
            if hresult != scard.SCARD_S_SUCCESS:
                log.warning("SCardGetStatusChange: %s", scard.SCardGetErrorMessage(hresult))
                self._stop.wait(self.retry_seconds)
                continue
            now = time.monotonic()
            for reader, event_state, atr in changed:
                if reader == PNP_NOTIFICATION:
                    pnp_state = event_state & ~scard.SCARD_STATE_CHANGED  # holds a reader count
                    continue
                if reader not in self._readers:
                    continue
                before = self._readers[reader]
                self._readers[reader] = event_state & ~scard.SCARD_STATE_CHANGED
                was, now_present = (bool(before & scard.SCARD_STATE_PRESENT),
                                    bool(event_state & scard.SCARD_STATE_PRESENT))
                if now_present and not was:
                    on_event(ReaderEvent(EventKind.CARD_INSERTED, reader, bytes(atr), now))
                elif was and not now_present:
                    on_event(ReaderEvent(EventKind.CARD_REMOVED, reader, b"", now))
