"""The staff password prompt (touch keypad, checked off the GUI thread, locked for a growing time
after wrong tries) and the form that sets a new password (first start, or a change on the panel)."""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.staff.staff_access import MIN_LENGTH, Attempt, StaffAccess
from ui import worker
from ui.screens.base import button, label
from ui.staff.keypad import Keypad, password_field
from ui.staff.words import both


class PasswordPrompt(QFrame):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, access: StaffAccess) -> None:
        super().__init__()
        self.access = access
        self.setObjectName("staff_card")
        layout = QVBoxLayout(self)
        layout.addWidget(label("staff_title", both("職員用パスワード", "Staff password")))
        self.field = password_field(both("パスワード", "Password"))
        self.field.returnPressed.connect(self.submit)
        layout.addWidget(self.field)
        self.message = label("staff_message")
        layout.addWidget(self.message)
        self.keypad = Keypad(self.field)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.ok = button("primary_small", self.submit)
        self.ok.setText(both("確認", "OK"))
        self.cancel = button("secondary_small", self.cancelled.emit)
        self.cancel.setText(both("戻る", "Back"))
        actions = QHBoxLayout()
        actions.addWidget(self.cancel)
        actions.addWidget(self.ok)
        layout.addLayout(actions)
        self.ticker = QTimer(self)       # the lock's countdown, only while locked and shown
        self.ticker.timeout.connect(self._show_lock)
        self.checking = False
        self.unlock_at = 0.0      # on access.clock(): read once in reset, then from each try

    def reset(self) -> None:
        self.field.clear()
        self.message.setText("")
        self.unlock_at = self.access.clock() + self.access.locked_for()
        self._show_lock()
        self.field.setFocus()

    def hideEvent(self, event) -> None:
        self.ticker.stop()
        super().hideEvent(event)

    def submit(self) -> None:
        if self.checking:     # a locked try is refused by try_password itself, without hashing
            return
        typed, self.checking = self.field.text(), True
        self.field.clear()
        self._enable(False)
        self.message.setText(both("確認しています…", "Checking…"))
        worker.submit(lambda: self.access.try_password(typed), self._answered)

    def _answered(self, attempt: Attempt | None) -> None:
        self.checking = False
        if attempt is not None and attempt.accepted:
            self.message.setText("")
            self._enable(True)
            self.accepted.emit()
            return
        if attempt is not None:
            self.unlock_at = self.access.clock() + attempt.locked_for
        self.message.setText(both("パスワードが違います", "Wrong password"))
        self._show_lock()

    def _show_lock(self) -> None:
        if self.checking:
            return
        seconds = self.unlock_at - self.access.clock()
        self._enable(seconds <= 0)
        if seconds <= 0:
            self.ticker.stop()
            return
        left = math.ceil(seconds)
        self.message.setText(both(f"間違いが続いたため、あと {left} 秒お待ちください",
                                  f"Too many wrong tries: wait {left} s"))
        if not self.ticker.isActive():
            self.ticker.start(1000)

    def _enable(self, enabled: bool) -> None:
        for widget in (self.field, self.ok, *self.keypad.keys.values()):
            widget.setEnabled(enabled)


class NewPasswordForm(QFrame):
    """Two fields, a keypad and a button; `save(password)` stores it or raises ValueError. With
    `confirm`, a third field first: `confirm(current)` raises ValueError when it is not right."""

    saved = Signal()

    def __init__(self, title: str, save: Callable[[str], None], *, compact: bool = False,
                 confirm: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.save, self.confirm = save, confirm
        self.setObjectName("staff_card")
        layout = QVBoxLayout(self)
        layout.addWidget(label("staff_heading" if compact else "staff_title", title, centred=False))
        self.current = password_field(both("今のパスワード", "Current password"))
        self.current.setVisible(confirm is not None)
        self.first = password_field(both("新しいパスワード", "New password"))
        self.again = password_field(both("もう一度", "Once more"))
        fields = QVBoxLayout()
        fields.addWidget(self.current)
        fields.addWidget(self.first)
        fields.addWidget(self.again)
        self.set_button = button("primary_small", self.submit)
        self.set_button.setText(both("設定する", "Set"))
        fields.addWidget(self.set_button)
        fields.addWidget(label("staff_help", both(f"{MIN_LENGTH} 文字以上", f"at least {MIN_LENGTH} "
                                                                          "characters"), centred=False))
        self.message = label("staff_message", centred=False)
        fields.addWidget(self.message)
        fields.addStretch(1)
        typed_into = (self.current, self.first, self.again) if confirm else (self.first, self.again)
        self.keypad = Keypad(*typed_into, name="small_digit" if compact else "digit")
        body = QHBoxLayout()
        body.addLayout(fields, 1)
        body.addWidget(self.keypad)
        layout.addLayout(body)
        if not compact:
            self.setMinimumWidth(1000)

    def submit(self) -> None:
        current, first, again = self.current.text(), self.first.text(), self.again.text()
        for field in (self.current, self.first, self.again):
            field.clear()
        if first != again:
            self.message.setText(both("2回の入力が一致しません", "The two entries differ"))
            return
        self.set_button.setEnabled(False)
        self.message.setText(both("設定しています…", "Setting…"))
        worker.submit(lambda: self._saved_or_problem(current, first), self._answered)

    def _saved_or_problem(self, current: str, password: str) -> str:
        """On the worker thread (the hashes are slow): "" when saved, else why not."""
        try:
            if self.confirm is not None:
                self.confirm(current)
            self.save(password)
        except ValueError as problem:
            return str(problem)
        return ""

    def _answered(self, problem: str | None) -> None:
        self.set_button.setEnabled(True)
        if problem != "":     # None: the save failed some other way (the worker logged it)
            self.message.setText(both("設定できません", f"Not set: {problem or 'error'}"))
            return
        self.message.setText(both("設定しました", "Password set"))
        self.saved.emit()
