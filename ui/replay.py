"""The "listen again" button in the header: a loudspeaker pictogram beside the access toggles
(words would not fit beside them at 1024 px in big text); its accessible name says the words."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QPushButton

from ui.pictograms import PICTOGRAM, pictogram


class ReplayButton(QPushButton):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("access")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setIcon(pictogram("replay", False))
        self.setIconSize(QSize(PICTOGRAM, PICTOGRAM))
        self._translate()

    def _translate(self) -> None:
        words = QCoreApplication.translate("Voice", "Listen\nagain")
        self.setAccessibleName(" ".join(words.split()))
        self.setToolTip(self.accessibleName())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:   # a language switch installs a translator
            self._translate()
        super().changeEvent(event)
