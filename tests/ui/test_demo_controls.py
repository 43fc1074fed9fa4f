"""The demo's control window places and takes each persona's card or phone on the virtual tray."""
from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.composition.demo import VirtualTray
from reader.virtual.personas import PERSONAS
from ui.demo_controls import DemoControls


def test_every_persona_can_be_placed_and_taken(qtbot, tmp_path):
    placed = []

    class Tray(VirtualTray):
        def place(self, persona_id):
            placed.append(persona_id)
            self.current = persona_id

        def take(self):
            self.current = None

    controls = DemoControls(Tray(tmp_path))
    qtbot.addWidget(controls)
    assert set(controls.buttons) == set(PERSONAS)
    qtbot.mouseClick(controls.buttons["iphone"], Qt.MouseButton.LeftButton)
    assert placed == ["iphone"] and controls.buttons["iphone"].isChecked()
    assert "iphone" in controls.status.text()
    qtbot.mouseClick(controls.buttons["valid_adult"], Qt.MouseButton.LeftButton)
    assert not controls.buttons["iphone"].isChecked() and controls.buttons["valid_adult"].isChecked()
    controls.take()
    assert not any(b.isChecked() for b in controls.buttons.values())
    assert "カードなし" in controls.status.text()
