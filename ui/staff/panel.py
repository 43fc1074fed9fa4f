"""The staff panel: modes, settings, today's dashboard, the self-test, and the only way out of
the kiosk (leave full screen, quit)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from ui.screens.base import button, label
from ui.staff.words import both

QUIT_CONFIRM_MS = 5000    # the quit button asks for a second press within this time


class ExitPage(QWidget):
    def __init__(self, toggle_full_screen: Callable[[], None], is_full_screen: Callable[[], bool],
                 quit_kiosk: Callable[[], None]) -> None:
        super().__init__()
        self.toggle_full_screen, self.is_full_screen = toggle_full_screen, is_full_screen
        self.quit_kiosk = quit_kiosk
        layout = QVBoxLayout(self)
        self.full_screen = button("staff_mode", self._toggle)
        self.full_screen.setText(both("全画面を終了する", "Leave full screen"))
        self.quit = button("staff_mode", self._quit)
        self.quit.setText(both("受付を終了する", "Quit the kiosk"))
        self.note = label("staff_help", both(
            "受付を終了すると、患者さんは使えなくなります", "After quitting, patients cannot check in "
            "until the kiosk is started again."), centred=False)
        for widget in (self.full_screen, self.quit, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.armed = False
        self.disarm = QTimer(self)
        self.disarm.setSingleShot(True)
        self.disarm.timeout.connect(self._disarm)

    def showEvent(self, event) -> None:
        self._name_full_screen()
        super().showEvent(event)

    def _toggle(self) -> None:
        self.toggle_full_screen()
        self._name_full_screen()

    def _name_full_screen(self) -> None:
        self.full_screen.setText(both("全画面を終了する", "Leave full screen") if self.is_full_screen()
                                 else both("全画面に戻す", "Back to full screen"))

    def _quit(self) -> None:
        if self.armed:
            self.quit_kiosk()
            return
        self.armed = True
        self.quit.setText(both("もう一度押すと終了します", "Press again to quit"))
        self.disarm.start(QUIT_CONFIRM_MS)

    def _disarm(self) -> None:
        self.armed = False
        self.quit.setText(both("受付を終了する", "Quit the kiosk"))


class StaffPanel(QFrame):
    closed = Signal()

    def __init__(self, pages: list[tuple[str, QWidget]]) -> None:
        super().__init__()
        self.setObjectName("staff_panel")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("staff_title", both("職員メニュー", "Staff panel"), centred=False), 1)
        close = button("primary_small", self.closed.emit)
        close.setText(both("閉じる", "Close"))
        top.addWidget(close)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("staff_tabs")
        for title, page in pages:
            self.tabs.addTab(page, title)
        layout.addWidget(self.tabs, 1)
