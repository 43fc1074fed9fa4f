"""The staff visual check (目視) in one step on the kiosk: the chip photo beside the live picture,
the facility's 目視 password, confirm or refuse. The password is checked off the GUI thread
against its scrypt hash; it is never shown, stored or logged."""
from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGridLayout

from kiosk.core import events as ev
from kiosk.staff.passwords import check_visual_check_password
from ui.preview import Picture, decode_photo
from ui.screens.base import WARNING_SIGN, Screen, button, label, row
from ui.screens.pin import PinPad
from ui.worker import submit

PASSWORD_LENGTH = 4


class StaffCheckScreen(Screen):
    camera = True

    def build(self) -> None:
        self.staff_hint = label("body")
        self.photo, self.live = Picture(), Picture()
        self.photo_caption, self.live_caption = label("caption"), label("caption")
        self.pad = PinPad(PASSWORD_LENGTH, name="small_digit")
        self.wrong = label("warning")
        self.confirm = button("primary_small", self._confirm)
        self.refuse = button("secondary_small", lambda: self.send(ev.StaffDeclined()))
        self.pad.typed.connect(lambda count: self.confirm.setEnabled(count == PASSWORD_LENGTH))
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.photo, 0, 0)
        grid.addWidget(self.live, 0, 1)
        grid.addWidget(self.pad, 0, 2, 2, 1)
        grid.addWidget(self.photo_caption, 1, 0)
        grid.addWidget(self.live_caption, 1, 1)
        grid.addWidget(self.wrong, 2, 0, 1, 2)
        grid.addLayout(row(self.confirm, self.refuse), 3, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)
        self.layout_.addWidget(self.staff_hint)
        self.layout_.addLayout(grid, 1)
        self.wrong.hide()
        self._checking = False
        self._arranged = False

    def fill(self, visit, methods) -> None:
        self.photo_caption.setText(self.tr("Card photo"))
        self.live_caption.setText(self.tr("Camera"))
        self.live.placeholder = self.tr("The camera is starting…")
        self.staff_hint.setText(self.tr("Staff: is this the person in the card photo? "
                                        "Enter the visual-check password to confirm."))
        self.pad.retranslate()
        if not self._arranged:   # once per visit: a new photo or language never moves the keys
            self.pad.arrange(scrambled=self.settings.pin_scrambled)
            self._arranged = True
        self.confirm.setText(self.tr("Same person"))
        self.refuse.setText(self.tr("Not the same person"))
        self.wrong.setText(WARNING_SIGN + self.tr("Wrong password. Please try again."))
        if self.photo.image.isNull() and visit.chip_photo:
            self.photo.show_image(decode_photo(visit.chip_photo))
        self.confirm.setEnabled(self.pad.count() == PASSWORD_LENGTH and not self._checking)

    def _confirm(self) -> None:
        if self._checking or self.pad.count() != PASSWORD_LENGTH:
            return
        self._checking = True
        self.confirm.setEnabled(False)
        typed = self.pad.take()
        submit(lambda: check_visual_check_password(typed), self._checked)

    def _checked(self, right: object) -> None:
        self._checking = False
        self.wrong.setVisible(not right)
        if right and self.isVisible():
            self.send(ev.StaffConfirmed())

    def show_frame(self, image: QImage) -> None:
        self.live.show_image(image)

    def seat(self, seated: bool) -> None:
        """Staff, standing, use this screen: it keeps its layout."""

    def leave(self) -> None:
        self._arranged = False
        self.photo.clear()
        self.live.clear()
        self.pad.clear()
        self.wrong.hide()
