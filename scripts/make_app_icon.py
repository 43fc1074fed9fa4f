"""The Windows program icon (oqs-kiosk.ico, for kiosk.spec): the card-placing illustration drawn
by Qt's SVG renderer at the sizes Explorer and the taskbar use, written as one ICO by Pillow.
Usage: make_app_icon.py SVG ICO (run by scripts/setup.d/57-app-icon.sh; skipped when up to date)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 256)


def render(svg: Path, size: int) -> Image.Image:
    renderer = QSvgRenderer(str(svg))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)   # centred, not stretched
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data())))


def main(svg: Path, ico: Path) -> None:
    if ico.exists() and ico.stat().st_mtime >= max(svg.stat().st_mtime, Path(__file__).stat().st_mtime):
        return
    app = QGuiApplication.instance() or QGuiApplication(["make_app_icon", "-platform", "offscreen"])
    largest = render(svg, max(SIZES))
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES])
    del app
    print(f"app icon: {ico} ({', '.join(map(str, SIZES))} px)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
