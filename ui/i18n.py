"""Languages at run time: one Qt Linguist file per language in resources/i18n.

English is the source language (no file); every other language is `oqs_kiosk_<code>.ts`, built
into `.qm` by scripts/setup.d/70-translations.sh. A third language is only a new `.ts` file (and
its code in the `languages` setting)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.config.paths import resource_path
from ui.texts import OWN_NAME

log = logging.getLogger("ui.i18n")

I18N_DIR = resource_path("i18n")
SOURCE_LANGUAGE = "en"


def ts_file(language: str) -> Path:
    return I18N_DIR / f"oqs_kiosk_{language}.ts"


_translators: dict[str, QTranslator] = {}     # one per language for the whole process
_installed: list[QTranslator] = []            # the one on the application now, if any


def _translator(code: str) -> QTranslator | None:
    if code not in _translators:
        translator = QTranslator()
        if not translator.load(str(I18N_DIR / f"oqs_kiosk_{code}.qm")):
            log.error("no translation built for %r (run scripts/setup.d/70-translations.sh)", code)
            return None
        _translators[code] = translator
    return _translators[code]


class Languages:
    """The languages offered to patients, first one first; one is installed at a time."""

    def __init__(self, codes: list[str]) -> None:
        self.current: str | None = None
        self.offer(codes)

    def offer(self, codes: list[str]) -> None:
        """The languages offered from now on (staff changed the `languages` setting)."""
        self.codes = list(codes)
        self.translators = {code: t for code in self.codes
                            if code != SOURCE_LANGUAGE and (t := _translator(code)) is not None}

    @property
    def first(self) -> str:
        return self.codes[0]

    def following(self) -> str:
        """The offered language after the one shown (the keypad's language key goes round)."""
        shown = self.current or self.first
        return self.codes[(self.codes.index(shown) + 1) % len(self.codes)] if shown in self.codes else self.first

    def own_name(self, code: str) -> str:
        translator = self.translators.get(code)
        return (translator.translate("Language", OWN_NAME) if translator else "") or OWN_NAME

    def use(self, code: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None, "languages are installed on the running application"
        wanted = self.translators.get(code)
        if _installed and _installed[0] is not wanted:
            app.removeTranslator(_installed.pop())
        if wanted is not None and not _installed:
            app.installTranslator(wanted)
            _installed.append(wanted)
        if code != self.current:
            log.info("language: %s", code)
        self.current = code
