"""A camera Windows keeps from the kiosk: the privacy switch for desktop programs blocks it without
a word, and camera numbers follow the USB ports. What staff read then (log and self-test)."""
from __future__ import annotations

import sys

import pytest

from faceauth import camera
from kiosk.tools import selftest_checks


def cameras_opening(monkeypatch, indices: set[int]) -> None:
    class Capture:
        def __init__(self, source, backend):
            self.source = source

        def isOpened(self):
            return self.source in indices

        def release(self):
            pass
    monkeypatch.setattr(camera.cv2, "VideoCapture", Capture)


def test_a_blocked_camera_on_windows_names_the_privacy_switch(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    cameras_opening(monkeypatch, set())
    with pytest.raises(camera.CameraUnavailable, match="Let desktop apps access your camera"):
        camera._open_capture(0)


def test_a_missing_file_is_not_blamed_on_the_privacy_switch(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(camera.CameraUnavailable) as raised:
        camera._open_capture(tmp_path / "absent.avi")
    assert "privacy" not in str(raised.value).lower()


def test_linux_messages_stay_short(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    cameras_opening(monkeypatch, set())
    with pytest.raises(camera.CameraUnavailable, match=r"^cannot open camera 0$"):
        camera._open_capture(0)


def test_the_selftest_says_which_camera_numbers_open(monkeypatch):
    cameras_opening(monkeypatch, {2})     # the camera moved to another port: now it is number 2
    with pytest.raises(selftest_checks.CheckFailed, match=r"camera numbers that open here: \[2\]"):
        selftest_checks._frame_size(0, "face_camera")
