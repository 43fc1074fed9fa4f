"""Loads a model pack and turns faces into templates and templates into distances."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from .align import aligned_crop
from .chip_photo import decode_chip_photo, pad_for_detection
from .detection import Detection, Detector, InsightfaceDetector
from .errors import ModelPackError, NoFaceInChipPhoto
from .modelpack import DEFAULT_PACK_DIR, verify_pack
from .mtcnn import MtcnnDetector
from .recogniser import OnnxRecogniser
from .thresholds import CHIP_PHOTO_MIN_FACE_PX, DEFAULT_TEMPLATE_OPTIONS, TemplateOptions


@dataclass(frozen=True)
class FaceTemplate:
    """A face's embedding, held in memory only. Its repr never shows the numbers."""

    embedding: NDArray[np.float32] = field(repr=False)


class Recogniser(Protocol):
    """Aligned square BGR crop of `input_size` in, embedding out (recogniser.OnnxRecogniser)."""

    input_size: tuple[int, int]

    def embedding(self, crop_bgr: NDArray[np.uint8]) -> NDArray[np.float32]: ...


class FaceMatcher:
    """Detector + recogniser of one model pack. Safe to share between threads (onnxruntime
    sessions run concurrently); create once at start-up."""

    def __init__(self, detector: Detector, recogniser: Recogniser, metric: str, match_distance: float,
                 options: TemplateOptions = DEFAULT_TEMPLATE_OPTIONS) -> None:
        self.detector = detector
        self.recogniser = recogniser
        self.metric = metric
        self.match_distance = match_distance
        self.options = options

    @classmethod
    def load(cls, pack_dir: Path | str = DEFAULT_PACK_DIR,
             options: TemplateOptions = DEFAULT_TEMPLATE_OPTIONS) -> "FaceMatcher":
        pack_dir = Path(pack_dir)
        manifest = verify_pack(pack_dir)
        detector = _load_detector(pack_dir, manifest["detector"])
        recogniser_section = manifest["recogniser"]
        recogniser = OnnxRecogniser(pack_dir / recogniser_section["file"],
                                    recogniser_section.get("input_mean"), recogniser_section.get("input_std"))
        metric = recogniser_section.get("metric", "cosine")
        if metric not in ("cosine", "euclidean"):
            raise ModelPackError(f"unknown metric {metric!r} in {pack_dir}")
        return cls(detector, recogniser, metric, float(recogniser_section["match_distance"]), options)

    def detect(self, bgr: NDArray[np.uint8], min_face: int | None = None) -> list[Detection]:
        return self.detector.detect(bgr, min_face)

    def template(self, bgr: NDArray[np.uint8], face: Detection) -> FaceTemplate:
        """The face as the card's photo shows it (TemplateOptions): aligned, greyscale, mirrored."""
        options = self.options
        size = self.recogniser.input_size[0]
        crop = aligned_crop(bgr, face.kps, size, options.detail_px, options.antialias)
        if options.grey:
            crop = np.asarray(cv2.cvtColor(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR), np.uint8)
        views = [crop, np.ascontiguousarray(crop[:, ::-1])] if options.mirrored else [crop]
        embedding = np.mean([self.recogniser.embedding(view) for view in views], axis=0)
        return FaceTemplate(embedding.astype(np.float32))

    def distance(self, a: FaceTemplate, b: FaceTemplate) -> float:
        """Lower is more alike; `match_distance` is where one frame counts as the same person."""
        if self.metric == "euclidean":
            return float(np.linalg.norm(a.embedding - b.embedding))
        cosine = np.dot(a.embedding, b.embedding) / (np.linalg.norm(a.embedding) * np.linalg.norm(b.embedding))
        return float(1.0 - cosine)

    def fused(self, templates: Sequence[FaceTemplate], weights: Sequence[float] | None = None) -> FaceTemplate:
        """One template for several frames of one face: the (weighted) mean of their unit-length
        embeddings, brought to their (weighted) mean length so that distances stay on the pack's
        scale. Weights that are all zero count as equal."""
        embeddings = np.stack([template.embedding for template in templates]).astype(np.float64)
        lengths = np.linalg.norm(embeddings, axis=1, keepdims=True)
        share = np.ones(len(templates)) if weights is None else np.asarray(weights, np.float64)
        if share.sum() <= 0:
            share = np.ones(len(templates))
        mean = (share[:, None] * embeddings / lengths).sum(axis=0) / share.sum()
        mean *= float(share @ lengths[:, 0]) / share.sum() / np.linalg.norm(mean)
        return FaceTemplate(mean.astype(np.float32))

    def enrol_chip_photo(self, jp2_bytes: bytes) -> FaceTemplate:
        """The template of the card's photo (greyscale JPEG 2000). Raises NoFaceInChipPhoto."""
        photo = decode_chip_photo(jp2_bytes)
        factor = self.options.chip_upscale
        if factor != 1:
            photo = cv2.resize(photo, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        padded = pad_for_detection(photo)
        faces = self.detect(padded, min_face=int(CHIP_PHOTO_MIN_FACE_PX * factor))
        if not faces:
            raise NoFaceInChipPhoto("no face found in the card's photo")
        largest = max(faces, key=lambda face: face.width * face.height)
        return self.template(padded, largest)


def _load_detector(pack_dir: Path, section: dict[str, Any]) -> Detector:
    kind = section.get("kind")
    if kind == "mtcnn":
        return MtcnnDetector(pack_dir / section["pnet"], pack_dir / section["rnet"], pack_dir / section["onet"])
    if kind == "insightface":
        return InsightfaceDetector(pack_dir / section["file"])
    raise ModelPackError(f"unknown detector kind {kind!r} in {pack_dir}")
