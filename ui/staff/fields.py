"""One input widget per setting type, chosen from the schema's type alone (no widget is written
for a particular setting): bool → on/off toggle, enum → choice, list of enums → ordered checklist,
int → spin box, str → line, list of str → comma-separated line. Each field reads and shows the
setting's plain value (what TOML holds)."""
from __future__ import annotations

import enum
from functools import partial
from typing import Any, cast, get_args

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from kiosk.config.settings import Setting
from ui.screens.base import button
from ui.staff.words import both, value_title

SPIN_LIMIT = 1_000_000   # the schema's check, not the spin box, says what is too small or large


class Field(QWidget):
    """A setting's input: `value()` and `display()` speak the setting's plain value."""

    def __init__(self, setting: Setting) -> None:
        super().__init__()
        self.setting = setting
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.build()

    def build(self) -> None: ...

    def _add_left(self, widget: QWidget) -> None:
        """The widget at its own width, the rest of the row empty."""
        self.layout_.addWidget(widget)
        self.layout_.addStretch(1)

    def value(self) -> Any: ...

    def display(self, value: Any) -> None: ...


class ToggleField(Field):
    def build(self) -> None:
        self.toggle = QPushButton()
        self.toggle.setObjectName("staff_toggle")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._label)
        self._add_left(self.toggle)

    def _label(self, on: bool) -> None:
        self.toggle.setText(both("オン", "On") if on else both("オフ", "Off"))

    def value(self) -> bool:
        return self.toggle.isChecked()

    def display(self, value: bool) -> None:
        self.toggle.setChecked(bool(value))
        self._label(bool(value))


class ChoiceField(Field):
    def build(self) -> None:
        self.choice = QComboBox()
        for member in cast(type[enum.Enum], self.setting.type):
            self.choice.addItem(value_title(member.value), member.value)
        self._add_left(self.choice)

    def value(self) -> str:
        return self.choice.currentData()

    def display(self, value: str) -> None:
        self.choice.setCurrentIndex(self.choice.findData(value))


class ChecklistField(Field):
    """Every member of the enum, ticked when chosen, in the order they are asked."""

    def build(self) -> None:
        (self.item_type,) = get_args(self.setting.type)
        self.items = QListWidget()
        self.items.setObjectName("staff_checklist")
        moves = QVBoxLayout()
        for text, step in (("▲", -1), ("▼", 1)):
            move = button("staff_move", partial(self.shift, step))
            move.setText(text)
            moves.addWidget(move)
        moves.addStretch(1)
        self.layout_.addWidget(self.items, 1)
        self.layout_.addLayout(moves)

    def shift(self, step: int) -> None:
        row = self.items.currentRow()
        if row < 0 or not 0 <= row + step < self.items.count():
            return
        item = self.items.takeItem(row)
        self.items.insertItem(row + step, item)
        self.items.setCurrentRow(row + step)

    def value(self) -> list[str]:
        rows = (self.items.item(i) for i in range(self.items.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in rows
                if item.checkState() is Qt.CheckState.Checked]

    def display(self, value: list[str]) -> None:
        self.items.clear()
        rest = [m.value for m in self.item_type if m.value not in value]
        for name in [*value, *rest]:
            item = QListWidgetItem(value_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in value else Qt.CheckState.Unchecked)
            self.items.addItem(item)
        self.items.setFixedHeight(self.items.sizeHintForRow(0) * self.items.count() + 8)


class NumberField(Field):
    def build(self) -> None:
        self.number = QSpinBox()
        self.number.setRange(-SPIN_LIMIT, SPIN_LIMIT)
        self._add_left(self.number)

    def value(self) -> int:
        return self.number.value()

    def display(self, value: int) -> None:
        self.number.setValue(int(value))


class LineField(Field):
    def build(self) -> None:
        self.text = QLineEdit()
        self.layout_.addWidget(self.text, 1)


class TextField(LineField):
    def value(self) -> str:
        return self.text.text()

    def display(self, value: str) -> None:
        self.text.setText(value)


class TextListField(LineField):
    def value(self) -> list[str]:
        return [part.strip() for part in self.text.text().split(",") if part.strip()]

    def display(self, value: list[str]) -> None:
        self.text.setText(", ".join(value))


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def field_for(setting: Setting) -> Field:
    kind = setting.type
    if getattr(kind, "__origin__", None) is list:
        (item,) = get_args(kind)
        return ChecklistField(setting) if _is_enum(item) else TextListField(setting)
    if _is_enum(kind):
        return ChoiceField(setting)
    return {bool: ToggleField, int: NumberField, str: TextField}[kind](setting)
