"""A USB numeric keypad arrives as key presses (with Qt.KeypadModifier); the main keyboard's same
keys do the same. Screens see only what a key means: a digit, enter, delete, replay or language."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

K = Qt.Key
MEANINGS = {
    **{getattr(K, f"Key_{d}"): str(d) for d in range(10)},
    K.Key_Enter: "enter", K.Key_Return: "enter",
    K.Key_Minus: "delete", K.Key_Backspace: "delete", K.Key_Delete: "delete",
    K.Key_Plus: "replay",
    K.Key_Asterisk: "language",   # the next offered language (kiosk.core.prompts.language_offers says so)
}


def keypad_key(event: QKeyEvent) -> str | None:
    """'0'-'9', 'enter', 'delete', 'replay', 'language', or None for any other key."""
    return MEANINGS.get(event.key())
