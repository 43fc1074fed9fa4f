"""The 目視 check from the staff panel: while a patient waits at the staff check, staff may answer
it here (after the staff password) instead of typing the 目視 password on the patient's screen."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.screens.base import button, label
from ui.staff.words import both


class VisualCheckPage(QWidget):
    def __init__(self, answer: Callable[[bool], bool], done: Callable[[], None]) -> None:
        super().__init__()
        self.answer, self.done = answer, done
        layout = QVBoxLayout(self)
        layout.addWidget(label("staff_heading", both(
            "受付画面で目視確認を待っています", "A patient is waiting for the visual check"), centred=False))
        layout.addWidget(label("staff_help", both(
            "カードの顔写真とご本人を見比べてから押してください", "Compare the card photo on the patient "
            "screen with the patient, then press one."), centred=False))
        self.same = button("staff_mode", lambda: self._answer(True))
        self.same.setText(both("本人と確認", "Same person"))
        self.other = button("staff_mode", lambda: self._answer(False))
        self.other.setText(both("本人と確認できない", "Not the same person"))
        choices = QHBoxLayout()
        choices.addWidget(self.same)
        choices.addWidget(self.other)
        layout.addLayout(choices)
        self.gone = label("staff_message", "")
        layout.addWidget(self.gone)
        layout.addStretch(1)

    def _answer(self, same_person: bool) -> None:
        if self.answer(same_person):
            self.done()
        else:
            self.gone.setText(both("目視確認を待っている受付はありません", "No visual check is waiting"))
