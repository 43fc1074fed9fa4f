"""Camera pictures on screen: BGR frames become QImages on the GUI thread (memory only), drawn
scaled, optionally mirrored, with the oval the patient puts their face into."""
from __future__ import annotations

import time

import cv2
import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def to_qimage(bgr: np.ndarray) -> QImage:
    """A QImage owning its own copy of the pixels (the array may be reused by the camera)."""
    if bgr.ndim == 2:
        bgr = cv2.cvtColor(bgr, cv2.COLOR_GRAY2BGR)
    height, width = bgr.shape[:2]
    bgr = np.ascontiguousarray(bgr)
    return QImage(bgr.data, width, height, bgr.strides[0], QImage.Format.Format_BGR888).copy()


def decode_photo(jpeg2000: bytes) -> QImage:
    """The chip photo (JPEG 2000) as a QImage; a null image when it cannot be decoded."""
    image = cv2.imdecode(np.frombuffer(jpeg2000, np.uint8), cv2.IMREAD_COLOR) if jpeg2000 else None
    return to_qimage(image) if image is not None else QImage()


class FrameRate:
    """Frames shown per second over the last second or so (for the benchmark and the tests)."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def tick(self) -> None:
        now = time.monotonic()
        self.times = [t for t in self.times if now - t <= 1.0] + [now]

    def per_second(self) -> float:
        if len(self.times) < 2:
            return 0.0
        return (len(self.times) - 1) / max(self.times[-1] - self.times[0], 1e-6)


class Picture(QWidget):
    """A still or live picture, scaled to fit; `guide` draws the face oval where the face is
    expected (`face_centre_y`, in picture heights): dashed while searching, solid and green when
    `ok` (the shape changes too, not only the colour)."""

    def __init__(self, *, mirrored: bool = False, guide: bool = False) -> None:
        super().__init__()
        self.mirrored, self.guide, self.ok = mirrored, guide, False
        self.face_centre_y = 0.5
        self.placeholder = ""        # said on the dark area until the first picture arrives
        self.image = QImage()
        self.rate = FrameRate()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def show_image(self, image: QImage) -> None:
        self.image = image.flipped(Qt.Orientation.Horizontal) if self.mirrored and not image.isNull() else image
        self.rate.tick()
        self.update()

    def clear(self) -> None:
        self.image = QImage()
        self.rate = FrameRate()
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        target = QRectF(self.rect())
        if not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                            size.width(), size.height())
            painter.drawImage(target, self.image)
        elif self.placeholder:
            painter.setPen(QColor("#f2f2f2"))
            painter.setFont(self.font())     # the style sheet's size (bigger in big-text mode)
            painter.drawText(self.rect().adjusted(16, 16, -16, -16),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.placeholder)
        if self.guide and not self.image.isNull():
            oval_h = target.height() * 0.72
            centre_y = target.top() + target.height() * self.face_centre_y
            centre_y = min(max(centre_y, target.top() + oval_h / 2), target.bottom() - oval_h / 2)
            oval = QRectF(target.center().x() - oval_h * 0.38, centre_y - oval_h / 2,
                          oval_h * 0.76, oval_h)
            painter.setPen(QPen(QColor("#2e9d4f" if self.ok else "#f2f2f2"), 10 if self.ok else 6,
                                Qt.PenStyle.SolidLine if self.ok else Qt.PenStyle.DashLine))
            painter.drawEllipse(oval)
        painter.end()
