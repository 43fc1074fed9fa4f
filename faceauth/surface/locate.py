"""Finds the card in a tray picture and straightens it: the light, unsaturated ID-1 rectangle on the
darker tray, its outline taken from the convex hull (so fingers over an edge leave it whole) and
its corners from lines fitted to the four sides."""
from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from . import layout

Image = NDArray[np.uint8]  # BGR, as OpenCV gives it
Corners = NDArray[np.float32]  # n x 2 pixel positions: a hull, or a card's 4 corners

WORK_WIDTH = 640  # the outline is found on a frame scaled to this width
MIN_CARD_SHARE = 0.05  # of the frame's area
MAX_CARD_SHARE = 0.9
MIN_CONTRAST = 20  # grey levels between the card and the tray around it
MAX_SATURATION = 70  # skin and tray colours are more saturated than the card stock
CORNER_TRIM = 0.12  # share of a side near its corners left out of the line fit
ID1_RATIO = layout.CARD_MM[0] / layout.CARD_MM[1]


def _card_region(small: Image) -> Corners | None:
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    value = cv2.GaussianBlur(hsv[..., 2], (5, 5), 0)
    threshold, _ = cv2.threshold(value, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = value > threshold
    if not bright.any() or bright.all() or value[bright].mean() - value[~bright].mean() < MIN_CONTRAST:
        return None  # nothing stands out from the tray
    mask = (bright & (hsv[..., 1] < MAX_SATURATION)).astype(np.uint8) * 255
    mask = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)), np.uint8)
    mask = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8)), np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    if not MIN_CARD_SHARE * mask.size < cv2.contourArea(largest) < MAX_CARD_SHARE * mask.size:
        return None
    return cv2.convexHull(largest).reshape(-1, 2).astype(np.float32)


def _rough_quad(hull: Corners) -> Corners:
    perimeter = cv2.arcLength(hull, True)
    for share in (0.02, 0.03, 0.05, 0.08):
        quad = cv2.approxPolyDP(hull, share * perimeter, True).reshape(-1, 2)
        if len(quad) == 4:
            return quad.astype(np.float32)
    return cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)


def _densify(polygon: Corners, step: float = 2.0) -> NDArray[np.float64]:
    points = []
    for a, b in zip(polygon, np.roll(polygon, -1, axis=0)):
        count = max(1, int(np.linalg.norm(b - a) / step))
        points.append(a + (b - a) * np.linspace(0, 1, count, endpoint=False)[:, None])
    return np.concatenate(points)


def _refine(quad: Corners, hull: Corners) -> Corners:
    """Corners where lines fitted to the hull's four sides meet (rounded corners left out)."""
    points = _densify(hull)
    lines = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0)):
        side = b - a
        length = float(np.linalg.norm(side))
        t = (points - a) @ side / (length * length)
        offset = points - a
        distance = np.abs(side[0] * offset[:, 1] - side[1] * offset[:, 0]) / length
        near = points[(t > CORNER_TRIM) & (t < 1 - CORNER_TRIM) & (distance < 0.04 * length)]
        if len(near) < 5:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for (p1, d1), (p2, d2) in zip(lines[-1:] + lines[:-1], lines):
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return quad
        s, _ = np.linalg.solve(matrix, p2 - p1)
        corners.append(p1 + s * d1)
    return np.array(corners, np.float32)


def _in_reading_order(quad: Corners) -> Corners:
    """Top-left first, clockwise, the long side on top."""
    centre = quad.mean(0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    quad = quad[np.argsort(angles)]  # clockwise in image coordinates, starting anywhere
    start = int(np.argmin(quad.sum(1)))
    quad = np.roll(quad, -start, axis=0)
    if np.linalg.norm(quad[1] - quad[0]) < np.linalg.norm(quad[3] - quad[0]):
        quad = np.roll(quad, -1, axis=0)  # standing on its short side: the top is the long one
    return quad


def find_card(frame: Image) -> Corners | None:
    """The card's corners in `frame` (4x2, top-left first, clockwise), or None if no card shows."""
    scale = WORK_WIDTH / frame.shape[1]
    small = np.asarray(cv2.resize(frame, (WORK_WIDTH, round(frame.shape[0] * scale)), interpolation=cv2.INTER_AREA),
                       np.uint8)
    hull = _card_region(small)
    if hull is None:
        return None
    quad = _in_reading_order(_refine(_rough_quad(hull), hull))
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    ratio = (sides[0] + sides[2]) / max(sides[1] + sides[3], 1e-6)
    if not 0.75 * ID1_RATIO < ratio < 1.3 * ID1_RATIO:
        return None
    return np.asarray(quad / scale, np.float32)  # already float32: the dtype shown to mypy


def straighten(frame: Image, corners: Corners, upside_down: bool = False) -> Image:
    """The card cut out of `frame` and warped flat at layout.PX_PER_MM."""
    width, height = (round(v * layout.PX_PER_MM) for v in layout.CARD_MM)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    source = np.roll(corners, 2, axis=0) if upside_down else corners
    homography = cv2.getPerspectiveTransform(source.astype(np.float32), target)
    return np.asarray(cv2.warpPerspective(frame, homography, (width, height), flags=cv2.INTER_LINEAR), np.uint8)
