"""The large "listen again" button in the header: replays the screen's voice guidance."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QPushButton


class ReplayButton(QPushButton):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("replay")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._translate()

    def _translate(self) -> None:
        self.setText(QCoreApplication.translate("Voice", "Listen\nagain"))
        self.setAccessibleName(self.text().replace("\n", " "))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:   # a language switch installs a translator
            self._translate()
        super().changeEvent(event)
