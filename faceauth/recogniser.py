"""A face recogniser ONNX file run directly on onnxruntime: aligned square crop in, embedding out.

insightface's ArcFaceONNX does the same, but importing insightface pulls in scikit-image and SciPy
(about 80 MB in the vendor's build, 1.5 s at start), so the kiosk runs the session itself and the
tests check it gives insightface's embeddings (tests/face/test_modelpack.py).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from .errors import ModelPackError
from .runtime import cpu_session


class OnnxRecogniser:
    """`input_mean` and `input_std` come from the pack: pixels are fed as (RGB - mean) / std."""

    def __init__(self, path: Path, input_mean: float | None, input_std: float | None) -> None:
        try:
            self.input_mean, self.input_std = float(input_mean), float(input_std)
        except (TypeError, ValueError) as error:
            raise ModelPackError(f"{path.name}: the pack's [recogniser] needs numbers input_mean and "
                                 "input_std") from error
        if self.input_std == 0:
            raise ModelPackError(f"{path.name}: input_std must not be 0")
        try:
            self.session = cpu_session(path)
        except Exception as error:   # onnxruntime raises its own exception types for unreadable files
            raise ModelPackError(f"{path.name} cannot be opened by onnxruntime: {error}") from error
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        shape = inputs[0].shape
        if len(inputs) != 1 or len(outputs) != 1 or len(shape) != 4 or shape[2] != shape[3] \
                or not isinstance(shape[2], int) or shape[2] < 112:
            raise ModelPackError(f"{path.name} is not a recogniser: it needs one square image input "
                                 f"of at least 112 px and one embedding output, not {shape}")
        self.input_name = inputs[0].name
        self.input_size = (shape[3], shape[2])

    def embedding(self, crop_bgr: np.ndarray) -> np.ndarray:
        blob = cv2.dnn.blobFromImage(crop_bgr, 1.0 / self.input_std, self.input_size,
                                     (self.input_mean,) * 3, swapRB=True)
        return self.session.run(None, {self.input_name: blob})[0][0]
