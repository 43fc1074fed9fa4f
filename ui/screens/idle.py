"""The idle screen: where and how to place the card (picture and words for the installed reader), the smartphone choice, why the last visit ended, and
a warning while no card reader is connected."""
from __future__ import annotations

from PySide6.QtSvgWidgets import QSvgWidget

from kiosk.core import events as ev
from kiosk.core.choices import CardPlacement
from ui.resources import image_path
from ui.screens.base import WARNING_SIGN, ProblemPanel, Screen, button, label, row

PICTURES = {CardPlacement.SLOT: "card-slot.svg", CardPlacement.TRAY: "card-tray.svg",
            CardPlacement.STAND: "card-stand.svg"}


class IdleScreen(Screen):
    def build(self) -> None:
        self.hint = label("subtitle")
        self.picture = QSvgWidget()
        self.picture.setFixedSize(350, 200)
        self.placement: CardPlacement | None = None
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
        placement = self.settings.card_placement
        if placement is not self.placement:
            self.placement = placement
            self.picture.load(str(image_path(PICTURES[placement])))
        self.hint.setText({
            CardPlacement.SLOT: self.tr("Insert it into the slot, photo side up."),
            CardPlacement.TRAY: self.tr("Lay it flat on the card tray, photo side up."),
            CardPlacement.STAND: self.tr("Stand it in the card stand, photo facing you."),
        }[placement])
        self.phone.setText(self.tr("Use a smartphone instead"))
        self.phone.setVisible(self.settings.smartphone_enabled)
        self.farewell.show_problem(visit.problem)
        self.no_reader.what.setText(WARNING_SIGN + self.tr("The card reader is not connected."))
        self.no_reader.next.setText(self.tr("Please tell the staff."))

    def show_reader(self, connected: bool) -> None:
        self.no_reader.setVisible(not connected)
