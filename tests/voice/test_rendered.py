"""The audio rendered at set-up (scripts/setup.d/60-voice-prompts.sh): every prompt in both
languages is a file that is not silent and lasts as long as its words need; a second rendering
renders nothing."""
from __future__ import annotations

import re
import wave

import numpy as np
import pytest

from kiosk.core import prompts
from kiosk.tools import speech

CATALOGUE = prompts.catalogue()
LOUD = 500             # a sample above this (16-bit) is sound, not silence
RMS_FLOOR = 1000       # over the whole file: speech at a normal level is 2500-4000
SECONDS_PER_CHARACTER = {"ja": (0.06, 0.35), "en": (0.04, 0.2)}   # measured 0.11-0.20 and 0.06-0.13


def samples(path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, speech.SAMPLE_RATE)
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)


@pytest.mark.parametrize("language", prompts.LANGUAGES)
@pytest.mark.parametrize("prompt_id", sorted(CATALOGUE))
def test_every_prompt_is_heard_and_fits_its_words(prompt_id, language):
    audio = samples(speech.wav_path(speech.VOICE_DIR, prompt_id, language))
    assert np.sqrt(np.mean(audio ** 2)) > RMS_FLOOR
    loud = np.flatnonzero(np.abs(audio) > LOUD)
    spoken = (loud[-1] - loud[0]) / speech.SAMPLE_RATE
    characters = len(re.sub(r"[\s、。,.?]", "", CATALOGUE[prompt_id].text(language)))
    low, high = SECONDS_PER_CHARACTER[language]
    assert low * characters <= spoken <= high * characters + 0.5, (spoken, characters)
    lead, tail = speech.SPEECH_EDGES
    assert loud[0] / speech.SAMPLE_RATE <= lead + 0.1          # the first word comes at once
    assert (len(audio) - loud[-1]) / speech.SAMPLE_RATE <= tail + 0.1


def test_trimming_keeps_the_speech_and_drops_the_padding():
    rate = speech.SAMPLE_RATE
    tone = np.sin(np.arange(rate) * 0.3) * 8000
    tone[:200] *= np.linspace(0.001, 1, 200)               # a soft onset, as a consonant starts
    hiss = np.random.default_rng(1).normal(0, 20, rate)   # a second of near-silence either side
    padded = np.concatenate([hiss, tone, hiss])
    trimmed = speech._trimmed(padded)
    start = int(np.flatnonzero(padded == trimmed[0])[0])
    assert np.array_equal(padded[start:start + len(trimmed)], trimmed)   # one piece, unchanged
    assert start <= rate and start + len(trimmed) >= 2 * rate            # the whole tone is in it
    lead, tail = speech.SPEECH_EDGES
    assert len(trimmed) <= len(tone) + (lead + tail) * rate + 1          # the padding is gone


@pytest.mark.parametrize("name", sorted(prompts.EARCONS))
def test_earcons_are_short_sounds(name):
    tones, seconds = prompts.EARCONS[name]
    audio = samples(speech.wav_path(speech.VOICE_DIR, f"earcon.{name}"))
    assert len(audio) / speech.SAMPLE_RATE == pytest.approx(len(tones) * seconds, abs=0.01)
    assert len(audio) / speech.SAMPLE_RATE <= 0.6
    assert np.sqrt(np.mean(audio ** 2)) > RMS_FLOOR


def test_a_second_rendering_renders_nothing_and_a_changed_sentence_only_itself(tmp_path, monkeypatch):
    small = {"screen.idle": CATALOGUE["screen.idle"], "digits.1": CATALOGUE["digits.1"]}
    monkeypatch.setattr(speech, "catalogue", lambda: small)
    first = speech.render_all(tmp_path)
    assert len(first) == 2 * len(prompts.LANGUAGES) + len(prompts.EARCONS)
    assert speech.render_all(tmp_path) == []
    small["digits.1"] = prompts.Prompt("一桁入力しました。", "One digit entered.")
    del small["screen.idle"]
    assert sorted(speech.render_all(tmp_path)) == ["en/digits.1.wav", "ja/digits.1.wav"]
    assert not (tmp_path / "ja" / "screen.idle.wav").exists()     # no longer wanted, removed
