"""The patient's own adjustments, one large toggle each in the header of every screen: big text,
high contrast, seated layout. Pictograms (not words) so the three fit beside the languages at
1024 px even in big text; their accessible names say the words. A toggle that is on carries a
check mark and a thick border, not only a colour. Everything returns to the facility's defaults
at idle."""
from __future__ import annotations

import functools
from typing import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.adapters.face import expected_face_centre_y
from ui.screens.base import button
from ui.theme import Look, themed_sheet

CHECK_SIZE = 32
PICTOGRAM = 48      # px on screen; drawn at twice the size for sharp edges
INK, PAPER = QColor("#000000"), QColor("#ffffff")


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _tick(painter: QPainter, box: QRectF) -> None:
    """A check on a white disc with a black ring: visible on any button colour."""
    painter.setPen(QPen(INK, box.width() / 16))
    painter.setBrush(PAPER)
    painter.drawEllipse(box.adjusted(2, 2, -2, -2))
    unit = box.width() / 64
    tick = QPainterPath(QPointF(box.left() + 16 * unit, box.top() + 33 * unit))
    tick.lineTo(box.left() + 28 * unit, box.top() + 45 * unit)
    tick.lineTo(box.left() + 48 * unit, box.top() + 20 * unit)
    painter.setPen(QPen(INK, 8 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)


@functools.cache
def check_icon() -> QIcon:
    pixmap, painter = _canvas(CHECK_SIZE * 2)
    _tick(painter, QRectF(0, 0, CHECK_SIZE * 2, CHECK_SIZE * 2))
    painter.end()
    return QIcon(pixmap)


def mark_checked(key: QPushButton) -> None:
    """Show a checkable (worded) button's state by a check mark beside its words."""
    key.setIcon(check_icon() if key.isChecked() else QIcon())
    key.setIconSize(QSize(CHECK_SIZE, CHECK_SIZE))


def _text_size(painter: QPainter, size: int) -> None:
    font = QFont("DejaVu Sans")
    font.setBold(True)
    painter.setPen(INK)
    for pixels, left in ((size * 0.34, size * 0.10), (size * 0.62, size * 0.40)):
        font.setPixelSize(int(pixels))
        painter.setFont(font)
        painter.drawText(QPointF(left, size * 0.82), "A")


def _contrast(painter: QPainter, size: int) -> None:
    disc = QRectF(size * 0.14, size * 0.14, size * 0.72, size * 0.72)
    painter.setPen(QPen(INK, size * 0.06))
    painter.setBrush(PAPER)
    painter.drawEllipse(disc)
    painter.setBrush(INK)
    painter.drawPie(disc, 90 * 16, 180 * 16)


def _seated(painter: QPainter, size: int) -> None:
    """The wheelchair pictogram: head, back and seat, wheel."""
    unit = size / 100
    painter.setBrush(INK)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(38 * unit, 16 * unit), 9 * unit, 9 * unit)
    pen = QPen(INK, 10 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    body = QPainterPath(QPointF(38 * unit, 32 * unit))
    body.lineTo(40 * unit, 58 * unit)
    body.lineTo(66 * unit, 58 * unit)
    body.lineTo(76 * unit, 82 * unit)
    painter.drawPath(body)
    painter.drawLine(QPointF(40 * unit, 44 * unit), QPointF(60 * unit, 44 * unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(INK, 7 * unit))
    painter.drawArc(QRectF(14 * unit, 46 * unit, 44 * unit, 44 * unit), 30 * 16, 300 * 16)


def _speaker(painter: QPainter, size: int) -> None:
    """A loudspeaker with two sound waves: "listen again"."""
    unit = size / 100
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    cone = QPainterPath(QPointF(14 * unit, 38 * unit))
    for x, y in ((30, 38), (50, 20), (50, 80), (30, 62), (14, 62)):
        cone.lineTo(x * unit, y * unit)
    cone.closeSubpath()
    painter.drawPath(cone)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(INK, 7 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for radius in (16, 30):
        painter.drawArc(QRectF((50 - radius) * unit, (50 - radius) * unit, 2 * radius * unit,
                               2 * radius * unit), -50 * 16, 100 * 16)


PICTOGRAMS = {"big": _text_size, "contrast": _contrast, "seated": _seated}   # the toggles, in order
DRAWINGS = {**PICTOGRAMS, "replay": _speaker}


@functools.cache
def pictogram(kind: str, on: bool) -> QIcon:
    """The pictogram on a white tile (readable in every theme), with a check in the corner when on."""
    size = PICTOGRAM * 2
    pixmap, painter = _canvas(size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PAPER)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.16, size * 0.16)
    DRAWINGS[kind](painter, size)
    if on:
        _tick(painter, QRectF(size * 0.52, 0, size * 0.48, size * 0.48))
    painter.end()
    return QIcon(pixmap)


class AccessBar(QWidget):
    def __init__(self, seated_by_default: bool, changed: Callable[[Look], None]) -> None:
        super().__init__()
        self.setObjectName("access_bar")
        self.seated_by_default, self.changed = seated_by_default, changed
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.big = button("access", self._toggled)
        self.contrast = button("access", self._toggled)
        self.seated = button("access", self._toggled)
        for key in self.keys():
            key.setCheckable(True)
            key.setIconSize(QSize(PICTOGRAM, PICTOGRAM))
            layout.addWidget(key)
        self._show(Look(seated=seated_by_default))

    def keys(self) -> tuple[QPushButton, ...]:
        return self.big, self.contrast, self.seated

    @property
    def look(self) -> Look:
        """What the three keys say now."""
        return Look(big=self.big.isChecked(), contrast=self.contrast.isChecked(), seated=self.seated.isChecked())

    def _toggled(self) -> None:
        self._show(self.look)
        self.changed(self.look)

    def _show(self, look: Look) -> None:
        for kind, key, on in zip(PICTOGRAMS, self.keys(), (look.big, look.contrast, look.seated)):
            key.setChecked(on)
            key.setIcon(pictogram(kind, on))

    def reset(self) -> None:
        """Back to the facility's defaults (the next patient starts afresh)."""
        self.use(Look(seated=self.seated_by_default))

    def use(self, look: Look) -> None:
        if look != self.look:
            self._show(look)
            self.changed(look)

    def retranslate(self) -> None:
        """The words (for assistive technology) in the current language."""
        translate = QCoreApplication.translate
        self.big.setAccessibleName(translate("Access", "Large text"))
        self.big.setAccessibleDescription(translate("Access", "Makes every text on the screen larger, for this visit."))
        self.contrast.setAccessibleName(translate("Access", "High contrast"))
        self.contrast.setAccessibleDescription(translate(
            "Access", "Shows the screen in yellow and white on black, for this visit."))
        self.seated.setAccessibleName(translate("Access", "Seated (wheelchair)"))
        self.seated.setAccessibleDescription(translate(
            "Access", "Moves every button to the lower half of the screen and expects your face lower, for this visit."))


def apply_look(window, look: Look) -> None:
    """Restyle the kiosk window for `look`: the style sheet, and for a seated patient the header
    (with these toggles, cancel and the languages) moved to the bottom, each screen's controls pushed into the
    lower half, the face oval and the face guidance lowered."""
    window.setStyleSheet(themed_sheet(look))
    body = window.centralWidget().layout()
    body.removeWidget(window.header)
    body.insertWidget(body.count() if look.seated else 0, window.header)
    for screen in window.screens.values():
        screen.seat(look.seated)
    window.countdown.at_top = look.seated
    face = window.bridge.face
    if face is not None and hasattr(face, "expect_face_centre"):
        face.expect_face_centre(expected_face_centre_y(look.seated))
