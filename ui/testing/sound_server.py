"""A private PulseAudio with a null sink, for machines without a sound card (CI): what the kiosk
plays goes to the sink, and `record()` hears it back from the sink's monitor."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

SINK = "oqs_null"
RATE = 22050


@contextmanager
def private_sound_server():
    """Yields the XDG_RUNTIME_DIR that points clients at it (this process's environment gets it
    too: start the server before Qt looks for audio devices, which it does only once)."""
    if shutil.which("pulseaudio") is None:
        raise RuntimeError("pulseaudio is not installed (scripts/apt-packages-test.txt)")
    runtime = tempfile.mkdtemp(prefix="oqs-sound-")
    daemon = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--log-level=error",
         f"--load=module-null-sink sink_name={SINK}", "--load=module-native-protocol-unix"],
        env={**os.environ, "XDG_RUNTIME_DIR": runtime}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = runtime
    try:
        deadline = time.monotonic() + 5
        while not (Path(runtime) / "pulse" / "native").exists():
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise RuntimeError("the private PulseAudio did not start")
            time.sleep(0.05)
        yield runtime
    finally:
        if previous is None:
            os.environ.pop("XDG_RUNTIME_DIR", None)
        else:
            os.environ["XDG_RUNTIME_DIR"] = previous
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(5)
        shutil.rmtree(runtime, ignore_errors=True)


@contextmanager
def record(into: Path):
    """Records the null sink (16-bit mono at RATE) into `into` while the block runs."""
    with open(into, "wb") as out:
        recorder = subprocess.Popen(["parec", "-d", f"{SINK}.monitor", "--format=s16le",
                                     f"--rate={RATE}", "--channels=1"], stdout=out)
        try:
            yield
        finally:
            recorder.terminate()
            recorder.wait(5)
