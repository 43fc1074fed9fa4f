"""The smartphone path: iPhone (authenticate on the phone first) or Android (PIN on the kiosk
afterwards), then hold the phone over the reader. The choice only changes the instructions."""
from __future__ import annotations

from PySide6.QtSvgWidgets import QSvgWidget

from ui.resources import image_path
from ui.screens.base import Screen, button, label, row


class PhoneGuideScreen(Screen):
    def build(self) -> None:
        self.kind: str | None = None
        self.ask = label("subtitle")
        self.iphone = button("primary", lambda: self._choose("iphone"))
        self.android = button("primary", lambda: self._choose("android"))
        self.steps = label("body", centred=False)
        self.picture = QSvgWidget(str(image_path("hold-phone.svg")))
        self.picture.setFixedSize(300, 220)
        self.other = button("secondary", lambda: self._choose(None))
        self.layout_.addWidget(self.ask)
        self.layout_.addLayout(row(self.iphone, self.android))
        self.layout_.addLayout(row(self.picture, self.steps))
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.other))
        self._show()

    def _choose(self, kind: str | None) -> None:
        self.kind = kind
        self._show()

    def fill(self, visit, methods) -> None:
        self.ask.setText(self.tr("Which smartphone do you have?"))
        self.iphone.setText("iPhone")
        self.android.setText("Android")
        self.other.setText(self.tr("Choose the other smartphone"))
        self._show()

    def _show(self) -> None:
        chosen = self.kind is not None
        for widget in (self.ask, self.iphone, self.android):
            widget.setVisible(not chosen)
        for guide in (self.steps, self.picture, self.other):
            guide.setVisible(chosen)
        if self.kind == "iphone":
            self.steps.setText(self.tr(
                "1. On the iPhone, open your My Number card in Wallet and confirm with Face ID or "
                "Touch ID (double-click the side button).\n2. Hold the iPhone over the card reader "
                "until it vibrates."))
        elif self.kind == "android":
            self.steps.setText(self.tr(
                "1. Hold the smartphone over the card reader for a moment.\n2. Then enter the "
                "4-digit PIN of your smartphone certificate on this screen."))

    def leave(self) -> None:
        self.kind = None
