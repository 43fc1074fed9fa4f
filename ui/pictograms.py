"""The pictograms drawn for the kiosk (no image files): the access toggles (big text, contrast,
seated), the replay speaker and the identity methods (face, PIN keypad, staff), each on a white
tile readable in every theme, drawn once per kind and state."""
from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

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


def _face(painter: QPainter, size: int) -> None:
    """Face recognition: a face inside the four corners of a camera frame."""
    unit = size / 100
    pen = QPen(INK, 6 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for x, y, dx, dy in ((12, 12, 1, 1), (88, 12, -1, 1), (12, 88, 1, -1), (88, 88, -1, -1)):
        corner = QPainterPath(QPointF(x * unit, (y + 16 * dy) * unit))
        corner.lineTo(x * unit, y * unit)
        corner.lineTo((x + 16 * dx) * unit, y * unit)
        painter.drawPath(corner)
    painter.drawEllipse(QRectF(30 * unit, 24 * unit, 40 * unit, 52 * unit))
    painter.setBrush(INK)
    painter.setPen(Qt.PenStyle.NoPen)
    for x in (42, 58):
        painter.drawEllipse(QPointF(x * unit, 45 * unit), 4 * unit, 4 * unit)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(41 * unit, 52 * unit, 18 * unit, 12 * unit), 200 * 16, 140 * 16)


def _keypad(painter: QPainter, size: int) -> None:
    """The PIN: a 3 x 3 keypad."""
    unit = size / 100
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    for row in range(3):
        for column in range(3):
            painter.drawRoundedRect(QRectF((16 + 24 * column) * unit, (16 + 24 * row) * unit,
                                           18 * unit, 18 * unit), 4 * unit, 4 * unit)


def _staff(painter: QPainter, size: int) -> None:
    """A staff member: head and shoulders with a name badge."""
    unit = size / 100
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawEllipse(QPointF(50 * unit, 30 * unit), 15 * unit, 15 * unit)
    body = QPainterPath(QPointF(18 * unit, 88 * unit))
    body.cubicTo(18 * unit, 56 * unit, 82 * unit, 56 * unit, 82 * unit, 88 * unit)
    body.closeSubpath()
    painter.drawPath(body)
    painter.setBrush(PAPER)
    painter.drawRoundedRect(QRectF(56 * unit, 70 * unit, 16 * unit, 10 * unit), 2 * unit, 2 * unit)


PICTOGRAMS = {"big": _text_size, "contrast": _contrast, "seated": _seated}   # the toggles, in order
DRAWINGS = {**PICTOGRAMS, "replay": _speaker, "face": _face, "pin": _keypad, "staff": _staff}


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
