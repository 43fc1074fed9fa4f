"""Camera frames from OpenCV, read on a worker thread, newest frame handed over without blocking.

A source is a device index (0), a device path (/dev/video0), a video file, or an image sequence
(a printf pattern such as frames/%03d.jpg, or a folder of numbered images). Files are paced at
their own frame rate, so a recording behaves like a live camera. Frames stay in memory: nothing
is ever written to disk. Failures are typed: CameraUnavailable (cannot open), CameraBusy (opens
but gives no frame), CameraStopped (gave frames, then stopped).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from .errors import CameraBusy, CameraError, CameraStopped, CameraUnavailable

SEQUENCE_FPS = 15.0
FAILED_READS_BEFORE_STOP = 30


@dataclass(frozen=True)
class Frame:
    image: NDArray[np.uint8] = field(repr=False)  # BGR
    index: int
    time: float  # time.monotonic() when read


def _is_file_source(source: int | str | os.PathLike[str]) -> bool:
    return not isinstance(source, int) and not str(source).startswith("/dev/")


def _opencv_source(source: int | str | os.PathLike[str]) -> int | str:
    """What cv2.VideoCapture takes: a folder of numbered images becomes a printf pattern."""
    if isinstance(source, int):
        return source
    path = Path(source)
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir() if re.fullmatch(r"(.*?)(\d+)\.(jpe?g|png|bmp)", p.name, re.I))
        if not names:
            raise CameraUnavailable(f"{path} holds no numbered images")
        parts = re.fullmatch(r"(.*?)(\d+)\.(\w+)", names[0])
        assert parts is not None  # the names were chosen by a stricter pattern
        prefix, digits, extension = parts.groups()
        return str(path / f"{prefix}%0{len(digits)}d.{extension}")
    return str(source)


def device_backends(platform: str = sys.platform) -> list[int]:
    """OpenCV back-ends to try, in order, for a camera device. Windows: Media Foundation first
    (the system's own), DirectShow second (older USB cameras that MSMF cannot open). Elsewhere
    OpenCV's own choice (V4L2 on Linux)."""
    if platform == "win32":
        return [cv2.CAP_MSMF, cv2.CAP_DSHOW]
    return [cv2.CAP_ANY]


WINDOWS_CAMERA_HINT = ("; on Windows check Settings > Privacy & security > Camera: \"Camera access\" "
                       "and \"Let desktop apps access your camera\" must be on (when off, the camera "
                       "opens for no desktop program), and that no other program (a video call) has it; "
                       "camera numbers follow Windows' device order, which changes when a camera moves "
                       "to another USB port")


def device_hint(source: int | str | os.PathLike[str]) -> str:
    """What staff should check when a camera device gives nothing: on Windows the privacy switch
    that blocks desktop programs silently, and the numbering."""
    return WINDOWS_CAMERA_HINT if sys.platform == "win32" and not _is_file_source(source) else ""


def devices_that_open(count: int = 4) -> list[int]:
    """The camera numbers among 0..count-1 that open (to tell which number is which camera)."""
    found = []
    for index in range(count):
        try:
            _open_capture(index).release()
            found.append(index)
        except CameraUnavailable:
            pass
    return found


def _open_capture(source: int | str | os.PathLike[str]) -> cv2.VideoCapture:
    backends = [cv2.CAP_ANY] if _is_file_source(source) else device_backends()
    for backend in backends:
        capture = cv2.VideoCapture(_opencv_source(source), backend)
        if capture.isOpened():
            return capture
        capture.release()
    raise CameraUnavailable(f"cannot open camera {source!r}{device_hint(source)}")


class FrameSource(Protocol):
    def latest(self, after: int = -1, timeout: float = 1.0) -> Frame: ...


def new_frames(source: FrameSource, timeout: float = 1.0) -> Iterator[Frame]:
    """Each new frame of any source with `latest(after, timeout)`, until CameraStopped."""
    index = -1
    while True:
        try:
            frame = source.latest(index, timeout)
        except CameraStopped:
            return
        index = frame.index
        yield frame


class CameraSource:
    def __init__(self, source: int | str | os.PathLike[str], *, loop: bool = False, paced: bool = True,
                 open_timeout: float = 3.0, on_frame: Callable[[Frame], None] | None = None,
                 frame_size: tuple[int, int] | None = (640, 480)) -> None:
        self.source = source
        self.frame_size = frame_size  # asked of a device; files keep their own size
        self.loop = loop
        self.paced = paced and _is_file_source(source)
        self.open_timeout = open_timeout
        self.on_frame = on_frame
        self._capture: cv2.VideoCapture | None = None
        self._thread: threading.Thread | None = None
        self._running = threading.Event()
        self._condition = threading.Condition()
        self._frame: Frame | None = None
        self._error: CameraError | None = None
        self._started_at = 0.0

    def start(self) -> "CameraSource":
        capture = _open_capture(self.source)
        if self.frame_size and not _is_file_source(self.source):
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.frame_size[0])
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.frame_size[1])
        self._capture = capture
        self._started_at = time.monotonic()
        self._running.set()
        self._thread = threading.Thread(target=self._read_loop, name=f"camera {self.source}", daemon=True)
        self._thread.start()
        return self

    def latest(self, after: int = -1, timeout: float = 1.0) -> Frame:
        """The newest frame with an index above `after`, waiting up to `timeout` seconds for one."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                if self._frame is not None and self._frame.index > after:
                    return self._frame
                if self._error is not None:
                    raise self._error
                if self._frame is None and time.monotonic() - self._started_at > self.open_timeout:
                    raise CameraBusy(f"camera {self.source!r} opened but gives no picture"
                                     f"{device_hint(self.source)}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no new frame yet")
                self._condition.wait(remaining)

    def frames(self, timeout: float = 1.0) -> Iterator[Frame]:
        """Every new frame until the camera stops (CameraStopped ends the iteration)."""
        return new_frames(self, timeout)

    def stop(self) -> None:
        self._running.clear()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._capture is not None:
            self._capture.release()
        with self._condition:
            self._frame = None  # drop the last picture with the session

    def __enter__(self) -> "CameraSource":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _publish(self, frame: Frame | None = None, error: CameraError | None = None) -> None:
        with self._condition:
            if frame is not None:
                self._frame = frame
            if error is not None:
                self._error = error
            self._condition.notify_all()
        if frame is not None and self.on_frame is not None:
            self.on_frame(frame)

    def _read_loop(self) -> None:
        capture = self._capture
        assert capture is not None  # start() opened it before starting this thread
        fps = capture.get(cv2.CAP_PROP_FPS) or SEQUENCE_FPS
        interval = 1.0 / fps if self.paced and 0 < fps < 1000 else 0.0
        index, failures, next_due = 0, 0, time.monotonic()
        while self._running.is_set():
            ok, image = capture.read()
            if not ok:
                if index and self.loop and _is_file_source(self.source):
                    capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    continue
                failures += 1
                if index and (failures >= FAILED_READS_BEFORE_STOP or _is_file_source(self.source)):
                    self._publish(error=CameraStopped(f"camera {self.source!r} stopped giving frames"))
                    return
                if not index and _is_file_source(self.source):
                    self._publish(error=CameraBusy(f"{self.source!r} gives no picture"))
                    return
                time.sleep(0.05)
                continue
            failures = 0
            if interval:
                next_due += interval
                time.sleep(max(0.0, next_due - time.monotonic()))
            self._publish(Frame(np.asarray(image, np.uint8), index, time.monotonic()))
            index += 1
