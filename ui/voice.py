"""Voice guidance for the window: each screen's sentences on a screen change, again on request or
in a new language, the face guidance without chatter, and the PIN feedback (how many digits,
never which)."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from kiosk.core.events import Method
from kiosk.core.prompts import GuidanceThrottle, earcon, language_offers, screen_prompts
from kiosk.core.session import WAITING_FOR_PATIENT, Step, Visit
from kiosk.config.settings import Settings
from ui.i18n import Languages
from ui.player import PromptPlayer

GUIDANCE_TICK_MS = 500
# Said to its end even when the next screen comes first: "identity confirmed" lasts about a second
# on screen (kiosk.core.session.IDENTITY_BEAT_SECONDS), its sentence a little longer.
UNCUT = frozenset({f"screen.{Step.IDENTIFIED.value}"})


class Voice:
    def __init__(self, languages: Languages, settings: Settings, parent: QObject) -> None:
        self.languages, self.settings = languages, settings
        self.player = PromptPlayer(volume=settings.voice_volume, parent=parent)
        self._preload()
        self.step = Step.IDLE
        self.prompts: list[str] = []
        self.throttle = GuidanceThrottle()
        self.monotonic = time.monotonic   # the gaps between instructions; a test sets a ManualClock's
        self._warned = False
        self.reader_missing = False
        self.ticker = QTimer(parent)
        self.ticker.setInterval(GUIDANCE_TICK_MS)
        self.ticker.timeout.connect(self.guide)

    def use_settings(self, settings: Settings) -> None:
        """Staff changed the settings: the volume, the consent questions and the languages
        offered apply at once."""
        self.settings = settings
        self.player.set_volume(settings.voice_volume)
        self._preload()

    def _preload(self) -> None:
        for code in self.languages.codes:      # decoded ahead: no pause between a screen's sentences
            self.player.preload(code)

    def show(self, step: Step, visit: Visit, methods: list[Method]) -> None:
        """A new screen (or new words on it, e.g. the next consent question): say its sentences,
        cutting off what was still being said."""
        prompts = screen_prompts(step, visit, methods, self.settings.consent_items,
                                 self.settings.card_placement)
        if (step, prompts) == (self.step, self.prompts):
            return
        self.step, self.prompts = step, prompts
        self.throttle.reset("no_face" if step is Step.FACE_CAPTURE else None, self.monotonic())
        if step is Step.FACE_CAPTURE:
            self.ticker.start()
        else:
            self.ticker.stop()
        self.replay()

    def replay(self) -> None:
        warning = ["reader_missing"] if self.reader_missing and self.step is Step.IDLE else []
        self.player.say(warning + self.prompts + ["key.replay"] * (self.step in WAITING_FOR_PATIENT),
                        self._language(), uncut=UNCUT)
        for prompt, language in language_offers(self.step, self._language(), self.languages.codes):
            self.player.say([prompt], language, interrupt=False)

    def guidance(self, code: str) -> None:
        if self.step is Step.FACE_CAPTURE:
            self.throttle.offer(code)
            self.guide()

    def guide(self) -> None:
        """Say the newest face instruction when it is due (on each guidance code, and twice a
        second on the face screen's ticker)."""
        if self.player.busy:
            return       # the screen's own sentence, or the last instruction, is still playing
        code = self.throttle.due(self.monotonic())
        if code is not None:
            self.player.say([f"guidance.{code}"], self._language())

    def countdown(self, showing: bool) -> None:
        """Once each time the screen's countdown appears: a blind patient cannot see it."""
        if showing and not self._warned:
            self.player.say(["countdown"], self._language())
        self._warned = showing

    def reader(self, connected: bool) -> None:
        """The idle screen's warning that no card reader is connected: said when it appears (a
        blind patient cannot see it), and first on every replay while it stays."""
        if not connected and not self.reader_missing and self.step is Step.IDLE:
            self.player.say(["reader_missing"], self._language(), interrupt=False)
        self.reader_missing = not connected

    def typed(self, count: int) -> None:
        self.player.say([earcon("digit"), f"digits.{count}"], self._language())

    def _language(self) -> str:
        return self.languages.current or self.languages.first
