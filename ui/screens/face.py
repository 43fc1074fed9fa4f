"""Face capture: the live picture with the face oval and one plain sentence of guidance that
changes as the patient moves; the match goes on, it never restarts."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from kiosk.adapters.face import expected_face_centre_y
from ui.preview import Picture
from ui.screens.base import Screen, label
from ui.texts import GUIDANCE, say


class FaceCaptureScreen(Screen):
    camera = True

    def build(self) -> None:
        self.picture = Picture(mirrored=True, guide=True)
        self.guidance = label("guidance")
        self.again = label("subtitle")
        self.where = label("camera_above")    # a blind or confused patient hears it too (prompts)
        self.code = "no_face"
        self.layout_.addWidget(self.where)
        self.layout_.addWidget(self.picture, 1)
        self.layout_.addWidget(self.guidance)
        self.layout_.addWidget(self.again)

    def fill(self, visit, methods) -> None:
        self.again.setVisible(visit.face_attempts > 0)
        self.again.setText(self.tr("Let us try once more."))
        self.where.setText("▲ " + QCoreApplication.translate("Voice", "The camera is at the top of the screen. Please look at it."))
        self.picture.placeholder = self.tr("The camera is starting…")
        self.show_guidance(self.code)

    def show_guidance(self, code: str) -> None:
        self.code = code if code in GUIDANCE else "hold_still"
        self.guidance.setText(say("Guidance", GUIDANCE[self.code]))
        self.picture.ok = self.code == "hold_still"

    def show_frame(self, image: QImage) -> None:
        self.picture.show_image(image)

    def seat(self, seated: bool) -> None:
        self.picture.face_centre_y = expected_face_centre_y(seated)   # the picture keeps its size; the oval moves

    def leave(self) -> None:
        self.picture.clear()
        self.code = "no_face"
