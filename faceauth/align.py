"""Alignment from 5 landmarks onto insightface's template, as `face_align.norm_crop` does.

The similarity transform is solved here (Umeyama, least squares) rather than through
scikit-image's deprecated `SimilarityTransform.estimate`, which warns on every call.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import ArrayLike, NDArray


# Where ArcFace-style recognisers expect the eyes, nose tip and mouth corners in a 112x112 crop:
# the published ArcFace template, the same numbers as insightface's `arcface_dst` (a test checks).
ARCFACE_TEMPLATE_112 = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                                 [41.5493, 92.3655], [70.7299, 92.2041]], np.float32)


def template_points(size: int) -> NDArray[np.float32]:
    """The 5-point template for a square crop of `size` pixels, scaled as insightface scales it."""
    if size % 112 == 0:
        return ARCFACE_TEMPLATE_112 * (size / 112.0)
    ratio = size / 128.0
    return np.asarray(ARCFACE_TEMPLATE_112 * ratio + np.array([8.0 * ratio, 0.0]), np.float32)


def similarity_matrix(source: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    """2x3 matrix of the rotation + uniform scale + shift taking `source` points nearest `target`."""
    source_points, target_points = np.asarray(source, np.float64), np.asarray(target, np.float64)
    source_mean, target_mean = source_points.mean(axis=0), target_points.mean(axis=0)
    s, t = source_points - source_mean, target_points - target_mean
    u, singular, vt = np.linalg.svd(t.T @ s / len(source_points))
    sign = np.diag([1.0, np.sign(np.linalg.det(u @ vt))])
    rotation = u @ sign @ vt
    scale = np.trace(np.diag(singular) @ sign) / s.var(axis=0).sum()
    shift = target_mean - scale * rotation @ source_mean
    return np.hstack([scale * rotation, shift[:, None]])


def aligned_crop(bgr: NDArray[np.uint8], kps: ArrayLike, size: int, detail_px: int | None = None,
                 antialias: bool = False) -> NDArray[np.uint8]:
    """The face aligned onto a `size` square crop. With `antialias`, a face more than twice the
    crop's size is area-averaged down first (warpAffine's bilinear taps alias when shrinking).
    With `detail_px`, the face is brought to a `detail_px` crop and enlarged to `size`, so every
    face carries about the detail of the card's small photo, whatever the source resolution."""
    working = detail_px or size
    matrix = similarity_matrix(kps, template_points(working))
    scale = float(np.hypot(matrix[0, 0], matrix[0, 1]))
    source = bgr
    if antialias and scale < 0.5:
        factor = 2.0 * scale
        source = np.asarray(cv2.resize(bgr, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), np.uint8)
        matrix = similarity_matrix(np.asarray(kps, np.float64) * factor, template_points(working))
    crop = cv2.warpAffine(source, matrix, (working, working), flags=cv2.INTER_LINEAR, borderValue=0.0)
    if working != size:
        crop = cv2.resize(crop, (size, size), interpolation=cv2.INTER_CUBIC)
    return np.asarray(crop, np.uint8)
