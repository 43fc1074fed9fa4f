"""Face, PIN or staff: only what the staff mode, the card and this visit's failures allow; after a
failure the problem (e.g. the PIN lock and the municipal office) is shown beside what is left."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from kiosk.core import events as ev
from kiosk.core.events import Method
from kiosk.core.prompts import METHOD_OF_KEY
from ui.pictograms import pictogram
from ui.screens.base import ProblemPanel, Screen, button, press_for
from ui.texts import METHODS, say

PICTOGRAM_SIZE = 48     # px: a sign beside the words (face, keypad, staff), for who reads little
ROOM = 40               # px beside the words and the sign: padding, border, the gap between them


class ChoiceButton(QPushButton):
    """A method button never narrower than its sign and words in the font shown now (big text
    included), so the row shares its width by what each button says."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        needed = self.fontMetrics().horizontalAdvance(self.text()) + self.iconSize().width() + ROOM
        return QSize(max(hint.width(), needed), hint.height())

class MethodChoiceScreen(Screen):
    def build(self) -> None:
        self.problem = ProblemPanel()
        self.buttons = {m: self._choice(m) for m in METHODS}
        choices = QHBoxLayout()
        choices.setSpacing(24)
        for method, widget in self.buttons.items():
            widget.setIcon(pictogram(method.value, False))
            widget.setIconSize(QSize(PICTOGRAM_SIZE, PICTOGRAM_SIZE))
            choices.addWidget(widget)
        self.layout_.addWidget(self.problem)
        self.layout_.addStretch(1)
        self.layout_.addLayout(choices)
        self.layout_.addStretch(1)

    def _choice(self, method: Method) -> QPushButton:
        return button("choice", lambda: self.send(ev.MethodChosen(method)), ChoiceButton)

    def fill(self, visit, methods: list[Method]) -> None:
        self.problem.show_problem(visit.problem)
        for method, widget in self.buttons.items():
            widget.setText(say("Method", METHODS[method]))
            widget.setVisible(method in methods)

    def on_key(self, key: str) -> bool:
        return press_for(key, {k: self.buttons[m] for k, m in METHOD_OF_KEY.items()})
