"""The kiosk window: a stack with one screen per step, showing only what the core's state says."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QMainWindow, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk import events as ev
from kiosk.session import Step, Visit
from kiosk.settings import ConsentItem, Settings
from ui import texts

STYLE = """
QWidget { background: #fdfcf8; color: #1a1a1a; font-family: "Noto Sans CJK JP", sans-serif; }
QLabel#title { font-size: 40px; font-weight: bold; }
QLabel#subtitle { font-size: 26px; color: #444; }
QLabel#detail { font-size: 26px; color: #8a1c1c; }
QPushButton { font-size: 30px; min-height: 110px; min-width: 220px; border-radius: 16px;
              background: #1f5fa8; color: white; padding: 8px 24px; }
QPushButton:pressed { background: #16467c; }
"""

CONSENT_NAMES = {
    ConsentItem.MEDICATION: ("過去のお薬の情報", "Past medication"),
    ConsentItem.HEALTH_CHECKUPS: ("特定健診の情報", "Health check-up results"),
    ConsentItem.DIAGNOSIS: ("診療の情報", "Treatment records"),
    ConsentItem.OPERATIONS: ("手術の情報", "Operation records"),
}


class StepScreen(QWidget):
    """A plain screen: the step's title in both languages, a detail line and large buttons."""

    def __init__(self, step: Step) -> None:
        super().__init__()
        self.step = step
        ja, en = texts.STEP_TITLES[step]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        self.title = self._label(ja, "title")
        self.subtitle = self._label(en, "subtitle")
        self.detail = self._label("", "detail")
        for label in (self.title, self.subtitle, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        self.buttons = QGridLayout()
        layout.addLayout(self.buttons)

    @staticmethod
    def _label(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def set_buttons(self, actions: list[tuple[str, Callable[[], None]]], columns: int = 3) -> None:
        while self.buttons.count():
            self.buttons.takeAt(0).widget().deleteLater()
        for index, (label, action) in enumerate(actions):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, act=action: act())
            self.buttons.addWidget(button, index // columns, index % columns)


class KioskWindow(QMainWindow):
    def __init__(self, settings: Settings, send: Callable[[ev.Event], None],
                 methods: Callable[[], list]) -> None:
        super().__init__()
        self.settings, self.send, self.methods = settings, send, methods
        self.setWindowTitle("oqs-kiosk")
        self.setStyleSheet(STYLE)
        self.stack = QStackedWidget()
        self.screens = {step: StepScreen(step) for step in Step}
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self._pin = ""
        self.show_step(Step.IDLE, Visit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return   # a patient cannot leave the kiosk; staff leave from the staff panel
        super().keyPressEvent(event)

    def show_step(self, step: Step, visit: Visit) -> None:
        screen = self.screens[step]
        problem = visit.problem
        screen.detail.setText("\n".join(texts.problem_text(problem)) if problem else "")
        screen.set_buttons(self._actions(step, visit))
        if step is Step.CONSENT_ITEM and visit.consent_item:
            ja, en = CONSENT_NAMES[visit.consent_item]
            screen.title.setText(f"{ja}の提供に同意しますか")
            screen.subtitle.setText(f"Share your {en.lower()}?")
        if step is Step.PIN_ENTRY:
            self._pin = ""
            self._show_pin(screen, visit)
        self.stack.setCurrentWidget(screen)

    def _actions(self, step: Step, visit: Visit) -> list[tuple[str, Callable[[], None]]]:
        send = self.send
        if step is Step.IDLE and self.settings.smartphone_enabled:
            return [("スマートフォン\nSmartphone", lambda: send(ev.SmartphoneChosen()))]
        if step is Step.METHOD_CHOICE:
            return [("\n".join(texts.METHOD_LABELS[m]), lambda m=m: send(ev.MethodChosen(m)))
                    for m in self.methods()]
        if step is Step.PIN_ENTRY:
            digits = [(d, lambda d=d: self._type_digit(d)) for d in "1234567890"]
            return digits + [("訂正\nClear", self._clear_pin)]
        if step is Step.CONSENT_ALL:
            choices = [("同意する\nAgree", ev.ComprehensiveChoice.ALL),
                       ("個別に選ぶ\nChoose one by one", ev.ComprehensiveChoice.INDIVIDUALLY),
                       ("同意しない\nDo not agree", ev.ComprehensiveChoice.NONE)]
            return [(label, lambda c=c: send(ev.ComprehensiveConsentAnswered(c))) for label, c in choices]
        if step is Step.CONSENT_ITEM and visit.consent_item:
            item = visit.consent_item
            return [("同意する\nAgree", lambda: send(ev.ConsentAnswered(item, True))),
                    ("同意しない\nDo not agree", lambda: send(ev.ConsentAnswered(item, False)))]
        if step is Step.PRESCRIPTION:
            return [("電子処方箋\nElectronic", lambda: send(ev.PrescriptionChosen(True))),
                    ("紙の処方箋\nPaper", lambda: send(ev.PrescriptionChosen(False)))]
        if step is Step.STAFF_CHECK:
            return [("確認しました（職員）\nConfirmed (staff)", lambda: send(ev.StaffConfirmed())),
                    ("本人と確認できない\nNot the same person", lambda: send(ev.StaffDeclined()))]
        if step in (Step.DONE, Step.PROBLEM):
            return [("OK", lambda: send(ev.Acknowledged()))]
        return []

    def _type_digit(self, digit: str) -> None:
        self._pin += digit
        screen = self.screens[Step.PIN_ENTRY]
        screen.detail.setText("●" * len(self._pin))
        if len(self._pin) == 4:
            pin, self._pin = self._pin, ""
            self.send(ev.PinEntered(ev.Secret(pin)))

    def _clear_pin(self) -> None:
        self._pin = ""
        self.screens[Step.PIN_ENTRY].detail.setText("")

    @staticmethod
    def _show_pin(screen: StepScreen, visit: Visit) -> None:
        if visit.pin_tries_left is not None:
            screen.detail.setText(f"残り {visit.pin_tries_left} 回 / {visit.pin_tries_left} tries left")
