"""The demo's control window: place or take each virtual persona's card or phone."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.demo import VirtualTray
from reader.virtual.personas import PERSONAS


class DemoControls(QWidget):
    def __init__(self, tray: VirtualTray) -> None:
        super().__init__()
        self.tray = tray
        self.setWindowTitle("oqs-kiosk demo: virtual cards")
        layout = QVBoxLayout(self)
        self.status = QLabel("カードなし / no card")
        layout.addWidget(self.status)
        for persona_id, persona in PERSONAS.items():
            button = QPushButton(f"{persona_id}  ({persona.description})")
            button.clicked.connect(lambda _=False, pid=persona_id: self.place(pid))
            layout.addWidget(button)
        take = QPushButton("カードを取る / take the card")
        take.clicked.connect(self.take)
        layout.addWidget(take)

    def place(self, persona_id: str) -> None:
        self.tray.place(persona_id)
        self.status.setText(f"置いたカード / on the reader: {persona_id}")

    def take(self) -> None:
        self.tray.take()
        self.status.setText("カードなし / no card")
