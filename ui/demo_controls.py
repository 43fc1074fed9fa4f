"""The demo's control window: the patient's hand. Place or take each virtual persona's card or
phone; the PIN each persona knows is shown, so a visitor can try every path."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.staff.passwords import DEMO_VISUAL_CHECK_PASSWORD
from kiosk.staff.staff_access import DEMO_STAFF_PASSWORD
from kiosk.composition.demo import DEMO_PERSONAS, VirtualTray
from kiosk.core.events import TokenKind

GROUPS = ((TokenKind.CARD, "カード / Cards"), (TokenKind.ANDROID, "Android"), (TokenKind.IPHONE, "iPhone"))


class DemoControls(QWidget):
    def __init__(self, tray: VirtualTray) -> None:
        super().__init__()
        self.tray = tray
        self.setWindowTitle("oqs-kiosk demo: the patient's hand")
        layout = QVBoxLayout(self)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.buttons: dict[str, QPushButton] = {}
        for kind, title in GROUPS:
            box = QGroupBox(title)
            grid = QGridLayout(box)
            for row, persona in enumerate(p for p in DEMO_PERSONAS if p.kind is kind):
                button = QPushButton(persona.id)
                button.setCheckable(True)
                button.setToolTip(persona.description)
                button.clicked.connect(lambda _=False, pid=persona.id: self.place(pid))
                grid.addWidget(button, row, 0)
                pin = f"PIN {persona.pin}" if persona.pin else "PIN なし / none"
                grid.addWidget(QLabel(f"{persona.name}  ·  {pin}  ·  {persona.description}"), row, 1)
                self.buttons[persona.id] = button
            layout.addWidget(box)
        take = QPushButton("カードを取る / take the card or phone")
        take.clicked.connect(self.take)
        layout.addWidget(take)
        layout.addWidget(QLabel(f"目視パスワード / visual-check password (demo): {DEMO_VISUAL_CHECK_PASSWORD}"))
        layout.addWidget(QLabel(f"職員メニュー / staff panel (demo): 左上を3秒押す or Ctrl+Alt+S, "
                                f"パスワード / password {DEMO_STAFF_PASSWORD}"))
        self._show()

    def place(self, persona_id: str) -> None:
        self.tray.place(persona_id)
        self._show()

    def take(self) -> None:
        self.tray.take()
        self._show()

    def _show(self) -> None:
        current = self.tray.current
        self.status.setText(f"リーダー上 / on the reader: {current}" if current else "カードなし / nothing on the reader")
        for persona_id, button in self.buttons.items():
            button.setChecked(persona_id == current)
