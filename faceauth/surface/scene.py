"""The card on the tray as a camera sees it: placement, perspective and what spoils a picture
(blur, glare, low light and noise, fingers over the edge, JPEG compression)."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

Image = NDArray[np.uint8]  # BGR, as OpenCV gives it
Light = NDArray[np.float32]  # a BGR picture in float while it is being spoiled
Corners = NDArray[np.float32]  # the card's 4 corners in the frame, x y in pixels

SKIN = np.array((120, 150, 205), np.float32)  # BGR
SOFT_SCALE = 4  # glare and finger shading are worked out at 1/4 size, then enlarged


@dataclass(frozen=True)
class Perturbation:
    rotation_deg: float = 0.0
    card_width: float = 0.75  # the card's width as a share of the frame's width
    perspective: float = 0.0  # corner jitter, share of the card's width
    blur_sigma: float = 0.0  # px
    motion_blur: int = 0  # kernel length in px, 0 = none
    glare: float = 0.0  # 0..1, peak brightness added
    light: float = 1.0  # gain; 0.3 is a dim room
    noise_sigma: float = 2.0  # grey levels
    fingers: int = 0
    jpeg_quality: int = 0  # 0 = no compression
    upside_down: bool = False

    @staticmethod
    def random(rng: np.random.Generator, severity: float = 1.0) -> "Perturbation":
        """A plausible bad picture; `severity` scales every effect (0 = none)."""
        s = severity

        def pick(chance: float) -> bool:
            return rng.random() < chance * s
        return Perturbation(
            rotation_deg=float(rng.uniform(-25, 25) * s),
            card_width=float(rng.uniform(0.6, 0.85)),
            perspective=float(rng.uniform(0, 0.08) * s),
            blur_sigma=float(rng.uniform(0.5, 2.2)) if pick(0.5) else 0.0,
            motion_blur=int(rng.integers(3, 9)) if pick(0.2) else 0,
            glare=float(rng.uniform(0.3, 0.9)) if pick(0.35) else 0.0,
            light=float(rng.uniform(0.25, 0.6)) if pick(0.3) else float(rng.uniform(0.8, 1.1)),
            noise_sigma=float(rng.uniform(1, 6) * max(s, 0.2)),
            fingers=int(rng.integers(1, 3)) if pick(0.4) else 0,
            jpeg_quality=int(rng.integers(55, 95)) if pick(0.5) else 0,
        )


def _tray(rng: np.random.Generator, size: tuple[int, int]) -> Light:
    width, height = size
    base = rng.uniform(35, 75)
    small = rng.normal(base, 10, (height // 16 + 1, width // 16 + 1)).astype(np.float32)
    texture = np.asarray(cv2.resize(cv2.GaussianBlur(small, (5, 5), 0), (width, height)), np.float32)
    tray: NDArray[np.float64] = np.dstack([texture * f for f in rng.uniform(0.85, 1.1, 3)])
    return np.clip(tray, 0, 255).astype(np.float32)


def _card_corners(p: Perturbation, card_size: tuple[int, int], rng: np.random.Generator,
                  size: tuple[int, int]) -> Corners:
    """Where the card's four corners land in the frame (top-left, top-right, bottom-right, bottom-left)."""
    card_w, card_h = card_size
    width, height = size
    scale = p.card_width * width / card_w
    half = np.array([[-card_w, -card_h], [card_w, -card_h], [card_w, card_h], [-card_w, card_h]]) / 2
    angle = np.deg2rad(p.rotation_deg + (180.0 if p.upside_down else 0.0))
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    corners: NDArray[np.float64] = half @ turn.T * scale
    corners += rng.uniform(-1, 1, (4, 2)) * p.perspective * card_w * scale
    span = corners.max(0) - corners.min(0)
    room = np.maximum(np.array(size) - span, 0) / 2
    centre: NDArray[np.float64] = np.array(size) / 2 + rng.uniform(-1, 1, 2) * room * 0.6
    return (corners + centre).astype(np.float32)


def _add_glare(image: Light, strength: float, rng: np.random.Generator, corners: Corners) -> None:
    height, width = image.shape[:2]
    centre = (corners.mean(0) + rng.uniform(-0.35, 0.35, 2) * (corners.max(0) - corners.min(0))) / SOFT_SCALE
    axes = rng.uniform(0.05, 0.16, 2) * width / SOFT_SCALE
    yy, xx = np.mgrid[0:height // SOFT_SCALE, 0:width // SOFT_SCALE].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    dx, dy = xx - centre[0], yy - centre[1]
    u = (dx * np.cos(angle) + dy * np.sin(angle)) / axes[0]
    v = (-dx * np.sin(angle) + dy * np.cos(angle)) / axes[1]
    light = cv2.resize((255 * strength * np.exp(-(u * u + v * v))).astype(np.float32), (width, height))
    image += light[..., None]


def _add_finger(image: Light, corners: Corners, rng: np.random.Generator) -> None:
    """A fingertip reaching over one edge of the card from outside it."""
    side = int(rng.integers(4))
    a, b = corners[side], corners[(side + 1) % 4]
    along = a + (b - a) * rng.uniform(0.1, 0.9)
    inward = corners.mean(0) - along
    inward /= np.linalg.norm(inward)
    card_w = np.linalg.norm(corners[1] - corners[0])
    tip = along + inward * card_w * rng.uniform(0.03, 0.25)
    base = along - inward * card_w * 0.5
    thickness = int(card_w * rng.uniform(0.14, 0.2))
    height, width = image.shape[:2]
    mask = np.zeros((height // SOFT_SCALE, width // SOFT_SCALE), np.uint8)
    cv2.line(mask, tuple(int(v / SOFT_SCALE) for v in base), tuple(int(v / SOFT_SCALE) for v in tip), 255,
             max(1, thickness // SOFT_SCALE))
    mask = np.asarray(cv2.GaussianBlur(mask, (0, 0), thickness / 8 / SOFT_SCALE), np.uint8)
    soft = cv2.resize(mask, (width, height)).astype(np.float32)[..., None] / 255
    shade = SKIN * rng.uniform(0.75, 1.1)
    image[:] = image * (1 - soft) + shade * soft


def _motion_blur(image: Light, length: int, rng: np.random.Generator) -> Light:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1.0)
    kernel = np.asarray(cv2.warpAffine(kernel, turn, (length, length)), np.float32)
    return np.asarray(cv2.filter2D(image, -1, kernel / max(kernel.sum(), 1e-6)), np.float32)


def place_on_tray(card: Image, card_mask: NDArray[np.uint8], p: Perturbation, rng: np.random.Generator,
                  size: tuple[int, int]) -> Image:
    """The flat card (with its outline mask) photographed on the tray under `p` (BGR uint8)."""
    height, width = card.shape[:2]
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    corners = _card_corners(p, (width, height), rng, size)
    homography = cv2.getPerspectiveTransform(source, corners)
    warped = cv2.warpPerspective(card, homography, size, flags=cv2.INTER_AREA).astype(np.float32)
    alpha = cv2.warpPerspective(card_mask, homography, size).astype(np.float32)[..., None] / 255
    image = np.asarray(_tray(rng, size) * (1 - alpha) + warped * alpha, np.float32)  # float32 already
    for _ in range(p.fingers):
        _add_finger(image, corners, rng)
    if p.glare:
        _add_glare(image, p.glare, rng, corners)
    image *= p.light
    if p.blur_sigma:
        image = np.asarray(cv2.GaussianBlur(image, (0, 0), p.blur_sigma), np.float32)
    if p.motion_blur:
        image = _motion_blur(image, p.motion_blur, rng)
    image += rng.standard_normal(image.shape, dtype=np.float32) * p.noise_sigma
    out = np.clip(image, 0, 255).astype(np.uint8)
    if p.jpeg_quality:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, p.jpeg_quality])
        decoded = cv2.imdecode(data, cv2.IMREAD_COLOR) if ok else None
        if decoded is None:
            raise RuntimeError(f"OpenCV could not JPEG-compress the picture at quality {p.jpeg_quality}")
        out = np.asarray(decoded, np.uint8)
    return out
