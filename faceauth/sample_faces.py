"""Faces the project may legally hold, and the chip photos and camera frames made from them.

Used by the demo's recorded camera, the tests and the benchmarks. Sources (see
resources/faces/README.md): scikit-image's `astronaut` (NASA, public domain) ships in the
scikit-image wheel; the group photo `t1.jpg` ships in the insightface wheel and is read from the
installed package at run time, never copied into the repository. Nothing here writes to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
from numpy.typing import NDArray

from .detection import Detection
from .resources import resource_dir

Image = NDArray[np.uint8]  # BGR, as OpenCV gives it
Detect = Callable[[Image], list[Detection]]

CHIP_SIZE = (200, 257)  # width, height of the card's photo, as the card engineer's virtual cards
FRAME_SIZE = (640, 480)


@dataclass(frozen=True)
class Person:
    name: str
    image: Image = field(repr=False)  # BGR
    box: tuple[float, float, float, float]  # face box x1, y1, x2, y2 in `image`

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2

    @property
    def face_width(self) -> float:
        return self.box[2] - self.box[0]


def astronaut_bgr() -> Image:
    from skimage import data

    return np.asarray(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR), np.uint8)  # type: ignore[no-untyped-call]


def group_photo_bgr() -> Image:
    path = resources.files("insightface") / "data" / "images" / "t1.jpg"
    return _decoded(cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_COLOR))


def _decoded(image: object) -> Image:
    if image is None:
        raise ValueError("the image does not decode")
    return np.asarray(image, np.uint8)


def people(detect: Detect) -> list[Person]:
    """The astronaut and the six people of the group photo (left to right), found with `detect(bgr)`."""
    found = [Person("astronaut", astronaut_bgr(), _box(detect(astronaut_bgr())[0]))]
    group = group_photo_bgr()
    faces = sorted((face for face in detect(group) if face.score >= 0.95), key=lambda face: face.box[0])
    found += [Person(f"group-{i + 1}", group, _box(face)) for i, face in enumerate(faces)]
    return found


def _box(face: Detection) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in face.box)
    return x1, y1, x2, y2


def chip_photo(person: Person, jpeg2000: bool = True) -> bytes | Image:
    """A card-like photo: head and shoulders, greyscale, 200x257, encoded as JPEG 2000."""
    width, height = CHIP_SIZE
    scale = 0.62 * width / person.face_width  # the face fills about 60 % of the photo's width
    cx, cy = person.centre
    matrix = np.array([[scale, 0, width / 2 - scale * cx], [0, scale, 0.46 * height - scale * cy]])
    colour = cv2.warpAffine(person.image, matrix, (width, height), flags=cv2.INTER_AREA,
                            borderMode=cv2.BORDER_REPLICATE)
    grey = cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY)
    if not jpeg2000:
        return np.asarray(grey, np.uint8)
    ok, encoded = cv2.imencode(".jp2", grey, [cv2.IMWRITE_JPEG2000_COMPRESSION_X1000, 250])
    assert ok
    return encoded.tobytes()


def camera_frame(person: Person, face_width: float = 170, shift: tuple[float, float] = (0, 0),
                 angle: float = 0.0, gain: float = 1.0, offset: float = 0.0,
                 frame_size: tuple[int, int] = FRAME_SIZE) -> Image:
    """The person as a colour camera would show them: face `face_width` px wide, centred plus
    `shift` px, rotated `angle` degrees, brightness `gain * pixel + offset`."""
    width, height = frame_size
    scale = face_width / person.face_width
    matrix = cv2.getRotationMatrix2D(person.centre, angle, scale)
    matrix[:, 2] += np.array([width / 2 + shift[0], height / 2 + shift[1]]) - np.array(person.centre)
    frame = cv2.warpAffine(person.image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REFLECT)
    return np.asarray(cv2.convertScaleAbs(frame, alpha=gain, beta=offset), np.uint8)


def recorded_session(person: Person, count: int = 30, seed: int = 4) -> list[Image]:
    """A short, deterministic 'recording' of the person settling in front of the kiosk: the face
    drifts a few pixels, breathes in scale, tilts slightly, and the light varies."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(count):
        phase = i / max(1, count - 1)
        frames.append(camera_frame(
            person,
            face_width=150 + 30 * phase + rng.uniform(-4, 4),
            shift=(rng.uniform(-12, 12), rng.uniform(-10, 10)),
            angle=rng.uniform(-4, 4),
            gain=rng.uniform(0.85, 1.15),
            offset=rng.uniform(-12, 12),
        ))
    return frames


def other_session(person: Person, seed: int) -> Person:
    """The person's photo as if taken another day with another camera (640x480): light from one
    side, colour cast, gamma, a slight turn and tilt, a different scale, blur, noise and JPEG. The
    box is where the face was put (other faces of a group photo may show too)."""
    rng = np.random.default_rng(seed)
    image = person.image.astype(np.float32)
    height, width = image.shape[:2]
    x = np.linspace(-1, 1, width)[None, :, None]
    image *= 1 + rng.uniform(0.2, 0.45) * rng.choice([-1, 1]) * x  # light from one side
    image *= rng.uniform(0.85, 1.15, size=3)[None, None, :]  # white balance
    image = (255 * (np.clip(image, 0, 255) / 255) ** rng.uniform(0.7, 1.4)).astype(np.float32)
    cx, cy = person.centre
    half, squeeze = 50.0, rng.uniform(0.88, 0.96)  # a slight turn: one side of the face shorter
    left, right = (half, half * squeeze) if rng.random() < 0.5 else (half * squeeze, half)
    square = np.array([[cx - half, cy - half], [cx + half, cy - half], [cx - half, cy + half], [cx + half, cy + half]], np.float32)
    keystone = np.array([[cx - half, cy - left], [cx + half, cy - right], [cx - half, cy + left], [cx + half, cy + right]], np.float32)
    turned = np.asarray(cv2.warpPerspective(np.clip(image, 0, 255).astype(np.uint8),
                                            cv2.getPerspectiveTransform(square, keystone),
                                            (width, height), borderMode=cv2.BORDER_REFLECT), np.uint8)
    face_width, shift = rng.uniform(110, 220), (rng.uniform(-40, 40), rng.uniform(-30, 30))
    frame = camera_frame(Person(person.name, turned, person.box), face_width=face_width, shift=shift,
                         angle=rng.uniform(-8, 8))
    blurred = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.6, 1.4))
    noisy = blurred.astype(np.float32) + rng.normal(0, rng.uniform(2, 6), blurred.shape)
    ok, jpeg = cv2.imencode(".jpg", np.clip(noisy, 0, 255).astype(np.uint8),
                            [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(45, 90))])
    centre = np.array(FRAME_SIZE) / 2 + shift
    half_size = np.array([face_width, face_width * (person.box[3] - person.box[1]) / person.face_width]) / 2
    x1, y1 = (float(v) for v in centre - half_size)
    x2, y2 = (float(v) for v in centre + half_size)
    return Person(person.name, _decoded(cv2.imdecode(jpeg, cv2.IMREAD_COLOR)), (x1, y1, x2, y2))


DEMO_RECORDING = resource_dir() / "faces" / "demo-camera.avi"


def write_demo_recording(path: Path = DEMO_RECORDING, count: int = 45, fps: float = 15.0) -> bool:
    """The demo's 'recorded camera': the astronaut (the demo persona's chip photo) settling in
    front of the kiosk, as an MJPG AVI. Written once; False when it already exists."""
    if path.exists():
        return False
    from .matcher import FaceMatcher

    astronaut = Person("astronaut", astronaut_bgr(), _box(FaceMatcher.load().detect(astronaut_bgr())[0]))
    partial = path.with_suffix(".partial.avi")
    writer = cv2.VideoWriter(str(partial), cv2.VideoWriter.fourcc(*"MJPG"), fps, FRAME_SIZE)
    for frame in recorded_session(astronaut, count=count):
        writer.write(frame)
    writer.release()
    partial.replace(path)
    return True


if __name__ == "__main__":
    written = write_demo_recording()
    print(f"demo camera: {DEMO_RECORDING} {'written' if written else 'ready'}")
