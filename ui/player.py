"""Plays the prompt files rendered at set-up (kiosk.tools.speech), one after another, with QtMultimedia.

Without an audio device (a test machine, a kiosk whose speaker is unplugged) playback fails soft:
one log line, and the queue goes on silently, so `played` still tells what would have been heard.
"""
from __future__ import annotations

import functools
import logging
from collections import deque
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
import shiboken6

from kiosk.core.prompts import LANGUAGES
from kiosk.tools.speech import VOICE_DIR, wav_path

log = logging.getLogger("ui.voice")
HISTORY_KEPT = 1000


@functools.cache
def has_audio_output() -> bool:
    """Asked once per process: the answer does not change while the kiosk runs."""
    return not QMediaDevices.defaultAudioOutput().isNull()


class PromptPlayer(QObject):
    """`history` gets each prompt as it starts (or would start, when silent), the last
    HISTORY_KEPT of them; `on_started` once QtMultimedia reports it playing on a device. Plain callbacks, not Qt
    signals: emitting one per prompt made PySide6 6.12 crash the interpreter at exit (a refcount
    error on True) in the layout tests."""

    def __init__(self, folder: Path = VOICE_DIR, volume: int = 80, audible: bool | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.audible = has_audio_output() if audible is None else audible
        if not self.audible:
            log.warning("no audio output: voice prompts are chosen but not heard")
        self.history: list[tuple[str, str]] = []    # (language, prompt id), oldest first
        self.on_started: list[Callable[[str], None]] = []
        self._queue: deque[tuple[str, str]] = deque()
        self._effects: dict[Path, QSoundEffect] = {}
        self._preloaded: set[str] = set()
        self._playing: QSoundEffect | None = None
        self._volume = volume / 100
        self._missing_told = False
        self._advance = QTimer(self)
        self._advance.setSingleShot(True)
        self._advance.setInterval(0)
        self._advance.timeout.connect(self._next)

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(100, percent)) / 100
        for effect in self._effects.values():
            effect.setVolume(self._volume)

    def say(self, prompt_ids: list[str], language: str, interrupt: bool = True,
            uncut: frozenset[str] = frozenset()) -> None:
        """Queue the prompts; `interrupt` drops what is still queued or playing first, except a
        prompt of `uncut` playing now: it is heard to its end, the new prompts after it."""
        if interrupt:
            self.stop(uncut)
        language = language if language in LANGUAGES else "en"
        self._queue.extend((pid, language) for pid in prompt_ids)
        if self._playing is None:
            self._next()

    def stop(self, uncut: frozenset[str] = frozenset()) -> None:
        self._queue.clear()
        playing = self._playing
        if playing is not None and playing.property("prompt") not in uncut:
            self._playing = None
            playing.stop()

    @property
    def busy(self) -> bool:
        return self._playing is not None or bool(self._queue)

    def _file(self, prompt_id: str, language: str) -> Path:
        return wav_path(self.folder, prompt_id, None if prompt_id.startswith("earcon.") else language)

    def _next(self) -> None:
        while self._queue:
            prompt_id, language = self._queue.popleft()
            self.history.append((language, prompt_id))
            if len(self.history) > 2 * HISTORY_KEPT:     # the kiosk runs for days
                del self.history[:-HISTORY_KEPT]
            path = self._file(prompt_id, language)
            if path not in self._effects and not path.exists():   # preloaded ones are known to exist
                if not self._missing_told:
                    self._missing_told = True
                    log.warning("voice prompt %s missing: run scripts/setup.d/60-voice-prompts.sh", path)
                continue
            if self.audible:
                self._play(self._effect(path), prompt_id)
                return

    def _effect(self, path: Path) -> QSoundEffect:
        effect = self._effects.get(path)
        if effect is None:
            effect = self._effects[path] = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self._volume)
            effect.playingChanged.connect(lambda e=effect: self._changed(e))
            effect.statusChanged.connect(lambda e=effect: self._failed(e))
        return effect

    def _play(self, effect: QSoundEffect, prompt_id: str) -> None:
        self._playing = effect
        effect.setProperty("prompt", prompt_id)
        effect.play()

    def _changed(self, effect: QSoundEffect) -> None:
        # A sound deleted while playing (the window closing) reports it stopped from its destructor.
        if effect is not self._playing or not shiboken6.isValid(effect):
            return
        if effect.isPlaying():
            for listener in self.on_started:
                listener(effect.property("prompt"))
        else:
            self._playing = None
            self._advance.start()   # after the signal returns, not inside it

    def _failed(self, effect: QSoundEffect) -> None:
        if effect is self._playing and shiboken6.isValid(effect) and effect.status() is QSoundEffect.Status.Error:
            log.warning("could not play %s", effect.source().toLocalFile())
            self._playing = None
            self._advance.start()   # after the signal returns, not inside it

    def preload(self, language: str) -> None:
        """Decode one language's files (the first time, the earcons too) ahead: a file decoded on
        first use starts up to a second late. A language already decoded costs nothing."""
        if not self.audible or language in self._preloaded:
            return
        earcons = [] if self._preloaded else sorted(self.folder.glob("*.wav"))
        self._preloaded.add(language)
        for path in sorted((self.folder / language).glob("*.wav")) + earcons:
            self._effect(path)
