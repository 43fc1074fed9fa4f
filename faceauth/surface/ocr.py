"""Reads one printed line per image with PP-OCRv4's text recogniser (Apache-2.0), the ONNX file and
character list shipped inside the `rapidocr-onnxruntime` wheel, run directly on onnxruntime.

Returns every character with its own probability, so a field's confidence is that of its weakest
character rather than an average that a single doubtful digit hides in.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import cv2
import numpy as np
import onnxruntime as ort

MODEL_PACKAGE = "rapidocr_onnxruntime"
MODEL_FILE = "models/ch_PP-OCRv4_rec_infer.onnx"
INPUT_HEIGHT = 48
MIN_INPUT_WIDTH = 320
BLANK = 0


@dataclass(frozen=True)
class Line:
    text: str
    probabilities: tuple[float, ...]  # one per character of `text`


class LineRecognizer:
    def __init__(self, threads: int = 2) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        model = resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)
        with resources.as_file(model) as path:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        characters = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self._classes = ["<blank>", *characters, " "]
        self._input = self._session.get_inputs()[0].name

    @staticmethod
    @functools.cache
    def shared() -> "LineRecognizer":
        """One recogniser per process (loading takes ~0.3 s)."""
        return LineRecognizer()

    def read(self, images: list[np.ndarray]) -> list[Line]:
        """Each BGR image holds one line of text, left to right."""
        scaled = [cv2.resize(image, (max(8, round(image.shape[1] * INPUT_HEIGHT / image.shape[0])),
                                     INPUT_HEIGHT), interpolation=cv2.INTER_AREA) for image in images]
        width = max(MIN_INPUT_WIDTH, *(image.shape[1] for image in scaled))
        batch = np.zeros((len(scaled), 3, INPUT_HEIGHT, width), np.float32)
        for i, image in enumerate(scaled):
            batch[i, :, :, :image.shape[1]] = image.transpose(2, 0, 1) / 127.5 - 1.0
        probabilities = self._session.run(None, {self._input: batch})[0]
        return [self._decode(p) for p in probabilities]

    def _decode(self, steps: np.ndarray) -> Line:
        """Greedy CTC: best class per step, repeats merged, blanks dropped."""
        best = steps.argmax(1)
        confidence = steps.max(1)
        text, probabilities, previous = [], [], BLANK
        for index, p in zip(best, confidence):
            if index != BLANK and index != previous:
                text.append(self._classes[index])
                probabilities.append(float(p))
            elif index != BLANK and probabilities:
                probabilities[-1] = max(probabilities[-1], float(p))
            previous = index
        return Line("".join(text), tuple(probabilities))
