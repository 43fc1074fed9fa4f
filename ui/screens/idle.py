"""The idle screen: where to place the card, the smartphone choice, and why the last visit ended."""
from __future__ import annotations

from PySide6.QtSvgWidgets import QSvgWidget

from kiosk import events as ev
from ui.resources import image_path
from ui.screens.base import ProblemPanel, Screen, button, label, row


class IdleScreen(Screen):
    def build(self) -> None:
        self.hint = label("subtitle")
        self.picture = QSvgWidget(str(image_path("place-card.svg")))
        self.picture.setFixedSize(350, 200)
        self.farewell = ProblemPanel()
        self.phone = button("secondary", lambda: self.send(ev.SmartphoneChosen()))
        self.layout_.addWidget(self.hint)
        self.layout_.addLayout(row(self.picture, self.farewell))   # why the last visit ended, beside
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.phone))

    def fill(self, visit, methods) -> None:
        self.hint.setText(self.tr("Put it on the card tray with the photo side up."))
        self.phone.setText(self.tr("Use a smartphone instead"))
        self.phone.setVisible(self.settings.smartphone_enabled)
        self.farewell.show_problem(visit.problem)
