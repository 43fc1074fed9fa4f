"""The PIN pad: masked digits, an optional scrambled layout, tries left shown before typing, a
stronger warning before the last try. A try is spent only when the patient presses OK."""
from __future__ import annotations

import random
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core import events as ev
from kiosk.core.codes import Notice
from kiosk.core.events import TokenKind
from kiosk.core.session import PIN_LENGTH
from ui.screens.base import WARNING_SIGN, Screen, button, label
from ui.texts import KEYPAD_BACK, KEYPAD_CLEAR, NOTICES, say

DIGITS = "1234567890"


class PinPad(QWidget):
    """Digits in memory only; `take()` hands them over once and forgets them. The typed count shows
    as dots in `dots_row` (the pad's top, unless a screen places it elsewhere); never a digit."""

    typed = Signal(int)     # how many digits are typed (never which)
    edited = Signal(int)    # the same, only when the patient typed or deleted

    def __init__(self, length: int, name: str = "digit", *, dots_apart: bool = False) -> None:
        super().__init__()
        self.length, self._digits = length, ""
        self.wide = False        # seated: two rows of five digits, so the pad is low enough
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.dots_row = QWidget()
        boxes = QHBoxLayout(self.dots_row)
        boxes.setContentsMargins(0, 0, 0, 0)
        self.dots = [QLabel() for _ in range(length)]
        for dot in self.dots:
            dot.setObjectName("pinbox" if name == "digit" else "small_pinbox")
            dot.setAlignment(Qt.AlignmentFlag.AlignCenter)
            boxes.addWidget(dot)
        if not dots_apart:
            layout.addWidget(self.dots_row)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.keys = [button(name, partial(self._press, i)) for i in range(10)]
        self.clear_key = button(name + "_action", self._clear_pressed)
        self.back_key = button(name + "_action", self.delete_last)
        layout.addLayout(self.grid)
        self.arrange(scrambled=False)

    def arrange(self, scrambled: bool) -> None:
        order = list(DIGITS)
        if scrambled:
            random.SystemRandom().shuffle(order)
        for key, digit in zip(self.keys, order):
            key.setText(digit)
        self.place()

    def place(self) -> None:
        """Put the keys in the grid: 3 × 3 + a bottom row, or (`wide`) 2 × 5 + a bottom row."""
        for key in (*self.keys, self.clear_key, self.back_key):
            self.grid.removeWidget(key)      # Qt deletes the old places; no layout item reaches Python
        columns = 5 if self.wide else 3
        for index, key in enumerate(self.keys[:9] if not self.wide else self.keys):
            self.grid.addWidget(key, index // columns, index % columns)
        if self.wide:
            self.grid.addWidget(self.clear_key, 2, 0, 1, 2)
            self.grid.addWidget(self.back_key, 2, 3, 1, 2)
        else:
            self.grid.addWidget(self.clear_key, 3, 0)
            self.grid.addWidget(self.keys[9], 3, 1)
            self.grid.addWidget(self.back_key, 3, 2)

    def retranslate(self) -> None:
        """The word keys say the same on every pad (the patient's PIN, the staff 目視 password)."""
        self.clear_key.setText(QCoreApplication.translate("Keypad", KEYPAD_CLEAR))
        self.back_key.setText(QCoreApplication.translate("Keypad", KEYPAD_BACK))

    def _press(self, index: int) -> None:
        self.type_digit(self.keys[index].text())

    def type_digit(self, digit: str) -> None:
        if len(self._digits) < self.length:
            self._digits += digit
            self._changed()
        self.announce()

    def delete_last(self) -> None:
        self._digits = self._digits[:-1]
        self._changed()
        self.announce()

    def announce(self) -> None:
        """Tell how many digits are typed (the voice says the count, never a digit)."""
        self.edited.emit(len(self._digits))

    def clear(self) -> None:
        self._digits = ""
        self._changed()

    def _clear_pressed(self) -> None:
        self.clear()
        self.announce()

    def take(self) -> str:
        digits, self._digits = self._digits, ""
        self._changed()
        return digits

    def count(self) -> int:
        return len(self._digits)

    def _changed(self) -> None:
        for position, dot in enumerate(self.dots):
            dot.setText("●" if position < len(self._digits) else "")
        self.typed.emit(len(self._digits))


class PinEntryScreen(Screen):
    """The dots and the words on the left; on the right the keypad with OK directly under it,
    where the finger already is."""

    def build(self) -> None:
        self.tries = label("headline")
        self.warning = label("warning")
        self.pad = PinPad(PIN_LENGTH, dots_apart=True)
        # Its keys keep their full height: the seated push would squeeze them to their minimum.
        self.pad.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.ok = button("primary", self._submit)
        self.pad.column.addWidget(self.ok)
        self.pad.typed.connect(lambda count: self.ok.setEnabled(count == PIN_LENGTH))
        words = QVBoxLayout()
        words.setSpacing(10)     # big text at 1024 x 768: the last-try warning needs the height
        words.addStretch(1)
        words.addWidget(self.pad.dots_row, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.tries, self.warning):
            words.addWidget(widget)
        words.addStretch(1)
        self.words = words
        beside = QHBoxLayout()
        beside.setSpacing(40)
        beside.addLayout(words, 1)
        beside.addWidget(self.pad)
        self.beside = beside
        self.layout_.addLayout(beside, 1)

    def fill(self, visit, methods) -> None:
        android = visit.facts is not None and visit.facts.kind is TokenKind.ANDROID
        if android:
            self.title.setText(self.tr("Enter the 4-digit PIN of your smartphone certificate"))
        left = visit.pin_tries_left
        last = Notice.PIN_LAST_TRY in visit.notices or left == 1
        self.tries.setVisible(left is not None and not last)   # the warning says it, and more
        if left is not None:
            self.tries.setText(self.tr("You can try {0} more times.").format(left) if left > 1
                               else self.tr("You can try 1 more time."))
        self.warning.setVisible(last)
        self.warning.setText(WARNING_SIGN + say("Notice", NOTICES[Notice.PIN_LAST_TRY]) + "\n"
                             + self.tr("Not sure? Press Cancel and ask the staff."))
        self.pad.retranslate()
        self.ok.setText(self.tr("OK"))
        self.pad.arrange(scrambled=self.settings.pin_scrambled)
        self.pad.clear()

    def _submit(self) -> None:
        if self.pad.count() == PIN_LENGTH:
            self.send(ev.PinEntered(ev.Secret(self.pad.take())))

    def on_key(self, key: str) -> bool:
        if key.isdigit():
            self.pad.type_digit(key)
        elif key == "delete":
            self.pad.delete_last()
        elif key == "enter" and self.pad.count() == PIN_LENGTH:
            self._submit()
        elif key == "enter":
            self.pad.announce()   # not yet: say how many digits there are
        else:
            return False
        return True

    def leave(self) -> None:
        self.pad.clear()

    def seat(self, seated: bool) -> None:
        super().seat(seated)
        self.pad.wide = seated
        self.pad.place()
        self._place_ok(beside_pad=seated)
        self._place_warning(above_pad=seated)
        self.beside.setAlignment(self.pad, Qt.AlignmentFlag.AlignBottom if seated else Qt.AlignmentFlag(0))

    def _place_ok(self, beside_pad: bool) -> None:
        """Standing: the dots beside the pad, OK directly under the keypad. Seated (its own
        arrangement): the dots on top of the wide pad and OK beside it, so the pad stays in the
        lower half and the words column narrow enough for 1024 px."""
        pad = self.pad.column
        for widget in (self.ok, self.pad.dots_row):
            pad.removeWidget(widget)
            self.words.removeWidget(widget)
        if beside_pad:
            pad.insertWidget(0, self.pad.dots_row)
            self.words.insertWidget(self.words.count() - 1, self.ok)   # above the bottom stretch
        else:
            self.words.insertWidget(1, self.pad.dots_row, 0, Qt.AlignmentFlag.AlignHCenter)
            pad.addWidget(self.ok)

    def _place_warning(self, above_pad: bool) -> None:
        """Seated, the wide pad leaves the words beside it too narrow for the last-try warning: it
        goes across the screen, just above the pad; standing, beside the pad under the dots."""
        self.layout_.removeWidget(self.warning)
        self.words.removeWidget(self.warning)
        if above_pad:
            self.layout_.insertWidget(self.layout_.indexOf(self.beside), self.warning)
        else:
            self.words.insertWidget(self.words.indexOf(self.tries) + 1, self.warning)
