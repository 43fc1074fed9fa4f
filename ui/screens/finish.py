"""The end of a visit: done (please take your card, with notices) or a problem (code, plain
words, the next step)."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.core import events as ev
from ui.screens.base import ProblemPanel, Screen, button, label, press_for, row
from ui.texts import NOTICES, say

MAX_NOTICES = 3


class DoneScreen(Screen):
    def build(self) -> None:
        self.take = label("headline")
        self.problem = ProblemPanel()
        self.notices = [label("notice") for _ in range(MAX_NOTICES)]
        self.ok = button("primary", lambda: self.send(ev.Acknowledged()))
        notices = QVBoxLayout()
        for notice in self.notices:
            notices.addWidget(notice)
        self.layout_.addWidget(self.take)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(notices)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.ok))

    def fill(self, visit, methods) -> None:
        self.take.setText(self.tr("Please take your card."))
        shown = [n for n in visit.notices if n in NOTICES][:MAX_NOTICES]
        for widget, notice in zip(self.notices, shown + [None] * MAX_NOTICES):
            widget.setVisible(notice is not None)
            widget.setText(say("Notice", NOTICES[notice]) if notice else "")
        self.problem.show_problem(visit.problem)   # after hiding notices: never both for a moment
        self.ok.setText(self.tr("OK"))

    def on_key(self, key: str) -> bool:
        return press_for(key, {"enter": self.ok})


class ProblemScreen(Screen):
    def build(self) -> None:
        self.problem = ProblemPanel()
        self.take = label("subtitle")
        self.ok = button("primary", lambda: self.send(ev.Acknowledged()))
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.take)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.ok))

    def fill(self, visit, methods) -> None:
        self.problem.show_problem(visit.problem)
        self.take.setText(self.tr("Please take your card, then press OK."))
        self.ok.setText(self.tr("OK"))

    def on_key(self, key: str) -> bool:
        return press_for(key, {"enter": self.ok})
