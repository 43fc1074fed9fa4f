"""Steps where the kiosk works and the patient waits: a moving bar and what is happening."""
from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from kiosk.core.session import Step
from ui.screens.base import Screen, label

WAITING_STEPS = (Step.READING, Step.FACE_PREPARING, Step.PIN_VERIFYING, Step.IDENTIFIED, Step.QUERYING,
                 Step.WRITING)
CHECK_MARK = "✓ "


class WaitingScreen(Screen):
    def build(self) -> None:
        self.layout_.addStretch(1)
        self.hint = label("subtitle")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)        # busy: no fake percentages
        self.bar.setTextVisible(False)
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.bar)
        self.layout_.addStretch(2)

    def fill(self, visit, methods) -> None:
        hints = {
            Step.READING: self.tr("Please leave the card where it is."),
            Step.FACE_PREPARING: self.tr("Reading the photo on your card. The camera starts in a moment."),
            Step.PIN_VERIFYING: self.tr("Please leave the card where it is."),
            Step.IDENTIFIED: self.tr("Next, your health insurance is confirmed."),
            Step.QUERYING: self.tr("This takes a few seconds."),
            Step.WRITING: self.tr("Almost done."),
        }
        self.hint.setText(hints[self.step])
        identified = self.step is Step.IDENTIFIED
        self.bar.setVisible(not identified)     # a moment to notice, not a wait
        if identified:
            self.title.setText(CHECK_MARK + self.title.text())   # a sign, not only words
