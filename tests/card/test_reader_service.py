"""Reader services: events from the monitor thread, exclusive access, pcscd going away and
coming back (the PC/SC parts through a real private pcscd)."""
from __future__ import annotations

import queue
import threading
import time

import pytest
from smartcard import scard

from reader import errors
from reader.card import MyNumberCard
from reader.events import EventKind
from reader.pcsc import PcscReaderService, PcscTransport
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import open_card


class Events:
    def __init__(self):
        self.queue: queue.Queue = queue.Queue()

    def __call__(self, event):
        self.queue.put(event)

    def expect(self, kind: EventKind, reader: str | None = None, timeout: float = 5.0):
        while True:
            event = self.queue.get(timeout=timeout)
            if event.kind is kind and (reader is None or event.reader == reader):
                return event


@pytest.fixture
def pcsc_service():
    events = Events()
    service = PcscReaderService(retry_seconds=0.2, wait_ms=200)
    service.start(events)
    yield service, events
    service.stop()


def test_pcsc_events_for_readers_insert_and_remove(private_pcscd, personas, pcsc_service):
    service, events = pcsc_service
    reader = private_pcscd.reader_names[0]
    events.expect(EventKind.SERVICE_UP)
    events.expect(EventKind.READER_ADDED, reader)
    card = open_card(personas, "valid_adult")
    private_pcscd.cards.insert(card)
    inserted = events.expect(EventKind.CARD_INSERTED, reader)
    assert inserted.atr == card.atr
    assert set(private_pcscd.reader_names) <= set(service.readers())
    private_pcscd.cards.remove()
    events.expect(EventKind.CARD_REMOVED, reader)


def test_exclusive_access_during_a_read(private_pcscd, personas):
    private_pcscd.insert(open_card(personas, "valid_adult"))
    try:
        with PcscTransport(private_pcscd.reader_names[0]) as first:
            with pytest.raises(errors.ReaderUnavailable, match="another program"):
                PcscTransport(private_pcscd.reader_names[0], busy_wait_s=0.2)
            MyNumberCard(first).token_kind()
        with PcscTransport(private_pcscd.reader_names[0]) as again:
            MyNumberCard(again).auth_certificate()
    finally:
        private_pcscd.remove()


def test_connect_waits_while_another_program_reads_a_new_card(private_pcscd, personas):
    """Windows' smart-card services read a card as it arrives; here another PC/SC client holds it
    exclusively for 0.4 s, through the same pcscd."""
    private_pcscd.insert(open_card(personas, "valid_adult"))
    reader = private_pcscd.reader_names[0]
    _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    hresult, other, _ = scard.SCardConnect(context, reader, scard.SCARD_SHARE_EXCLUSIVE,
                                           scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    assert hresult == scard.SCARD_S_SUCCESS
    letting_go = threading.Timer(0.4, lambda: scard.SCardDisconnect(other, scard.SCARD_LEAVE_CARD))
    letting_go.start()
    try:
        started = time.monotonic()
        with PcscTransport(reader) as transport:
            assert time.monotonic() - started >= 0.35
            assert MyNumberCard(transport).token_kind()
    finally:
        letting_go.join()
        scard.SCardReleaseContext(context)
        private_pcscd.remove()


def test_connect_without_a_card_raises_no_card(private_pcscd):
    with pytest.raises(errors.NoCard):
        PcscTransport(private_pcscd.reader_names[1])


@pytest.mark.expect_log(r"PC/SC service (lost|not reachable)")
def test_pcscd_going_away_and_coming_back(private_pcscd, personas, pcsc_service):
    service, events = pcsc_service
    reader = private_pcscd.reader_names[0]
    events.expect(EventKind.READER_ADDED, reader)
    private_pcscd.insert(open_card(personas, "valid_adult"))
    events.expect(EventKind.CARD_INSERTED, reader)
    transport = PcscTransport(reader)
    try:
        private_pcscd.stop()  # the reader goes with the service
        events.expect(EventKind.CARD_REMOVED, reader)
        events.expect(EventKind.READER_REMOVED, reader)
        events.expect(EventKind.SERVICE_DOWN)
        with pytest.raises((errors.ReaderUnavailable, errors.CardRemovedError)):
            MyNumberCard(transport).token_kind()
        with pytest.raises(errors.ReaderUnavailable):
            PcscTransport(reader)
    finally:
        transport.close()
        private_pcscd.start()
    events.expect(EventKind.SERVICE_UP)  # the monitor kept retrying in the background
    events.expect(EventKind.READER_ADDED, reader)


def test_in_process_reader_is_a_reader_service(personas):
    reader = InProcessReader()
    events = Events()
    reader.start(events)
    try:
        events.expect(EventKind.READER_ADDED, reader.name)
        with pytest.raises(errors.NoCard):
            reader.connect()
        card = open_card(personas, "iphone")
        reader.insert(card)
        assert events.expect(EventKind.CARD_INSERTED).atr == card.atr
        transport = reader.connect()
        reader.remove()
        events.expect(EventKind.CARD_REMOVED)
        with pytest.raises(errors.CardRemovedError):
            MyNumberCard(transport).token_kind()
    finally:
        reader.stop()


def test_an_old_cards_transport_does_not_remove_the_next_card(personas):
    """As a PC/SC handle to a card that left: it fails, and the card placed since stays (a
    worker still reading the last patient's card must not take the next patient's away)."""
    reader = InProcessReader()
    events = Events()
    reader.start(events)
    try:
        reader.insert(open_card(personas, "iphone"))
        events.expect(EventKind.CARD_INSERTED)
        old = reader.connect()
        reader.remove()
        events.expect(EventKind.CARD_REMOVED)
        reader.insert(open_card(personas, "valid_adult"))
        events.expect(EventKind.CARD_INSERTED)
        with pytest.raises(errors.CardRemovedError):
            MyNumberCard(old).token_kind()
        assert MyNumberCard(reader.connect()).token_kind() is not None    # the new card answers
        with pytest.raises(queue.Empty):
            events.expect(EventKind.CARD_REMOVED, timeout=0.2)
    finally:
        reader.stop()
