"""Renders every fixed prompt and earcon to a WAV file at set-up, so a clinic PC only plays files.

Japanese: pyopenjtalk-plus (dictionary and HTS voice inside the wheel). English: Debian's espeak-ng.
Each file is named by prompt id and language; `manifest.json` keeps the hash of the text, engine
and voice behind each, so a second run renders nothing and a changed sentence renders only itself.

    python -m kiosk.tools.speech [FOLDER]      (default resources/voice)
"""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import time
import wave
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Callable

import numpy as np

from kiosk.config.paths import resource_path
from kiosk.core.prompts import EARCONS, LANGUAGES, catalogue

VOICE_DIR = resource_path("voice")
SAMPLE_RATE = 22050            # every file: mono 16-bit at this rate, so playback needs no resampling
ENGLISH_VOICE = ("en-us", "150")   # espeak-ng voice and words per minute
# The engines pad speech with up to half a second of silence: kept to these seconds before the
# first and after the last audible sample, the first word comes sooner and the folder is 3 MB smaller.
SPEECH_EDGES = (0.03, 0.12)
AUDIBLE = 0.02                 # of the file's loudest sample


def wav_path(folder: Path, prompt_id: str, language: str | None = None) -> Path:
    return folder / (f"{prompt_id}.wav" if language is None else f"{language}/{prompt_id}.wav")


def _engine(language: str) -> str:
    if language == "ja":
        return f"pyopenjtalk-plus {metadata.version('pyopenjtalk-plus')} mei_normal"
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True, encoding="utf-8").stdout
    return f"{version.strip()} {' '.join(ENGLISH_VOICE)}"


def _resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return samples
    positions = np.arange(0, len(samples), rate / SAMPLE_RATE)
    resampled: np.ndarray = np.interp(positions, np.arange(len(samples)), samples)
    return resampled


def _trimmed(samples: np.ndarray) -> np.ndarray:
    audible = np.flatnonzero(np.abs(samples) > AUDIBLE * np.abs(samples).max(initial=0.0))
    if len(audible) == 0:
        return samples
    lead, tail = (round(seconds * SAMPLE_RATE) for seconds in SPEECH_EDGES)
    return samples[max(0, audible[0] - lead):audible[-1] + 1 + tail]


def _pcm16(samples: np.ndarray, rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(samples, -32767, 32767).astype("<i2").tobytes())
    return out.getvalue()


def speak_japanese(text: str) -> bytes:
    import pyopenjtalk   # only at set-up: the kiosk itself plays files
    samples, rate = pyopenjtalk.tts(text)
    return _pcm16(_trimmed(_resample(np.asarray(samples, np.float64), rate)), SAMPLE_RATE)


def speak_english(text: str) -> bytes:
    voice, speed = ENGLISH_VOICE
    raw = subprocess.run(["espeak-ng", "-v", voice, "-s", speed, "--stdout", text],
                         capture_output=True, check=True).stdout
    with wave.open(io.BytesIO(raw)) as w:
        rate = w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)
    return _pcm16(_trimmed(_resample(samples, rate)), SAMPLE_RATE)


def synthesise_earcon(tones: tuple[float, ...], seconds: float, level: float = 0.4) -> bytes:
    """Short sine tones with 5 ms fades (no clicks)."""
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.005)
    tone = [np.sin(2 * np.pi * f * t) * fade for f in tones]
    return _pcm16(np.concatenate(tone) * level * 32767, SAMPLE_RATE)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def wanted(folder: Path) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Relative path -> (hash, how to render it) for every prompt in every language and every earcon."""
    engines = {language: _engine(language) for language in LANGUAGES}
    speakers = {"ja": speak_japanese, "en": speak_english}
    files: dict[str, tuple[str, Callable[[], bytes]]] = {}
    for prompt_id, prompt in catalogue().items():
        for language in LANGUAGES:
            text = prompt.text(language)
            relative = wav_path(folder, prompt_id, language).relative_to(folder).as_posix()
            files[relative] = (_hash(text, engines[language], repr(SPEECH_EDGES), str(AUDIBLE), str(SAMPLE_RATE)), partial(speakers[language], text))
    for name, (tones, seconds) in EARCONS.items():
        relative = wav_path(folder, f"earcon.{name}").relative_to(folder).as_posix()
        files[relative] = (_hash(repr(tones), str(seconds), str(SAMPLE_RATE)),
                           partial(synthesise_earcon, tones, seconds))
    return files


def render_all(folder: Path = VOICE_DIR) -> list[str]:
    """Render what is missing or changed, drop what is no longer wanted; returns what was rendered."""
    manifest_file = folder / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    files = wanted(folder)
    rendered = []
    for relative, (digest, render) in files.items():
        target = folder / relative
        if manifest.get(relative) == digest and target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(render())
        partial.replace(target)
        manifest[relative] = digest
        rendered.append(relative)
    for relative in sorted(set(manifest) - set(files)):
        (folder / relative).unlink(missing_ok=True)
        del manifest[relative]
    manifest_file.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return rendered


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else VOICE_DIR
    started = time.perf_counter()
    rendered = render_all(folder)
    files = list(folder.rglob("*.wav"))
    size = sum(p.stat().st_size for p in files)
    print(f"voice prompts: {len(rendered)} rendered in {time.perf_counter() - started:.1f} s; "
          f"{folder} holds {len(files)} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
