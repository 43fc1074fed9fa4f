"""Voice prompt latency and the set-up cost of the prompt folder.

    .venv/bin/python -m bench.voice_latency [runs]

1. Screen change to sound: the real window over a bare machine, real PromptPlayer (QSoundEffect).
   Measured from `window.show_step(...)` to QtMultimedia reporting the screen's first prompt as
   playing (QSoundEffect.playingChanged: the decoded buffer is handed to an opened audio sink).
   The device's own buffer comes after that; it is measured apart (2.) and added for the estimate.
   Target ≤ 300 ms. Every offered language is decoded at start (preload); the first English
   screen is still reported apart.
2. The audio sink's lead: QAudioSink.start() on a prompt to processedUSecs() > 0 (the device has
   taken the first samples).
3. Set-up: rendering every prompt into an empty folder (time, files, size), then a second run.

Without an audio device (a CI machine) the bench starts a private PulseAudio with a null sink when
`pulseaudio` is installed (apt-packages-test.txt), and stops it at the end.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.ui_common import run_until
from ui.testing.sound_server import private_sound_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def sound_server_running() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}")
    return any(Path(p).exists() for p in (f"{runtime}/pulse/native", "/run/pulse/native"))


SCREENS = ("method_choice", "pin_entry", "consent_all", "done", "problem", "idle")


def screen_latencies(runs: int) -> tuple[list[float], list[float]]:
    from kiosk.core.codes import Problem
    from kiosk.core.events import Method
    from kiosk.core.session import CheckInMachine, Step, Visit
    from kiosk.config.settings import defaults
    from ui.app import build_window
    settings = defaults().with_changes(institution_code="1399999999")
    window, _bridge = build_window(settings, CheckInMachine(settings), lambda event: None)
    window.show()
    player = window.voice.player
    run_until(lambda: not player.busy)
    started: list[float] = []
    player.on_started.append(lambda _prompt: started.append(time.perf_counter()))
    warm, first_english = [], []
    visit = Visit(problem=Problem.GATEWAY_UNREACHABLE, pin_tries_left=3)
    for run in range(runs):
        for language, into in (("ja", warm), ("en", first_english if run == 0 else warm)):
            window.languages.use(language)
            for name in SCREENS:
                started.clear()
                window.voice.prompts = []     # the same screen again is said again
                begun = time.perf_counter()
                window.show_step(Step(name), visit, [Method.FACE, Method.PIN])
                if run_until(lambda: bool(started)):
                    into.append((started[0] - begun) * 1000)
                player.stop()
                if into is first_english:
                    break     # the first switch to English (its files were decoded at start too)
    window.release()
    window.close()
    return warm, first_english


def sink_lead(wav: Path) -> float | None:
    import wave
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices
    with wave.open(str(wav)) as w:
        data, rate = w.readframes(w.getnframes()), w.getframerate()
    audio = QAudioFormat()
    audio.setSampleRate(rate)
    audio.setChannelCount(1)
    audio.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    begun = time.perf_counter()
    sink.start(buffer)
    ok = run_until(lambda: sink.processedUSecs() > 0)
    lead = (time.perf_counter() - begun) * 1000
    sink.stop()
    return lead if ok else None


def render_cost() -> str:
    from kiosk.tools.speech import render_all
    folder = Path(tempfile.mkdtemp(prefix="oqs-voice-render-"))
    try:
        begun = time.perf_counter()
        files = render_all(folder)
        first = time.perf_counter() - begun
        begun = time.perf_counter()
        again = render_all(folder)
        second = time.perf_counter() - begun
        size = sum(p.stat().st_size for p in folder.rglob("*.wav"))
        return (f"set-up rendering: {len(files)} files in {first:.1f} s ({size / 1e6:.1f} MB); "
                f"second run: {len(again)} rendered in {second:.2f} s")
    finally:
        shutil.rmtree(folder)


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    if sound_server_running():
        private, device = False, "the machine's sound server"
    elif shutil.which("pulseaudio"):
        private, device = True, "private PulseAudio null sink"
    else:
        private, device = False, "no sound server, no pulseaudio installed"
    with private_sound_server() if private else contextlib.nullcontext():
        return report(runs, device, private)


def report(runs: int, device: str, private: bool) -> int:
    from PySide6.QtWidgets import QApplication
    _app = QApplication.instance() or QApplication([])
    from ui.player import has_audio_output
    if not has_audio_output():
        print(f"no audio output ({device}): nothing to measure; latency not reported")
        return 1
    warm, first_english = screen_latencies(runs)
    from kiosk.tools.speech import VOICE_DIR, wav_path
    lead = sink_lead(wav_path(VOICE_DIR, "screen.idle", "ja"))
    print(f"audio device: {device}")
    print(f"screen change -> QtMultimedia playing, {len(warm)} screens (preloaded): "
          f"median {statistics.median(warm):.1f} ms, worst {max(warm):.1f} ms (target <= 300 ms)")
    print(f"first English screen: {', '.join(f'{c:.1f}' for c in first_english)} ms")
    print(f"audio sink start -> device took the first samples: "
          f"{'n/a' if lead is None else f'{lead:.1f} ms'}")
    if private:
        print("  (a null sink has no hardware buffer: a real sound card adds its own, not measured here)")
    if lead is not None:
        print(f"estimate to the first sample at the device: median {statistics.median(warm) + lead:.1f} ms, "
              f"worst {max(warm + first_english) + lead:.1f} ms")
    print(render_cost())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
