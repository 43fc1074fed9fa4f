"""The card's face photo: a small greyscale JPEG 2000, tightly cropped around the face."""

from __future__ import annotations

import cv2
import numpy as np

from .errors import ChipPhotoError

PADDING = 0.25  # of each side, on every side: the detector needs context around the face


def decode_chip_photo(jp2_bytes: bytes) -> np.ndarray:
    """BGR image of the card's photo (grey replicated into three channels)."""
    image = cv2.imdecode(np.frombuffer(jp2_bytes, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None or image.size == 0:
        raise ChipPhotoError("the card's photo is not a readable JPEG 2000 image")
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)


def pad_for_detection(bgr: np.ndarray) -> np.ndarray:
    height, width = bgr.shape[:2]
    dy, dx = int(round(height * PADDING)), int(round(width * PADDING))
    fill = [int(v) for v in np.median(np.concatenate([bgr[0], bgr[-1], bgr[:, 0], bgr[:, -1]]), axis=0)]
    return cv2.copyMakeBorder(bgr, dy, dy, dx, dx, cv2.BORDER_CONSTANT, value=fill)
