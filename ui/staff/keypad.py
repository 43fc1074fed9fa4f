"""A large touch keypad that types digits into whichever of its password fields was last touched
(the kiosk has no keyboard; a keyboard, when present, types into the fields directly)."""
from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from ui.screens.base import application, button

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "C")


def password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("staff_password")
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class Keypad(QWidget):
    def __init__(self, *fields: QLineEdit, name: str = "digit") -> None:
        super().__init__()
        self.fields = list(fields)
        self.target = self.fields[0]
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys = {}
        for index, key in enumerate(KEYS):
            kind = name if key.isdigit() else name + "_action"
            widget = button(kind, partial(self.press, key))
            widget.setText(key)
            self.keys[key] = widget
            grid.addWidget(widget, index // 3, index % 3)
        application().focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old, new) -> None:
        if new in self.fields:
            self.target = new

    def press(self, key: str) -> None:
        if key == "C":
            self.target.clear()
        elif key == "⌫":
            self.target.backspace()
        else:
            self.target.insert(key)
