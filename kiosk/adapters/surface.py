"""照合番号B from the printed card face, so the face path needs no typing.

    with CameraSource(settings_tray_camera) as camera:     # or StillFrames / rendered_card_camera
        face = unlock_card_face(card, camera)               # reader.CardFace, or PortProblem(017)

Reads the card-tray frames until the birth date, expiry date and security code agree across frames
(faceauth.surface), computes 照合番号B with reader.era, and only then VERIFYs it by reading the
signed card face. Every way this can fail becomes PortProblem(CARD_SURFACE_UNREADABLE), and the
session offers the PIN instead:
- fewer than MIN_NUMBER_B_TRIES tries left on the card (or 照合番号B blocked): no try is spent;
- no confident, agreeing reading before the deadline or the end of the frames: no try is spent;
- the tray camera fails: no try is spent (019 instead when it cannot be opened at all);
- the card refuses the value (WrongPin / PinBlockedError): one try was spent, and it is never retried.
Other card errors (card removed, forged card face) pass through to the caller's own mapping.
Nothing read here is logged: only confidences and frame counts.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack
from typing import Protocol, runtime_checkable

import numpy as np

from faceauth import Frame
from faceauth.errors import CameraError, CameraUnavailable
from faceauth.surface import SurfaceReader, SurfaceReading, images_of
from kiosk.core.codes import Problem
from kiosk.core.ports import PortProblem
from reader import CardFace, MyNumberCard, era
from reader.errors import PinBlockedError, WrongPin

log = logging.getLogger("kiosk.adapters.surface")

# 照合番号B has 10 tries. The kiosk leaves the last 3 to the patient and the municipal office:
# with 3 or fewer left it does not try at all.
MIN_NUMBER_B_TRIES = 4
READ_TIMEOUT = 8.0  # seconds of frames before giving up on the surface


@runtime_checkable
class FrameSource(Protocol):
    """A started camera on the card tray: a CameraSource, or StillFrames in the demo and tests."""

    def frames(self, timeout: float = 1.0) -> Iterator[Frame]: ...


Frames = FrameSource | Iterable[np.ndarray] | Iterable[Frame]   # BGR images or frames will do too
OpenTrayCamera = Callable[[], AbstractContextManager[FrameSource]]


def _unreadable(detail: str) -> PortProblem:
    return PortProblem(Problem.CARD_SURFACE_UNREADABLE, detail)


def read_surface(frames: Frames, surface_reader: SurfaceReader, *, timeout: float = READ_TIMEOUT,
                 clock: Callable[[], float] = time.monotonic) -> SurfaceReading:
    """Feed frames until the surface reading is agreed; PortProblem(017) at the deadline or the
    end of the frames."""
    deadline = clock() + timeout
    surface_reader.reset()
    try:
        for image in images_of(frames.frames() if isinstance(frames, FrameSource) else frames):
            reading = surface_reader.feed(image)
            if reading is not None:
                log.info("card surface read in %d frames, confidence %s", reading.frames_read,
                         {k: round(v, 3) for k, v in reading.confidence.items()})
                return reading
            if clock() > deadline:
                break
    except CameraError as error:
        raise _unreadable(f"card tray camera: {error}") from error
    raise _unreadable(f"no agreed reading in {surface_reader.frames_read} frames")


def unlock_card_face(card: MyNumberCard, frames: Frames, *,
                     surface_reader: SurfaceReader | None = None, timeout: float = READ_TIMEOUT,
                     clock: Callable[[], float] = time.monotonic) -> CardFace:
    """The card's signed face record, opened with 照合番号B read from the card surface in `frames`
    (a started CameraSource or StillFrames, or an iterable of BGR images). Raises PortProblem(017).
    One SurfaceReader serves one session at a time (it is reset here)."""
    try:
        tries = card.number_b_tries_left()
    except PinBlockedError as blocked:
        raise _unreadable("照合番号B is blocked on this card") from blocked
    if tries is not None and tries < MIN_NUMBER_B_TRIES:
        raise _unreadable(f"only {tries} 照合番号B tries left; the kiosk keeps them for the office")
    reading = read_surface(frames, surface_reader or SurfaceReader(era.from_era), timeout=timeout,
                           clock=clock)
    number_b = era.number_b(reading.birth_date, reading.expiry, reading.security_code)
    try:
        return card.card_face(number_b)
    except WrongPin as wrong:
        raise _unreadable(f"the card refused the 照合番号B read from its surface "
                          f"({wrong.tries_left} tries left)") from wrong
    except PinBlockedError as blocked:
        raise _unreadable("照合番号B is blocked on this card") from blocked


class TrayCameraUnlocker:
    """CardFaceUnlocker for the ports: `open_tray_camera()` gives a frame source (a CameraSource
    on the card tray, or in the demo a rendering of the virtual card lying there)."""

    def __init__(self, open_tray_camera: OpenTrayCamera) -> None:
        self.open_tray_camera = open_tray_camera
        self.surface_reader = SurfaceReader(era.from_era)

    def unlock(self, card: MyNumberCard) -> CardFace:
        with ExitStack() as opened:
            try:
                camera = opened.enter_context(self.open_tray_camera())
            except CameraUnavailable as error:   # no camera at all: say so (019), not "unreadable"
                raise PortProblem(Problem.CAMERA_UNAVAILABLE, f"card tray camera: {error}") from error
            except CameraError as error:
                raise _unreadable(f"card tray camera: {error}") from error
            return unlock_card_face(card, camera, surface_reader=self.surface_reader)
