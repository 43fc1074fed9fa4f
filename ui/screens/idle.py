"""The idle screen: where to place the card, the smartphone choice, why the last visit ended, and
a warning while no card reader is connected."""
from __future__ import annotations

from PySide6.QtSvgWidgets import QSvgWidget

from kiosk import events as ev
from ui.resources import image_path
from ui.screens.base import WARNING_SIGN, ProblemPanel, Screen, button, label, row


class IdleScreen(Screen):
    def build(self) -> None:
        self.hint = label("subtitle")
        self.picture = QSvgWidget(str(image_path("place-card.svg")))
        self.picture.setFixedSize(350, 200)
        self.farewell = ProblemPanel()
        self.no_reader = ProblemPanel()     # shown by `show_reader` until a reader is plugged in
        self.no_reader.code.hide()
        self.phone = button("secondary", lambda: self.send(ev.SmartphoneChosen()))
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.no_reader)
        self.layout_.addLayout(row(self.picture, self.farewell))   # why the last visit ended, beside
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.phone))

    def fill(self, visit, methods) -> None:
        self.hint.setText(self.tr("Put it on the card tray with the photo side up."))
        self.phone.setText(self.tr("Use a smartphone instead"))
        self.phone.setVisible(self.settings.smartphone_enabled)
        self.farewell.show_problem(visit.problem)
        self.no_reader.what.setText(WARNING_SIGN + self.tr("The card reader is not connected."))
        self.no_reader.next.setText(self.tr("Please tell the staff."))

    def show_reader(self, connected: bool) -> None:
        self.no_reader.setVisible(not connected)
