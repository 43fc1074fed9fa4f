"""How a top-level window is put on the kiosk's screen: full screen without a frame (or a normal
window for development), with the optional picture for vendor documentation and the optional
self-closing used by start-up checks."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget


def present(window: QWidget, *, windowed: bool, screenshot: str | None,
            quit_after: float | None, leave: Callable[[], object]) -> None:
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.showFullScreen()
    if screenshot:
        QTimer.singleShot(300, lambda: window.grab().save(screenshot))
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), leave)
