"""The face sets bench/face_card_domain.py measures: who was photographed, which card-like photos
enrol them and which colour photos probe them.

- `repository_set()`: the faces the repository may hold (faceauth.sample_faces: scikit-image's
  public-domain astronaut, the six people of insightface's t1.jpg). One photo per person exists, so
  the "other session" is made from it (sample_faces.other_session: re-lit, re-coloured, turned,
  rescaled, blurred, noised, JPEG-compressed). Much easier than real other days: same hair, same
  expression, same age.
- `folder_set(root)`: real photos, `root/<person>/<photo>.jpg|png`, as the issue's held-out sets
  are measured: every photo in turn made card-like and enrolled, every other photo a colour probe.
  Nothing is written anywhere.
- `moving_session(person)`: a probe photo as a few seconds of camera: sample_faces.recorded_session
  (drift, breathing scale, tilt, light) with a patient who moves, so a third of the frames carry
  motion blur of 3-12 px in some direction (most too mild for the blurred guidance to catch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from faceauth import Detection, sample_faces
from faceauth.guidance import main_face
from faceauth.thresholds import CAMERA_MIN_FACE_PX

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".ppm", ".pgm", ".jp2", ".webp", ".tif", ".tiff"}


@dataclass(frozen=True)
class Sample:
    person: str
    photo: str  # pairs of one person from the same photo are not genuine pairs
    enrols: bool  # a card-like photo is made from it (None below when no face was found)
    probes: bool  # it is shown to the matcher as a colour photo
    chip: bytes | None = field(default=None, repr=False)  # card-like photo that enrols
    probe: sample_faces.Person | None = field(default=None, repr=False)  # colour photo that probes
    face: Detection | None = field(default=None, repr=False)  # the probe's face, as the detector found it


def _face_in(image: np.ndarray, detect, near: tuple[float, float] | None = None,
             within: float = 0.0) -> Detection | None:
    """The largest face, or with `near` the one whose centre is nearest that point and no farther
    than `within` pixels (neighbours of the group photo show at the edges of its frames). In large
    photos faces under a tenth of the side are not looked for (it keeps the detector fast);
    camera-sized ones get the kiosk's own limit."""
    smallest = min(image.shape[:2]) // 10
    faces = detect(image, smallest if smallest > CAMERA_MIN_FACE_PX else None)
    if near is None:
        return main_face(faces)[0]
    distances = [float(np.hypot(f.centre[0] - near[0], f.centre[1] - near[1])) for f in faces]
    return faces[int(np.argmin(distances))] if distances and min(distances) <= within else None


def _probe(name: str, photo: str, image: np.ndarray | None, detect, card: bool = False,
           expected: sample_faces.Person | None = None) -> Sample:
    near, within = (expected.centre, expected.face_width / 2) if expected else (None, 0.0)
    face = None if image is None else _face_in(image, detect, near, within)
    if face is None:
        return Sample(name, photo, card, True)  # counted as failing to enrol and to probe
    person = sample_faces.Person(name, image, tuple(float(v) for v in face.box))
    return Sample(name, photo, card, True, sample_faces.chip_photo(person) if card else None, person, face)


def folder_set(root: Path, detect) -> list[Sample]:
    samples = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES):
            image = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR)
            samples.append(_probe(folder.name, path.name, image, detect, card=True))
    return samples


def repository_set(detect, sessions: int = 30) -> list[Sample]:
    samples = []
    for index, person in enumerate(sample_faces.people(detect)):
        samples.append(Sample(person.name, "card", True, False, sample_faces.chip_photo(person)))
        for seed in range(sessions):
            session = sample_faces.other_session(person, seed=1000 * index + seed)
            samples.append(_probe(person.name, f"session-{seed}", session.image, detect, expected=session))
    return samples


def moving_session(person: sample_faces.Person, count: int, seed: int,
                   blurred_share: float = 1 / 3) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    frames = sample_faces.recorded_session(person, count=count, seed=seed)
    for index, frame in enumerate(frames):
        if rng.random() < blurred_share:
            frames[index] = _motion_blurred(frame, length=int(rng.integers(3, 13)), angle=rng.uniform(0, 180))
    return frames


def _motion_blurred(frame: np.ndarray, length: int, angle: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    return cv2.filter2D(frame, -1, kernel / kernel.sum())
