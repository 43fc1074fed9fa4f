"""The camera source reads a video file through OpenCV exactly as it reads a device."""

import os
import threading
import time

import cv2
import numpy as np
import pytest

from faceauth import CameraSource, CameraStopped, CameraUnavailable

COUNT = 12


def numbered_frames(count=COUNT):
    """Frames whose brightness encodes their number, so order and skipping can be checked."""
    return [np.full((480, 640, 3), 20 * i, np.uint8) for i in range(count)]


def frame_number(image):
    return int(round(float(image.mean()) / 20))


@pytest.fixture
def video(tmp_path):
    path = tmp_path / "recording.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15.0, (640, 480))
    for frame in numbered_frames():
        writer.write(frame)
    writer.release()
    return path


def test_reads_every_frame_of_a_video_file_in_order(video):
    every = []  # the callback sees every frame; a consumer of latest() may skip some
    with CameraSource(video, paced=False, on_frame=every.append) as camera:
        consumed = list(camera.frames())
    assert [frame_number(f.image) for f in every] == list(range(COUNT))
    assert [f.index for f in every] == list(range(COUNT))
    assert every[0].image.shape == (480, 640, 3)
    indexes = [f.index for f in consumed]
    assert indexes == sorted(set(indexes)) and indexes[-1] == COUNT - 1
    assert all(frame_number(f.image) == f.index for f in consumed)


def test_a_recording_plays_at_its_own_frame_rate(video):
    started = time.monotonic()
    with CameraSource(video) as camera:
        count = sum(1 for _ in camera.frames())
    assert count == COUNT
    assert time.monotonic() - started >= (COUNT - 1) / 15.0 * 0.9


def test_a_slow_consumer_gets_the_newest_frame_and_never_holds_the_camera_up(video):
    with CameraSource(video) as camera:
        first = camera.latest(timeout=2.0)
        time.sleep(0.4)  # the consumer is busy; about 6 frames arrive meanwhile
        newest = camera.latest(after=first.index, timeout=2.0)
    assert newest.index >= first.index + 4
    assert frame_number(newest.image) == newest.index


def test_end_of_recording_is_a_typed_stop_unless_looping(video):
    with CameraSource(video, paced=False) as camera:
        last = None
        for frame in camera.frames():
            last = frame
        with pytest.raises(CameraStopped):
            camera.latest(after=last.index, timeout=1.0)
    with CameraSource(video, paced=False, loop=True) as camera:
        index = -1
        for _ in range(COUNT * 2):
            index = camera.latest(after=index, timeout=2.0).index
    assert index >= COUNT * 2 - 1


def test_reads_a_folder_of_numbered_images(tmp_path):
    for i, frame in enumerate(numbered_frames(5)):
        cv2.imwrite(str(tmp_path / f"frame_{i:03d}.png"), frame)
    every = []
    with CameraSource(tmp_path, paced=False, on_frame=every.append) as camera:
        list(camera.frames())
    assert [frame_number(f.image) for f in every] == list(range(5))


def test_frames_reach_a_callback_on_the_worker_thread(video):
    threads = set()
    with CameraSource(video, paced=False, on_frame=lambda frame: threads.add(threading.current_thread())) as camera:
        list(camera.frames())
    assert threads and threading.current_thread() not in threads


def test_missing_camera_or_file_is_unavailable(tmp_path):
    with pytest.raises(CameraUnavailable):
        CameraSource(tmp_path / "no-such-recording.avi").start()
    with pytest.raises(CameraUnavailable):
        CameraSource(97).start()  # no such device index


def test_nothing_is_written_while_reading(video, tmp_path):
    before = sorted(os.listdir(tmp_path))
    with CameraSource(video, paced=False) as camera:
        list(camera.frames())
    assert sorted(os.listdir(tmp_path)) == before
