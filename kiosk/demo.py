"""The embedded defaults: virtual personas on a virtual reader, linked to the local simulator.

The personas' certificates are issued for today (so nothing rots as the calendar moves); PIN
counters persist in their folder, as on a real card."""
from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from faceauth.surface import rendered_card_camera
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import PERSONAS, build_personas, load_record, open_card

from kiosk.codes import Problem
from kiosk.gateway import SimulatedGateway
from kiosk.ports import PortProblem
from kiosk.surface import card_values_from_persona

log = logging.getLogger("kiosk.demo")
# Bumped whenever the virtual cards' files change, so a demo folder issued earlier the same day
# by an older version is issued again (2: the card face as real cards hold it, issue 16).
CARD_LAYOUT = "card layout 2"


def prepare_personas(folder: Path, simulator: SimulatedGateway, today: date | None = None) -> dict:
    """Issue every persona's card for today (once a day) and link each certificate to its
    insured person in the simulator; the revoked persona goes on the simulator's list."""
    today = today or date.today()
    stamp = folder / "issued-for.txt"
    issued = f"{today.isoformat()} {CARD_LAYOUT}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == issued:
        records = json.loads((folder / "personas.json").read_text(encoding="utf-8"))
    else:
        records = build_personas(folder, today)
        stamp.write_text(issued, encoding="utf-8")
    for persona_id, record in records.items():
        cert = (folder / record["auth_cert"]).read_bytes()
        simulator.registry.link_certificate(persona_id, cert)
        if record["revoked"]:
            simulator.revoke(cert)
    return records


def demo_tray(simulator: SimulatedGateway, base: Path) -> "VirtualTray":
    """The demo's virtual reader with today's personas under `base`/demo-personas, each linked
    to its insured person in `simulator`."""
    folder = base / "demo-personas"
    folder.mkdir(parents=True, exist_ok=True)
    prepare_personas(folder, simulator)
    return VirtualTray(folder)


class VirtualTray:
    """The demo's card tray: which persona's card or phone lies on the in-process reader."""

    def __init__(self, folder: Path, reader: InProcessReader | None = None) -> None:
        self.folder = folder
        self.reader = reader or InProcessReader()
        self.current: str | None = None

    def place(self, persona_id: str) -> None:
        self.take()
        self.current = persona_id
        self.reader.insert(open_card(self.folder, persona_id))
        log.info("demo: %s placed on the reader", persona_id)

    def take(self) -> None:
        if self.current is not None:
            self.current = None
            self.reader.remove()

    def record(self) -> dict | None:
        return load_record(self.folder, self.current) if self.current else None


def tray_camera(tray: VirtualTray):
    """The demo's card-tray camera: the front of the virtual card on the reader, rendered with a
    little movement, blur and glare in every frame; an empty tray shows no card."""
    if tray.current is None:
        raise PortProblem(Problem.CARD_SURFACE_UNREADABLE, "no card in the tray")
    return rendered_card_camera(card_values_from_persona(tray.folder, tray.current), severity=0.5)


PERSONA_IDS = tuple(PERSONAS)
