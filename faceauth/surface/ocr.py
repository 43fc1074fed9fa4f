"""Reads one printed line per image with PP-OCRv4's text recogniser (Apache-2.0), the ONNX file and
character list shipped inside the `rapidocr-onnxruntime` wheel, run directly on onnxruntime.

Returns every character with its own probability, so a field's confidence is that of its weakest
character rather than an average that a single doubtful digit hides in. A line may be read with
only the characters its field can hold (digits, 年月日, era names). The model learnt Chinese
glyphs and takes the Japanese 令 for 今 or 合 and 昭 for 阳, so under a restriction those classes
count for the Japanese character (GLYPH_VARIANTS). A character's probability is then its share
(summed over its variants) of the allowed classes' probability, and a digit read where the
allowed classes together hold less than MIN_DIGIT_MASS gets 0: a digit must be what the model
itself mostly sees.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import cv2
import numpy as np

from ..runtime import cpu_session

MODEL_PACKAGE = "rapidocr_onnxruntime"
MODEL_FILE = "models/ch_PP-OCRv4_rec_infer.onnx"
INPUT_HEIGHT = 48
MIN_INPUT_WIDTH = 320
BLANK = 0
MIN_DIGIT_MASS = 0.5
GLYPH_VARIANTS = {"令": "今合", "昭": "阳"}


@dataclass(frozen=True)
class Line:
    text: str
    probabilities: tuple[float, ...]  # one per character of `text`


def model_path() -> Path:
    """The model inside the installed wheel, found without importing the package: its __init__
    loads rapidocr's whole pipeline (Pillow, Shapely, pyclipper), which the kiosk does not use."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{MODEL_PACKAGE} is not installed: run scripts/setup.sh")
    return Path(list(spec.submodule_search_locations)[0]) / MODEL_FILE


class LineRecognizer:
    def __init__(self, threads: int = 2) -> None:
        self._session = cpu_session(model_path(), threads)
        characters = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self._classes = ["<blank>", *characters, " "]
        self._input = self._session.get_inputs()[0].name
        self._index = {c: i for i, c in enumerate(self._classes) if i != BLANK}

    @functools.lru_cache(maxsize=16)  # noqa: B019  (one recogniser per process: the cache lives as long)
    def _groups(self, allowed: str | None) -> tuple[list[str], np.ndarray] | None:
        """The allowed characters (blank first) and a class x character matrix of 0/1 that sums
        each character's variants into it."""
        if allowed is None:
            return None
        characters = ["<blank>", *sorted(set(allowed))]
        matrix = np.zeros((len(self._classes), len(characters)), np.float32)
        for column, character in enumerate(characters):
            for variant in character + GLYPH_VARIANTS.get(character, ""):
                matrix[BLANK if column == 0 else self._index[variant], column] = 1.0
        return characters, matrix

    @staticmethod
    @functools.cache
    def shared() -> "LineRecognizer":
        """One recogniser per process (loading takes ~0.3 s)."""
        return LineRecognizer()

    def read(self, images: list[np.ndarray], allowed: list[str | None] | None = None) -> list[Line]:
        """Each BGR image holds one line of text, left to right; `allowed[i]` (None: any) are the
        characters image i may hold."""
        scaled = [cv2.resize(image, (max(8, round(image.shape[1] * INPUT_HEIGHT / image.shape[0])),
                                     INPUT_HEIGHT), interpolation=cv2.INTER_AREA) for image in images]
        width = max(MIN_INPUT_WIDTH, *(image.shape[1] for image in scaled))
        batch = np.zeros((len(scaled), 3, INPUT_HEIGHT, width), np.float32)
        for i, image in enumerate(scaled):
            batch[i, :, :, :image.shape[1]] = image.transpose(2, 0, 1) / 127.5 - 1.0
        probabilities = self._session.run(None, {self._input: batch})[0]
        allowed = allowed or [None] * len(images)
        allowed = allowed or [None] * len(images)
        return [self._decode(p, self._groups(a)) for p, a in zip(probabilities, allowed)]

    def _decode(self, steps: np.ndarray, groups: tuple[list[str], np.ndarray] | None) -> Line:
        """Greedy CTC: best class per step, repeats merged, blanks dropped."""
        if groups is None:
            classes, best, confidence = self._classes, steps.argmax(1), steps.max(1)
        else:
            classes, matrix = groups
            kept = steps @ matrix
            mass = kept.sum(1)
            best = kept.argmax(1)
            digit = np.array([c.isdigit() for c in classes])
            doubtful_digit = digit[best] & (mass < MIN_DIGIT_MASS)
            confidence = np.where(doubtful_digit, 0.0, kept.max(1) / np.maximum(mass, 1e-9))
        text, probabilities, previous = [], [], BLANK
        for index, p in zip(best, confidence):
            if index != BLANK and index != previous:
                text.append(classes[index])
                probabilities.append(float(p))
            elif index != BLANK and probabilities:
                probabilities[-1] = max(probabilities[-1], float(p))
            previous = index
        return Line("".join(text), tuple(probabilities))
