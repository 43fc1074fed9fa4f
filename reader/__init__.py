"""The My Number card and phones: APDUs, TLV, card applications, PC/SC, virtual cards.

The core needs:
    MyNumberCard(transport)             the card API (reader.card)
    PcscReaderService / InProcessReader  reader services emitting ReaderEvent (reader.pcsc,
                                         reader.virtual.inprocess); .connect(reader) → transport
    reader.errors                        every error this package raises (CardError and below)
"""
from .card import ChipProof, MyNumberCard
from .cardface import CardFace
from .events import EventKind, ReaderEvent, ReaderService
from .transport import JpkiToken, Traffic, Transport

__all__ = ["CardFace", "ChipProof", "EventKind", "JpkiToken", "MyNumberCard", "ReaderEvent", "ReaderService",
           "Traffic", "Transport"]
