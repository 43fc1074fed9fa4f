"""Frames that show one problem each, made from the sample faces (nothing read from disk)."""

import cv2
import numpy as np

from faceauth import sample_faces
from faceauth.detection import Detection


class StepClock:
    """A camera at 10 frames per second (or 1 / `step`): each reading of the clock is a frame later."""

    def __init__(self, step: float = 0.1) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def with_mask(frame: np.ndarray, face: Detection) -> np.ndarray:
    """A pale blue pleated surgical mask drawn from below the nose bridge to the chin."""
    left_eye, right_eye, _, mouth_left, mouth_right = face.kps
    eye_distance = float(np.linalg.norm(right_eye - left_eye))
    eye_y, mouth_y = (left_eye[1] + right_eye[1]) / 2, (mouth_left[1] + mouth_right[1]) / 2
    span = mouth_y - eye_y
    top, bottom = eye_y + 0.45 * span, mouth_y + 0.95 * span
    left, right = left_eye[0] - 0.6 * eye_distance, right_eye[0] + 0.6 * eye_distance
    middle = (left + right) / 2
    outline = np.array([[left, top + 0.1 * span], [middle, top - 0.05 * span], [right, top + 0.1 * span],
                        [right - 0.1 * eye_distance, bottom - 0.3 * span], [middle, bottom],
                        [left + 0.1 * eye_distance, bottom - 0.3 * span]], np.int32)
    masked = frame.copy()
    cv2.fillPoly(masked, [outline], (225, 205, 170), lineType=cv2.LINE_AA)
    for share in (0.3, 0.5, 0.7):
        y = int(top + share * (bottom - top))
        cv2.line(masked, (int(left + 0.15 * eye_distance), y), (int(right - 0.15 * eye_distance), y),
                 (200, 180, 150), 2, cv2.LINE_AA)
    return masked


def backlit(frame: np.ndarray, face: Detection) -> np.ndarray:
    """The face in shade in front of a bright window."""
    x1, y1, x2, y2 = face.box
    spot = np.zeros(frame.shape[:2], np.float32)
    centre = (int((x1 + x2) / 2), int((y1 + y2) / 2))
    cv2.ellipse(spot, (centre, (int((x2 - x1) * 1.3), int((y2 - y1) * 1.6)), 0), 1.0, -1)
    spot = cv2.GaussianBlur(spot, (0, 0), 15)[..., None]
    return (frame * 0.55 * spot + 245.0 * (1 - spot)).astype(np.uint8)


def two_people(first: sample_faces.Person, second: sample_faces.Person) -> np.ndarray:
    """Two people side by side, each face about 120 px wide."""
    left = sample_faces.camera_frame(first, face_width=120, frame_size=(320, 480))
    right = sample_faces.camera_frame(second, face_width=120, frame_size=(320, 480))
    return np.hstack([left, right])


def empty_room() -> np.ndarray:
    """A wall and a door frame: no face."""
    frame = np.full((480, 640, 3), 180, np.uint8)
    cv2.rectangle(frame, (420, 60), (560, 480), (120, 100, 90), -1)
    return cv2.GaussianBlur(frame, (0, 0), 2)


def head_turned(frame: np.ndarray, face: Detection, amount: float) -> np.ndarray:
    """A small head turn: the nose and the middle of the face shift sideways by `amount` eye
    distances while eyes and face outline stay (a flat photo cannot do this)."""
    left_eye, right_eye, nose = face.kps[0], face.kps[1], face.kps[2]
    eye_distance = float(np.linalg.norm(right_eye - left_eye))
    height, width = frame.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    bump = np.exp(-((xs - nose[0]) ** 2 + (ys - nose[1]) ** 2) / (2 * (0.45 * eye_distance) ** 2))
    return cv2.remap(frame, xs - amount * eye_distance * bump, ys, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REFLECT)


def photo_tilted(frame: np.ndarray, amount: float) -> np.ndarray:
    """The whole picture seen at a slant, as a printed photo turned in the hand."""
    height, width = frame.shape[:2]
    shift = amount * height
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    slanted = np.float32([[0, -shift], [width, shift], [width, height - shift], [0, height + shift]])
    return cv2.warpPerspective(frame, cv2.getPerspectiveTransform(corners, slanted), (width, height),
                               borderMode=cv2.BORDER_REFLECT)
