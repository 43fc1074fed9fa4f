"""A seated patient (wheelchair) checks in through the real window on the demo's wiring with every
touch in the lower half of the screen; the card goes on the tray below the screen. Then the
patient's own toggles: seated, big text and high contrast for one visit, back to normal at idle."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from faceauth.thresholds import SEATED_FACE_CENTRE_Y
from tests.ui.driving import FAST, lay_out, visible_buttons
from ui.theme import Look, rules

pytestmark = pytest.mark.e2e


class SeatedHand:
    """Touches the visible button with the given words, after checking that all of it lies in the
    lower half of the window; keeps every touch position."""

    def __init__(self, demo) -> None:
        self.demo, self.touches = demo, []

    def touch(self, *texts: str) -> None:
        for text in texts:
            window, qtbot = self.demo.window, self.demo.qtbot

            def matches(window=window, text=text):
                return [b for b in visible_buttons(window) if b.text() == text and b.isEnabled()]
            qtbot.waitUntil(lambda: len(matches()) == 1, timeout=FAST)
            (target,) = matches()
            lay_out()            # the screen is laid out (the seated push happens on show)
            top = target.mapTo(window, QPoint(0, 0)).y()
            spot = target.mapTo(window, target.rect().center())
            assert top >= window.height() / 2, f"{text!r} starts at y={top} of {window.height()}"
            self.touches.append((text, spot.x(), spot.y()))
            qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def test_seated_patient_checks_in_by_pin_touching_only_the_lower_half(demo_factory):
    demo = demo_factory(seated_layout=True, eprescription_question=True)
    hand = SeatedHand(demo)
    assert demo.window.access.seated.isChecked()
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    hand.touch("暗証番号（4桁）")
    demo.wait_for("pin_entry")
    hand.touch("1", "2", "3", "4", "OK")
    demo.wait_for("consent_all")
    hand.touch("すべて同意する")
    demo.wait_for("prescription")
    hand.touch("電子処方箋")
    demo.wait_for("done")
    hand.touch("OK")
    demo.wait_for("idle")
    demo.tray.take()
    half = demo.window.height() / 2
    assert len(hand.touches) == 9 and all(y >= half for _, _, y in hand.touches), hand.touches
    assert demo.result()["QualificationValidity"] == "1"
    assert demo.window.access.seated.isChecked()          # the facility's setting stays for the next


def test_seated_patient_checks_in_by_face_low_in_the_camera(demo_factory, tmp_path):
    """The camera above the screen sees a seated patient low in the frame: the oval is drawn there
    and the guidance never asks them to move into it."""
    import cv2
    import numpy as np
    from faceauth import CameraSource, FaceMatcher, sample_faces
    astronaut = sample_faces.people(FaceMatcher.load().detect)[0]     # the demo persona's face
    rng = np.random.default_rng(7)
    frames = tmp_path / "seated"
    frames.mkdir()
    for index in range(20):
        frame = sample_faces.camera_frame(astronaut, face_width=165 + rng.uniform(-4, 4),
                                          shift=(rng.uniform(-8, 8), 120 + rng.uniform(-6, 6)))
        cv2.imwrite(str(frames / f"{index:03d}.png"), frame)      # a public test photo, not a patient
    demo = demo_factory(open_camera=lambda **kw: CameraSource(frames, loop=True, **kw), seated_layout=True)
    codes: list[str] = []
    demo.window.bridge.guidance.connect(codes.append)
    hand = SeatedHand(demo)
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    hand.touch("顔認証")
    demo.wait_for("face_capture")
    picture = demo.window.current().picture
    assert picture.face_centre_y == SEATED_FACE_CENTRE_Y
    demo.wait_for("consent_all", timeout=30_000)
    hand.touch("すべて同意する")
    demo.wait_for("done")
    hand.touch("OK")
    demo.wait_for("idle")
    demo.tray.take()
    assert codes and "off_centre" not in codes, codes
    assert all(y >= demo.window.height() / 2 for _, _, y in hand.touches)
    assert demo.result()["QualificationValidity"] == "1"


def test_a_patients_toggles_last_one_visit(demo_factory):
    demo = demo_factory()
    window = demo.window
    sheet = window.styleSheet()
    window.access.seated.click()
    lay_out()
    assert window.header.mapTo(window, QPoint(0, 0)).y() >= window.height() / 2    # header moved down
    window.countdown.setText("…")
    window.countdown.place()
    assert window.countdown.geometry().bottom() < window.height() / 2              # never over the controls
    window.access.big.click()
    window.access.contrast.click()
    assert window.access.look == Look(big=True, contrast=True, seated=True)
    base = dict(rules(window.styleSheet())[0][1])          # QWidget: every text's ground and size
    assert base["font-size"] == "36px" and base["background"] == "#000000" and base["color"] == "#ffffff"
    demo.tray.place("valid_adult")
    demo.wait_for("method_choice")
    assert window.access.look == Look(big=True, contrast=True, seated=True)       # kept during the visit
    demo.tray.take()
    demo.wait_for("idle")
    assert window.access.look == Look() and window.styleSheet() == sheet
    assert window.header.mapTo(window, QPoint(0, 0)).y() == 0


def test_the_face_oval_is_drawn_lower_for_a_seated_patient(qtbot):
    """The oval's painted pixels: centred for standing patients, lower for seated ones; a dashed
    thin line while searching, a solid thick one when the face is right (not only green)."""
    from PySide6.QtGui import QColor, QImage
    from ui.preview import Picture
    picture = Picture(guide=True)
    qtbot.addWidget(picture)
    picture.resize(640, 480)
    frame = QImage(640, 480, QImage.Format.Format_RGB32)
    frame.fill(QColor("#404040"))
    picture.show_image(frame)

    def oval(centre_y: float, ok: bool = False) -> tuple[float, int]:
        """(the oval's vertical middle, how many of its pixels are painted)"""
        picture.face_centre_y, picture.ok = centre_y, ok
        shot = picture.grab().toImage()
        painted = [(x, y) for y in range(0, shot.height(), 2) for x in range(0, shot.width(), 2)
                   if shot.pixelColor(x, y).lightness() > 90]
        rows = [y for _, y in painted]
        return (min(rows) + max(rows)) / 2, len(painted)

    standing, searching = oval(0.5)
    seated, _ = oval(SEATED_FACE_CENTRE_Y)
    assert abs(standing - 240) < 6 and seated > standing + 30, (standing, seated)
    _, matched = oval(0.5, ok=True)
    assert matched > 1.5 * searching, (searching, matched)
