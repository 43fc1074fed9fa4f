"""A detected face and the detectors a model pack can name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ModelPackError


@dataclass(frozen=True)
class Detection:
    """One face: box (x1, y1, x2, y2) in pixels, detector score, and 5 landmarks (x, y) in the
    order left eye, right eye, nose tip, left mouth corner, right mouth corner (image left/right),
    as insightface's alignment expects."""

    box: np.ndarray
    score: float
    kps: np.ndarray

    @property
    def width(self) -> float:
        return float(self.box[2] - self.box[0])

    @property
    def height(self) -> float:
        return float(self.box[3] - self.box[1])

    @property
    def centre(self) -> tuple[float, float]:
        return float(self.box[0] + self.box[2]) / 2, float(self.box[1] + self.box[3]) / 2


class Detector(Protocol):
    def detect(self, bgr: np.ndarray, min_face: int | None = None) -> list[Detection]: ...


class InsightfaceDetector:
    """A detector ONNX file that insightface's model_zoo recognises (SCRFD), for vendor packs."""

    def __init__(self, path: Path, input_size: tuple[int, int] = (640, 640), threshold: float = 0.5) -> None:
        try:
            from insightface.model_zoo import get_model
        except ImportError as error:   # the vendor's built folder leaves insightface out (kiosk.spec)
            raise ModelPackError(f"{path.name}: detector kind \"insightface\" needs the insightface "
                                 "package, which this installation does not have (run from source)") from error

        self.model = get_model(str(path), providers=["CPUExecutionProvider"])
        self.model.prepare(ctx_id=-1, input_size=input_size, det_thresh=threshold)

    def detect(self, bgr: np.ndarray, min_face: int | None = None) -> list[Detection]:
        boxes, points = self.model.detect(bgr)
        found = [Detection(box=b[:4].astype(np.float32), score=float(b[4]), kps=k.astype(np.float32))
                 for b, k in zip(boxes, points)]
        return [d for d in found if min_face is None or d.width >= min_face]
