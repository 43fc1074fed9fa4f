"""The embedded defaults: virtual personas on a virtual reader, linked to the local simulator,
and the demo kiosk built on them (for `python -m kiosk --demo`, the headless `kiosk.tools.checkin`, the
tests and the benches).

The personas' certificates are issued for today (so nothing rots as the calendar moves); PIN
counters persist in their folder, as on a real card."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from faceauth import CameraError, CameraSource
from faceauth.sample_faces import CHIP_SIZE, DEMO_RECORDING, astronaut_bgr
from faceauth.surface import rendered_card_camera
from faceauth.surface.frames import StillFrames
from reader import ReaderService
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import PERSONAS, build_personas, load_record, open_card

from kiosk.adapters.card import TOKEN_KINDS
from kiosk.config import paths
from kiosk.core.clock import SYSTEM_CLOCK, Clock
from kiosk.core.codes import Problem
from kiosk.core.events import TokenKind
from kiosk.gateway import SimulatedGateway, open_simulator_gateway
from kiosk.staff.passwords import ensure_demo_password
from kiosk.config.platform_calls import no_camera_device
from kiosk.core.ports import PortProblem
from kiosk.config.settings import Settings
from kiosk.staff.staff_access import StaffAccess, ensure_demo_staff_password
from kiosk.composition.demo_cards import card_values_from_persona
from kiosk.adapters.surface import TrayCameraUnlocker
from kiosk.composition.wiring import Kiosk, build_kiosk

__all__ = ["CHIP_SIZE", "DEMO_PERSONAS", "DEMO_RECORDING", "PERSONA_IDS", "DemoPersona", "VirtualTray",
           "astronaut_bgr", "build_demo_kiosk", "demo_camera", "demo_tray", "recorded_camera",
           "tray_camera"]

log = logging.getLogger("kiosk.composition.demo")
# Bumped whenever the virtual cards' files change, so a demo folder issued earlier the same day
# by an older version is issued again (2: the card face as real cards hold it, issue 16).
CARD_LAYOUT = "card layout 2"


def prepare_personas(folder: Path, simulator: SimulatedGateway,
                     today: date | None = None) -> dict[str, dict[str, Any]]:
    """Issue every persona's card for today (once a day) and link each certificate to its
    insured person in the simulator; the revoked persona goes on the simulator's list."""
    today = today or date.today()
    stamp = folder / "issued-for.txt"
    issued = f"{today.isoformat()} {CARD_LAYOUT}"
    records: dict[str, dict[str, Any]]   # persona id → its record (personas.json)
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


def demo_tray(simulator: SimulatedGateway, base: Path) -> VirtualTray:
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

    def record(self) -> dict[str, Any] | None:
        return load_record(self.folder, self.current) if self.current else None


def tray_camera(tray: VirtualTray) -> StillFrames:
    """The demo's card-tray camera: the front of the virtual card on the reader, rendered with a
    little movement, blur and glare in every frame; an empty tray shows no card."""
    if tray.current is None:
        raise PortProblem(Problem.CARD_SURFACE_UNREADABLE, "no card in the tray")
    return rendered_card_camera(card_values_from_persona(tray.folder, tray.current), severity=0.5)


PERSONA_IDS = tuple(PERSONAS)


@dataclass(frozen=True)
class DemoPersona:
    """A persona as the demo's control window and the screenshots list it."""

    id: str
    description: str
    kind: TokenKind
    name: str
    pin: str | None     # None: no PIN set on the card (face-only card)


DEMO_PERSONAS = tuple(DemoPersona(p.id, p.description, TOKEN_KINDS[p.token], p.name, p.pin)
                      for p in PERSONAS.values())

OpenCamera = Callable[..., CameraSource]
TrayCamera = Callable[[VirtualTray], StillFrames]


def recorded_camera(**options: Any) -> CameraSource:
    """The recorded clip of the demo persona's face, looping."""
    return CameraSource(DEMO_RECORDING, loop=True, **options)


def demo_camera() -> OpenCamera:
    """The first webcam if one answers, else the recorded clip of the demo persona's face."""
    if no_camera_device():
        log.info("demo camera: no webcam on this machine; the recorded clip %s", DEMO_RECORDING.name)
        return recorded_camera
    try:
        with CameraSource(0, open_timeout=1.0) as probe:
            probe.latest(timeout=1.0)
        log.info("demo camera: the first webcam")
        return lambda **kw: CameraSource(0, **kw)
    except (CameraError, TimeoutError):
        log.info("demo camera: no webcam answers; the recorded clip %s", DEMO_RECORDING.name)
        return recorded_camera


def build_demo_kiosk(settings: Settings, open_camera: OpenCamera | None = None, *,
                     service: ReaderService | None = None, base: Path | None = None,
                     simulator: SimulatedGateway | None = None,
                     demo_passwords: bool = True, clock: Clock = SYSTEM_CLOCK,
                     open_tray_camera: TrayCamera = tray_camera) -> tuple[Kiosk, VirtualTray]:
    """The embedded defaults: virtual cards on the in-process reader (or `service`, e.g. PC/SC
    over a private pcscd, as the tests and `kiosk.tools.checkin` use), a camera (default: the recorded
    clip), the local simulator; keys, outbox and personas under `base` (default: the data folder).
    `demo_passwords`: set the demo's 目視 and staff passwords in the config folder if none are.
    `clock` and `open_tray_camera`: the soak's hurried clock and replayed tray frames."""
    if demo_passwords:
        ensure_demo_password()
        ensure_demo_staff_password(StaffAccess())
    simulator = simulator or SimulatedGateway.open(base)
    tray = demo_tray(simulator, base or paths.data_dir())
    kiosk = build_kiosk(settings, service=service or tray.reader,
                        unlocker=TrayCameraUnlocker(lambda: open_tray_camera(tray)),
                        gateway=open_simulator_gateway(simulator),
                        open_camera=open_camera or recorded_camera, base=base, clock=clock)
    return kiosk, tray
