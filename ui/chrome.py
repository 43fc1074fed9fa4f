"""The frame around every screen: on top the step indicator, the cancel button and the language
buttons; over the bottom edge, the inactivity countdown (floating, so it never moves the screen)."""
from __future__ import annotations

from functools import partial
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core import events as ev
from kiosk.core.session import RULES, Ending, Step
from ui.access_bar import mark_checked
from ui.i18n import Languages
from ui.replay import ReplayButton
from ui.screens.base import button
from ui.texts import STAGE_OF, STAGE_SEE_RECEPTION, STAGES, say

CANCELLABLE = frozenset(rule.source for rule in RULES if rule.event is ev.Cancelled)
COUNTDOWN_FROM = 20.0     # seconds left when the countdown appears


class Header(QWidget):
    def __init__(self, languages: Languages, choose: Callable[[str], None],
                 cancel: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)   # paint the header's colour
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        self.stage = QLabel()
        self.stage.setObjectName("stepper")
        self.stage.setWordWrap(True)     # a long stage name takes two lines, never widens the window
        layout.addWidget(self.stage)
        layout.addStretch(1)
        self.replay = ReplayButton()
        layout.addWidget(self.replay)
        self.cancel = button("cancel", cancel)
        layout.addWidget(self.cancel)
        self.choose = choose
        self.languages: dict[str, QPushButton] = {}
        self.offer_languages(languages)
        self._stage = 1

    def offer_languages(self, languages: Languages) -> None:
        """One key per offered language, at the header's end (again when staff change them)."""
        for key in self.languages.values():
            key.hide()                       # gone now, not only when Qt next deletes objects
            self.row.removeWidget(key)
            key.deleteLater()
        self.languages = {}
        for code in languages.codes:
            key = button("language", partial(self.choose, code))
            key.setText(languages.own_name(code))
            key.setCheckable(True)
            self.languages[code] = key
            self.row.addWidget(key)
            key.show()

    def show_step(self, step: Step, current_language: str | None, ending: Ending | None = None) -> None:
        self._stage = STAGE_OF.get(step, self._stage)   # a problem keeps the stage it happened in
        name = STAGE_SEE_RECEPTION if ending is Ending.SEE_RECEPTION else STAGES[self._stage - 1]
        self.stage.setText(f"{self._stage} / {len(STAGES)}   {say('Stage', name)}")
        self.cancel.setText(QCoreApplication.translate("Header", "Cancel"))
        self.cancel.setVisible(step in CANCELLABLE)
        for code, key in self.languages.items():
            key.setChecked(code == current_language)
            mark_checked(key)


class Countdown(QLabel):
    """Floats over the bottom of the window when the screen is about to give up."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("countdown")
        self.setWordWrap(True)
        self.at_top = False      # seated: the controls are at the bottom, so it floats at the top
        self.hide()

    def show_seconds_left(self, seconds: float | None) -> None:
        visible = seconds is not None and seconds <= COUNTDOWN_FROM
        if seconds is not None and visible:
            self.setText(QCoreApplication.translate(
                "Header", "No touch for a while: back to the start in {0} s. Touch the screen to "
                          "continue.").format(round(seconds + 0.49)))
            self.place()
            self.raise_()
        self.setVisible(visible)

    def place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None, "the countdown floats over the window's body"
        width = min(parent.width() - 64, 1100)
        height = self.heightForWidth(width) if self.text() else 0
        top = 16 if self.at_top else parent.height() - height - 16
        self.setGeometry((parent.width() - width) // 2, top, width, height)
