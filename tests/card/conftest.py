"""Fixtures: personas built for today, and one reader slot reached either in-process or through
a real private pcscd + vpcd (the same tests run against both)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.card import MyNumberCard
from reader.trust import load_test_anchors
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import load_record, open_card

TRANSPORTS = ["inprocess", "pcsc"]


class Slot:
    """One reader slot: the patient inserts/removes a card, the kiosk connects."""

    def __init__(self, kind: str, personas: Path, request):
        self.kind, self.personas = kind, personas
        if kind == "inprocess":
            self.reader = InProcessReader()
        else:
            self.pcscd = request.getfixturevalue("private_pcscd")
        self.card = None
        self.transports = []

    def insert(self, persona_id: str, *, t0: bool = False, pull_after: int | None = None):
        self.card = open_card(self.personas, persona_id, t0=t0)
        if self.kind == "inprocess":
            self.reader.insert(self.card)
            if pull_after is not None:
                self.reader.pull_after(pull_after)
        else:
            self.pcscd.insert(self.card, pull_after=pull_after)
        return self.card

    def remove(self):
        self._close_transports()  # the kiosk closes its connection when the card goes
        if self.kind == "inprocess":
            self.reader.remove()
        else:
            self.pcscd.remove()

    def connect(self):
        if self.kind == "inprocess":
            transport = self.reader.connect()
        else:
            from reader.pcsc import PcscTransport

            transport = PcscTransport(self.pcscd.reader_names[0])
        self.transports.append(transport)
        return transport

    def open(self, persona_id: str, **kwargs) -> MyNumberCard:
        self.insert(persona_id, **kwargs)
        return MyNumberCard(self.connect(), load_test_anchors())

    def record(self, persona_id: str) -> dict:
        return load_record(self.personas, persona_id)

    def _close_transports(self):
        for transport in self.transports:
            if hasattr(transport, "close"):
                transport.close()
        self.transports.clear()

    def close(self):
        self._close_transports()


@pytest.fixture(params=TRANSPORTS)
def slot(request, personas):
    s = Slot(request.param, personas, request)
    yield s
    s.close()
