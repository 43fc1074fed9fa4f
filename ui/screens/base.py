"""What every screen shares: a title, a body, large buttons, the problem panel."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import events as ev
from kiosk.core.codes import Problem
from kiosk.core.events import Method
from kiosk.core.session import Step, Visit, ending_of
from kiosk.config.settings import Settings
from ui.keypad import keypad_key
from ui.texts import ENDING_TITLES, TITLES, problem_lines, say

SEATED_PUSH = 1000
WARNING_SIGN = "⚠ "


def application() -> QApplication:
    """The running application (every widget lives in one)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "no QApplication running"
    return app


def label(name: str, text: str = "", *, centred: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(True)
    if centred:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def button(name: str, action: Callable[[], None], kind: type[QPushButton] = QPushButton) -> QPushButton:
    widget = kind()
    widget.setObjectName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.clicked.connect(lambda _checked=False: action())
    return widget


def row(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(24)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


def press_for(key: str, buttons: dict[str, QPushButton]) -> bool:
    """Press the visible button a keypad key stands for; True when there was one."""
    target = buttons.get(key)
    if target is None or not target.isVisible() or not target.isEnabled():
        return False
    target.click()
    return True


class ProblemPanel(QFrame):
    """What happened, what to do next, and the code staff look up; hidden when there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problem")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        self.what, self.next, self.code = label("what"), label("next"), label("code")
        for widget in (self.what, self.next, self.code):
            layout.addWidget(widget)
        self.hide()

    def show_problem(self, problem: Problem | None) -> None:
        self.setVisible(problem is not None)
        if problem is not None:
            for widget, text in zip((self.what, self.next, self.code), problem_lines(problem)):
                widget.setText(text)
            self.what.setText(WARNING_SIGN + self.what.text())   # a sign, not only the red


class Screen(QWidget):
    """One step's screen. `show_visit` sets every word from the visit in the current language, so a
    language switch only shows the visit again."""

    camera = False          # receives live frames through `show_frame`

    def __init__(self, step: Step, send: Callable[[ev.Event], None], settings: Settings) -> None:
        super().__init__()
        self.step, self.send, self.settings = step, send, settings
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(40, 8, 40, 12)
        self.layout_.setSpacing(12)
        self.title = label("title")
        self.layout_.addWidget(self.title)
        self.layout_.addStretch(0)         # inert until `seat` strengthens it
        self.build()

    def build(self) -> None:
        """Add the screen's own widgets below the title."""

    def show_visit(self, visit: Visit, methods: list[Method]) -> None:
        ending = ending_of(self.step, visit)
        self.title.setText(say("Title", ENDING_TITLES[ending] if ending else TITLES[self.step]))
        self.fill(visit, methods)

    def fill(self, visit: Visit, methods: list[Method]) -> None:
        """Set the screen's own words and widgets from the visit."""

    def leave(self) -> None:
        """The screen is no longer shown: drop pictures and typed digits."""

    def show_frame(self, image: QImage) -> None:
        """A camera screen (`camera`) shows the live picture."""

    def keyPressEvent(self, event) -> None:
        key = keypad_key(event)
        if key is None or not self.on_key(key):
            super().keyPressEvent(event)

    def on_key(self, key: str) -> bool:
        """A numeric keypad key ('0'-'9', 'enter', 'delete', 'replay', 'language'); True when the screen
        used it. Each screen's keys are said by its prompt (kiosk.core.prompts.KEYS)."""
        return False

    def seat(self, seated: bool) -> None:
        """A seated patient reaches only the lower half of the screen: push everything below the
        title down (a stretch far stronger than the screen's own)."""
        self.layout_.setStretch(1, SEATED_PUSH if seated else 0)
