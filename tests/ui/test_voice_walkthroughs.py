"""Walkthroughs through the real window on the demo's wiring (issue 10): a blind patient on the
numeric keypad with voice only, and an elderly patient whose face leaves and re-enters the frame."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from faceauth import CameraSource
from faceauth.sample_faces import DEMO_RECORDING, FRAME_SIZE

pytestmark = pytest.mark.e2e
PAD = Qt.KeyboardModifier.KeypadModifier
CLIP_FPS = 15.0


class Touches(QObject):
    """Counts every mouse press and touch the application receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.count += 1
        return False


def said(demo) -> list[str]:
    return [prompt for _language, prompt in demo.window.voice.player.history]


def listen_for(demo, prompt: str) -> None:
    """Wait until the kiosk has said `prompt` since the last key (what a blind patient waits for)."""
    start = getattr(demo, "heard", 0)
    demo.qtbot.waitUntil(lambda: prompt in said(demo)[start:], timeout=10_000)
    demo.heard = start + said(demo)[start:].index(prompt) + 1


def keys(demo, *pressed) -> None:
    for key in pressed:
        demo.qtbot.keyClick(QApplication.focusWidget() or demo.window.current(), key, PAD)


def test_blind_patient_checks_in_with_the_keypad_and_the_voice_only(demo_factory):
    touches = Touches()
    demo = demo_factory(eprescription_question=True)
    demo.tray.place("valid_adult")                      # the card goes on the tray by hand
    listen_for(demo, "key.method.pin")
    keys(demo, Qt.Key.Key_2)                           # "暗証番号は2"
    listen_for(demo, "key.pin")
    keys(demo, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_Enter)   # a slip
    listen_for(demo, "pin_tries.2")                    # "暗証番号が違います。あと2回入力できます。"
    listen_for(demo, "key.pin")
    keys(demo, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_9, Qt.Key.Key_Minus, Qt.Key.Key_4)
    keys(demo, Qt.Key.Key_Enter)
    listen_for(demo, "key.consent_all")
    keys(demo, Qt.Key.Key_1)                           # agree to all
    listen_for(demo, "key.prescription")
    keys(demo, Qt.Key.Key_1)                           # electronic
    listen_for(demo, "key.finish")
    keys(demo, Qt.Key.Key_Enter)
    demo.wait_for("idle")
    assert touches.count == 0
    assert demo.result()["QualificationValidity"] == "1"
    spoken = said(demo)
    screens = [p for p in spoken if p.startswith("screen.")]
    assert screens == ["screen.idle", "screen.reading", "screen.method_choice", "screen.pin_entry",
                       "screen.pin_verifying", "screen.pin_entry", "screen.pin_verifying", "screen.identified", "screen.querying", "screen.consent_all",
                       "screen.prescription", "screen.writing", "screen.done", "screen.idle"]
    assert [p for p in spoken if p.startswith("digits.")] == [
        "digits.1", "digits.2", "digits.3", "digits.4"] * 2 + ["digits.3", "digits.4"]
    assert spoken.index("earcon.card") < spoken.index("screen.reading")
    assert spoken.index("earcon.success") < spoken.index("screen.done")
    assert "key.method.face" in spoken and "key.yes_no" not in spoken


def out_of_frame_clip(path, far_seconds: float = 4.0, away_seconds: float = 15.5) -> None:
    """The demo recording as an elderly patient lives it: standing back (the face small), then
    out of the frame for longer than the matcher's give-up time, then back in front."""
    capture = cv2.VideoCapture(str(DEMO_RECORDING))
    frames = []
    while (grabbed := capture.read())[0]:
        frames.append(grabbed[1])
    capture.release()
    width, height = FRAME_SIZE
    room = np.full((height, width, 3), 120, np.uint8)
    small = room.copy()
    w, h = int(width * 0.4), int(height * 0.4)
    small[(height - h) // 2:(height + h) // 2, (width - w) // 2:(width + w) // 2] = cv2.resize(frames[-1], (w, h))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), CLIP_FPS, FRAME_SIZE)
    for frame in [small] * int(far_seconds * CLIP_FPS) + [room] * int(away_seconds * CLIP_FPS) + frames * 2:
        writer.write(frame)
    writer.release()


def test_elderly_patient_leaves_the_frame_and_comes_back_without_a_restart(demo_factory, tmp_path):
    clip = tmp_path / "out-of-frame.avi"       # made from the public demo clip; deleted with tmp_path
    out_of_frame_clip(clip)
    demo = demo_factory(open_camera=lambda **kw: CameraSource(clip, **kw))
    demo.tray.place("face_only_no_pin")
    demo.wait_for("face_capture")
    demo.wait_for("consent_all", timeout=60_000)
    demo.press("すべて同意する")
    demo.wait_for("done")
    demo.tray.take()
    demo.wait_for("idle")
    assert demo.shown == ["reading", "face_preparing", "face_capture", "identified", "querying",
                          "consent_all", "writing", "done", "idle"]
    assert demo.result()["QualificationValidity"] == "1"
    spoken = said(demo)
    face = spoken[spoken.index("screen.face_capture"):spoken.index("screen.querying")]
    assert "guidance.too_far" in face and "guidance.no_face" in face     # guided, back into view
    assert "again" not in spoken and "problem.004" not in spoken          # never refused, no retry
