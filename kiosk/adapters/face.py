"""FacePort over faceauth/: enrol the chip photo, then match live frames until a decision."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from typing import Any, Callable

import numpy as np

from faceauth import (CameraError, CameraSource, ChipPhotoError, Decision, FaceMatcher, FaceTemplate,
                      Frame, MatchSession, NoFaceInChipPhoto)
from faceauth.thresholds import DEFAULT_LIMITS
# Where the face screen draws its oval: the UI reaches the camera's geometry through the core.
from faceauth.thresholds import expected_face_centre_y as expected_face_centre_y

from kiosk.core.codes import Problem
from kiosk.core.ports import PortProblem

log = logging.getLogger("kiosk.face")


class LazyMatcher:
    """A FaceMatcher loaded on first use, or ahead of it by `warm_in_background()`: importing
    checking the model pack's hashes and opening its sessions take about 0.3 s (more on a slow
    disk) that the idle screen need not wait for.
    A pack that fails to load fails every use with its own error (and the self-test says why)."""

    def __init__(self, load: Callable[[], FaceMatcher]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._matcher: FaceMatcher | None = None
        self._warming: threading.Thread | None = None

    def loaded(self) -> FaceMatcher:
        matcher = self._matcher   # every camera frame asks: no lock once it is there
        if matcher is not None:
            return matcher
        with self._lock:
            if self._matcher is None:
                self._matcher = self._load()
            return self._matcher

    def warm_in_background(self) -> threading.Thread:
        def warm() -> None:
            try:
                self.loaded()
            except Exception:   # the first face check-in raises it again, with the screen's code
                log.exception("the face model pack did not load")
        thread = self._warming = threading.Thread(target=warm, name="face models", daemon=True)
        thread.start()
        return thread

    def settle(self) -> None:
        """Wait for a load in progress: leaving the process while onnxruntime is opening a model
        aborts it ("terminate called without an active exception")."""
        if self._warming is not None:
            self._warming.join()

    def __getattr__(self, name: str) -> Any:   # stands in for the FaceMatcher it loads
        return getattr(self.loaded(), name)


class CameraFace:
    """`open_camera()` gives a started-or-startable CameraSource; it runs only while matching.
    `preview_listeners` receive every camera frame (memory only) for the on-screen preview."""

    def __init__(self, matcher: LazyMatcher, open_camera: Callable[..., CameraSource],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.matcher, self.open_camera, self.clock = matcher, open_camera, clock
        self.preview_listeners: list[Callable[[np.ndarray], None]] = []
        self._template: FaceTemplate | None = None
        self._session: MatchSession | None = None
        self.limits = DEFAULT_LIMITS

    def expect_face_centre(self, y_fraction: float) -> None:
        """Where the patient's face should be in the frame (lower for a seated patient)."""
        self.limits = replace(DEFAULT_LIMITS, expected_centre_y=y_fraction)

    def enrol(self, chip_photo: bytes) -> None:
        try:
            self._template = self.matcher.loaded().enrol_chip_photo(chip_photo)
        except NoFaceInChipPhoto as error:
            raise PortProblem(Problem.NO_CHIP_PHOTO, str(error)) from error
        except ChipPhotoError as error:
            raise PortProblem(Problem.CARD_UNREADABLE, str(error)) from error

    def match(self, on_guidance: Callable[[str], None], should_stop: Callable[[], bool]) -> float | None:
        if self._template is None:
            raise PortProblem(Problem.NO_CHIP_PHOTO, "no chip photo enrolled")
        session = self._session = MatchSession(self.matcher.loaded(), self._template, clock=self.clock,
                                               limits=self.limits)
        last_guidance = None
        try:
            camera = self.open_camera(on_frame=self._preview)
            with camera:
                index = -1
                while not should_stop():
                    try:
                        frame = camera.latest(index, timeout=0.5)
                    except TimeoutError:
                        continue
                    index = frame.index
                    result = session.feed(frame.image)
                    guidance = result.guidance[0].value if result.guidance else "hold_still"
                    if guidance != last_guidance:
                        last_guidance = guidance
                        on_guidance(guidance)
                    if result.decision is Decision.MATCHED:
                        return round(1.0 - (result.distance or 0.0), 4)
                    if result.decision is Decision.NOT_MATCHED:
                        return None
                return None
        except CameraError as error:
            raise PortProblem(Problem.CAMERA_UNAVAILABLE, str(error)) from error
        finally:
            session.end()
            self._session = None

    def preview(self, should_stop: Callable[[], bool]) -> None:
        """Run the camera for the preview listeners only (the staff check) until told to stop.
        A missing camera is not a problem here: staff can still look at the patient."""
        try:
            with self.open_camera(on_frame=self._preview):
                while not should_stop():
                    time.sleep(0.05)
        except CameraError as error:
            log.warning("no live picture for the staff check: %s", error)

    def forget(self) -> None:
        self._template = None

    def warm(self) -> None:
        """Load the matcher in the background now, not at the first face check-in."""
        self.matcher.warm_in_background()

    def settle(self) -> None:
        """Wait for a background load in progress (see LazyMatcher.settle)."""
        self.matcher.settle()

    def _preview(self, frame: Frame) -> None:
        for listener in self.preview_listeners:
            listener(frame.image)
