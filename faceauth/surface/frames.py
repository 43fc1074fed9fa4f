"""In-memory pictures served like a camera: the demo's card-tray camera and the tests' frames.

`StillFrames` has CameraSource's interface (start/stop, latest, frames, with-statement) and yields
the same `Frame` objects. Its images are a list, or a function that makes a new picture each time
(a virtual card on the tray, re-rendered with fresh perturbations). Nothing is written to disk.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from ..camera import Frame, new_frames
from ..errors import CameraStopped
from .render import CardValues, render_card_front
from .scene import Perturbation


class StillFrames:
    def __init__(self, images: Sequence[np.ndarray] | Callable[[], np.ndarray], *,
                 fps: float = 15.0, loop: bool = False, paced: bool = False) -> None:
        self.images = images
        self.loop = loop
        self.interval = 1.0 / fps if paced else 0.0
        self._next = 0
        self._due = 0.0

    def start(self) -> "StillFrames":
        self._next, self._due = 0, time.monotonic()
        return self

    def stop(self) -> None:
        self._next = 0

    def __enter__(self) -> "StillFrames":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _image(self, index: int) -> np.ndarray:
        if callable(self.images):
            return self.images()
        if index >= len(self.images) and not (self.loop and self.images):
            raise CameraStopped("no more pictures")
        return self.images[index % len(self.images)]

    def latest(self, after: int = -1, timeout: float = 1.0) -> Frame:
        """The next picture (index above `after`); CameraStopped after the last of a list."""
        index = max(after + 1, self._next)
        if self.interval:
            self._due += self.interval
            time.sleep(max(0.0, self._due - time.monotonic()))
        frame = Frame(self._image(index), index, time.monotonic())
        self._next = index + 1
        return frame

    def frames(self, timeout: float = 1.0) -> Iterator[Frame]:
        return new_frames(self, timeout)


def rendered_card_camera(values: CardValues, *, severity: float = 0.5, seed: int | None = None,
                         fps: float = 15.0, paced: bool = True) -> StillFrames:
    """The card-tray camera for a virtual card: every frame a fresh rendering of `values`,
    moved and spoiled a little (severity 0 = a still, perfect picture)."""
    rng = np.random.default_rng(seed)
    return StillFrames(lambda: render_card_front(values, Perturbation.random(rng, severity), rng),
                       fps=fps, paced=paced)


def images_of(frames: object) -> Iterator[np.ndarray]:
    """BGR images from a frame source (anything with frames(): CameraSource, StillFrames) or an
    iterable of images or Frame objects."""
    items: Iterable[object] = frames.frames() if hasattr(frames, "frames") else frames  # type: ignore[assignment]
    for item in items:
        yield item.image if isinstance(item, Frame) else np.asarray(item)
