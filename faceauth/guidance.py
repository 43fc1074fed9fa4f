"""What the patient should change, as codes the UI translates into friendly words.

Measured on the frame and the main face's 5 landmarks; limits in `thresholds.GuidanceLimits`.
Codes come most useful first: a patient is told one thing at a time.
"""

from __future__ import annotations

import enum
import math

import cv2
import numpy as np

from .align import aligned_crop
from .detection import Detection
from .thresholds import DEFAULT_LIMITS, QUALITY_FULL_DETAIL_PX, QUALITY_FULL_SHARPNESS, GuidanceLimits

ANALYSIS_SIZE = 112  # aligned crop on insightface's template: eyes at y~52, nose 72, mouth 92
NOSE_BRIDGE = (slice(44, 58), slice(50, 62))
EYE_BAND = (slice(40, 62), slice(28, 84))
LOWER_FACE = (slice(80, 104), slice(34, 78))


class Guidance(enum.Enum):
    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"
    TOO_FAR = "too_far"
    TOO_CLOSE = "too_close"
    OFF_CENTRE = "off_centre"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"  # over-exposed or back-lit
    BLURRED = "blurred"
    FACE_TURNED = "face_turned"
    POSSIBLY_MASKED = "possibly_masked"
    MOVE_HEAD_SLIGHTLY = "move_head_slightly"  # only with the optional liveness check


def main_face(faces: list[Detection], limits: GuidanceLimits = DEFAULT_LIMITS) -> tuple[Detection | None, bool]:
    """The largest face, and whether another face is nearly as large (someone beside or behind)."""
    if not faces:
        return None, False
    ordered = sorted(faces, key=lambda face: face.width, reverse=True)
    several = len(ordered) > 1 and ordered[1].width >= limits.several_faces_size * ordered[0].width
    return ordered[0], several


def pose(kps: np.ndarray) -> tuple[float, float]:
    """(yaw, pitch) proxies from the landmarks, free of position, size and head tilt: the nose's
    sideways offset from the eyes' midpoint in eye distances, and its height between eyes (0)
    and mouth (1)."""
    left_eye, right_eye, nose, mouth_left, mouth_right = np.asarray(kps, np.float64)
    eye_mid = (left_eye + right_eye) / 2
    axis = right_eye - left_eye
    eye_distance = float(np.hypot(*axis)) or 1.0
    cos, sin = axis / eye_distance
    rotate = np.array([[cos, sin], [-sin, cos]])
    nose_n = rotate @ (nose - eye_mid) / eye_distance
    mouth_n = rotate @ ((mouth_left + mouth_right) / 2 - eye_mid) / eye_distance
    pitch = nose_n[1] / mouth_n[1] if mouth_n[1] > 1e-6 else math.inf
    return float(nose_n[0]), float(pitch)


def _lightness(grey: np.ndarray, face: Detection) -> tuple[float, float]:
    """Mean grey level of the face box and of the rest of the frame."""
    height, width = grey.shape
    x1, y1, x2, y2 = (int(round(v)) for v in face.box)
    x1, y1, x2, y2 = max(x1, 0), max(y1, 0), min(x2, width), min(y2, height)
    face_sum = float(grey[y1:y2, x1:x2].sum())
    face_area = max(1, (x2 - x1) * (y2 - y1))
    rest_area = max(1, grey.size - face_area)
    return face_sum / face_area, (float(grey.sum()) - face_sum) / rest_area


def _texture(grey_patch: np.ndarray) -> float:
    return float(cv2.Laplacian(grey_patch, cv2.CV_64F).var())


def _sharpness(grey_face: np.ndarray) -> float:
    """Detail relative to contrast, so a dim but sharp face is not called blurred."""
    return _texture(grey_face) / max(float(grey_face.var()), 1e-6)


def _looks_masked(crop: np.ndarray, limits: GuidanceLimits) -> bool:
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.float64)
    colour_distance = float(np.linalg.norm(lab[LOWER_FACE].reshape(-1, 3).mean(0) - lab[NOSE_BRIDGE].reshape(-1, 3).mean(0)))
    grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    texture_ratio = _texture(grey[LOWER_FACE]) / max(_texture(grey[EYE_BAND]), 1e-6)
    return colour_distance > limits.masked_colour_distance and texture_ratio < limits.masked_texture_ratio


def face_guidance(frame: np.ndarray, face: Detection, limits: GuidanceLimits = DEFAULT_LIMITS) -> list[Guidance]:
    """Codes for one face in a frame, most useful first (empty: well posed)."""
    height, width = frame.shape[:2]
    codes = []
    fraction = face.width / width
    if fraction < limits.too_far_width:
        codes.append(Guidance.TOO_FAR)
    elif fraction > limits.too_close_width:
        codes.append(Guidance.TOO_CLOSE)
    cx, cy = face.centre
    if (abs(cx - width / 2) > limits.off_centre * width
            or abs(cy - limits.expected_centre_y * height) > limits.off_centre * height):
        codes.append(Guidance.OFF_CENTRE)
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    face_level, background_level = _lightness(grey, face)
    if face_level < limits.too_dark_mean and background_level - face_level < limits.backlit_difference:
        codes.append(Guidance.TOO_DARK)
    elif face_level > limits.too_bright_mean or background_level - face_level >= limits.backlit_difference:
        codes.append(Guidance.TOO_BRIGHT)
    yaw, pitch = pose(face.kps)
    if abs(yaw) > limits.turned_yaw or not limits.turned_pitch[0] <= pitch <= limits.turned_pitch[1]:
        codes.append(Guidance.FACE_TURNED)
    crop = aligned_crop(frame, face.kps, ANALYSIS_SIZE)
    if _sharpness(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)) < limits.blurred_sharpness:
        codes.append(Guidance.BLURRED)
    elif _looks_masked(crop, limits):
        codes.append(Guidance.POSSIBLY_MASKED)
    return codes


def face_quality(frame: np.ndarray, face: Detection, limits: GuidanceLimits = DEFAULT_LIMITS) -> float:
    """How much a face is worth to the match, 0..1: the product of its size (detail), sharpness
    and pose (frontal 1, at the turned limits 0), each capped at 1."""
    size = min(1.0, face.width / QUALITY_FULL_DETAIL_PX)
    crop = aligned_crop(frame, face.kps, ANALYSIS_SIZE)
    sharpness = min(1.0, _sharpness(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)) / QUALITY_FULL_SHARPNESS)
    yaw, pitch = pose(face.kps)
    low, high = limits.turned_pitch
    pitch_off = abs(pitch - (low + high) / 2) / ((high - low) / 2)
    frontal = max(0.0, 1.0 - abs(yaw) / limits.turned_yaw) * max(0.0, 1.0 - pitch_off)
    return size * sharpness * frontal


def frame_guidance(frame: np.ndarray, faces: list[Detection],
                   limits: GuidanceLimits = DEFAULT_LIMITS) -> tuple[Detection | None, list[Guidance]]:
    """The face to match (None when there is none or several) and the guidance for the frame."""
    face, several = main_face(faces, limits)
    if face is None:
        return None, [Guidance.NO_FACE]
    if several:
        return None, [Guidance.SEVERAL_FACES]
    return face, face_guidance(frame, face, limits)
