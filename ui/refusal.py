"""The window shown instead of the kiosk when it must not start (settings it refuses, another
kiosk on the same data folder, a store from a newer version): staff read why on the screen itself,
Japanese first, English second, and close it with a large button. The same words go to the log."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.present import present

TITLE_JA = "キオスクを起動できません"
TITLE_EN = "The kiosk cannot start"
ADVICE_JA = "設定を直してから、もう一度起動してください。詳しくはログをご覧ください。"
ADVICE_EN = "Correct the cause, then start the kiosk again. The log has the details."


class RefusalWindow(QWidget):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.setWindowTitle(f"{TITLE_JA} / {TITLE_EN}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(24)
        title = QLabel(f"{TITLE_JA}\n{TITLE_EN}")
        title.setStyleSheet("font-size: 36px; font-weight: bold;")
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setStyleSheet("font-size: 22px;")
        advice = QLabel(f"{ADVICE_JA}\n{ADVICE_EN}")
        advice.setWordWrap(True)
        advice.setStyleSheet("font-size: 22px;")
        close = QPushButton("閉じる / Close")
        close.setMinimumSize(240, 88)        # a large touch target
        close.setStyleSheet("font-size: 26px;")
        close.clicked.connect(self.close)
        self.close_button = close
        for widget in (title, self.reason, advice):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)


def show_refusal(reason: str, *, windowed: bool, quit_after: float | None = None,
                 screenshot: str | None = None) -> None:
    """Show ``reason`` until staff close the window (or ``quit_after`` seconds pass)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = RefusalWindow(reason)
    present(window, windowed=windowed, screenshot=screenshot, quit_after=quit_after,
            leave=window.close)
    app.exec()
