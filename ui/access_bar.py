"""The patient's own adjustments, one large toggle each in the header of every screen: big text,
high contrast, seated layout. Pictograms (not words) so the three fit beside the languages at
1024 px even in big text; their accessible names say the words. A toggle that is on carries a
check mark and a thick border, not only a colour. Everything returns to the facility's defaults
at idle."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.adapters.face import expected_face_centre_y
from ui.pictograms import CHECK_SIZE, PICTOGRAM, PICTOGRAMS, check_icon, pictogram
from ui.screens.base import button
from ui.theme import Look, themed_sheet


def mark_checked(key: QPushButton) -> None:
    """Show a checkable (worded) button's state by a check mark beside its words."""
    key.setIcon(check_icon() if key.isChecked() else QIcon())
    key.setIconSize(QSize(CHECK_SIZE, CHECK_SIZE))


class AccessBar(QWidget):
    def __init__(self, seated_by_default: bool, changed: Callable[[Look], None]) -> None:
        super().__init__()
        self.setObjectName("access_bar")
        self.seated_by_default, self.changed = seated_by_default, changed
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.big = button("access", self._toggled)
        self.contrast = button("access", self._toggled)
        self.seated = button("access", self._toggled)
        for key in self.keys():
            key.setCheckable(True)
            key.setIconSize(QSize(PICTOGRAM, PICTOGRAM))
            layout.addWidget(key)
        self._show(Look(seated=seated_by_default))

    def keys(self) -> tuple[QPushButton, ...]:
        return self.big, self.contrast, self.seated

    @property
    def look(self) -> Look:
        """What the three keys say now."""
        return Look(big=self.big.isChecked(), contrast=self.contrast.isChecked(), seated=self.seated.isChecked())

    def _toggled(self) -> None:
        self._show(self.look)
        self.changed(self.look)

    def _show(self, look: Look) -> None:
        for kind, key, on in zip(PICTOGRAMS, self.keys(), (look.big, look.contrast, look.seated)):
            key.setChecked(on)
            key.setIcon(pictogram(kind, on))

    def reset(self) -> None:
        """Back to the facility's defaults (the next patient starts afresh)."""
        self.use(Look(seated=self.seated_by_default))

    def use(self, look: Look) -> None:
        if look != self.look:
            self._show(look)
            self.changed(look)

    def retranslate(self) -> None:
        """The words (for assistive technology) in the current language."""
        translate = QCoreApplication.translate
        self.big.setAccessibleName(translate("Access", "Large text"))
        self.big.setAccessibleDescription(translate("Access", "Makes every text on the screen larger, for this visit."))
        self.contrast.setAccessibleName(translate("Access", "High contrast"))
        self.contrast.setAccessibleDescription(translate(
            "Access", "Shows the screen in yellow and white on black, for this visit."))
        self.seated.setAccessibleName(translate("Access", "Seated (wheelchair)"))
        self.seated.setAccessibleDescription(translate(
            "Access", "Moves every button to the lower half of the screen and expects your face lower, for this visit."))


def apply_look(window, look: Look) -> None:
    """Restyle the kiosk window for `look`: the style sheet, and for a seated patient the header
    (with these toggles, cancel and the languages) moved to the bottom, each screen's controls pushed into the
    lower half, the face oval and the face guidance lowered."""
    window.setStyleSheet(themed_sheet(look))
    body = window.centralWidget().layout()
    body.removeWidget(window.header)
    body.insertWidget(body.count() if look.seated else 0, window.header)
    for screen in window.screens.values():
        screen.seat(look.seated)
    window.countdown.at_top = look.seated
    face = window.bridge.face
    if face is not None and hasattr(face, "expect_face_centre"):
        face.expect_face_centre(expected_face_centre_y(look.seated))
