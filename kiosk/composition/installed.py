"""The kiosk as a vendor installs it: the card reader through PC/SC, the cameras the settings
name, and the embedded local qualification simulator (today's only gateway).

Nothing here waits for hardware: the PC/SC monitor keeps retrying while pcscd or the reader is
missing and reports the reader when it arrives; a missing camera fails the face path with 019
(the PIN stays offered) when a patient chooses it."""
from __future__ import annotations

import logging

from faceauth import CameraSource
from reader.pcsc import PcscReaderService

from kiosk.gateway import open_simulator_gateway
from kiosk.config.settings import Settings, camera_source
from kiosk.adapters.surface import TrayCameraUnlocker
from kiosk.composition.wiring import Kiosk, build_kiosk

log = logging.getLogger("kiosk.composition.installed")


def camera_sources(settings: Settings) -> tuple[int | str, int | str]:
    """(face camera, card-tray camera); an empty tray_camera means the face camera."""
    face = camera_source(settings.face_camera)
    tray = camera_source(settings.tray_camera) if settings.tray_camera.strip() else face
    return face, tray


def build_installed_kiosk(settings: Settings) -> Kiosk:
    face, tray = camera_sources(settings)
    log.info("gateway: the embedded local qualification simulator (today's only gateway; "
             "no connection to the real online qualification network)")
    log.info("cameras: face %r, card tray %r", face, tray)
    return build_kiosk(settings, service=PcscReaderService(),
                       unlocker=TrayCameraUnlocker(lambda: CameraSource(tray)),
                       gateway=open_simulator_gateway(),
                       open_camera=lambda **kw: CameraSource(face, **kw))
