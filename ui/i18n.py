"""Languages at run time: one Qt Linguist file per language in resources/i18n.

English is the source language (no file); every other language is `oqs_kiosk_<code>.ts`, built
into `.qm` by scripts/setup.d/70-translations.sh. A third language is only a new `.ts` file (and
its code in the `languages` setting)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.texts import OWN_NAME

log = logging.getLogger("ui.i18n")

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
SOURCE_LANGUAGE = "en"


def ts_file(language: str) -> Path:
    return I18N_DIR / f"oqs_kiosk_{language}.ts"


def available_languages() -> list[str]:
    return [SOURCE_LANGUAGE] + sorted(p.stem.removeprefix("oqs_kiosk_") for p in I18N_DIR.glob("oqs_kiosk_*.ts"))


class Languages:
    """Installs one language's translator at a time on the application."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = list(codes)
        self.translators: dict[str, QTranslator] = {}
        for code in self.codes:
            if code == SOURCE_LANGUAGE:
                continue
            translator = QTranslator()
            if translator.load(str(I18N_DIR / f"oqs_kiosk_{code}.qm")):
                self.translators[code] = translator
            else:
                log.error("no translation built for %r (run scripts/setup.d/70-translations.sh)", code)
        self.current: str | None = None

    @property
    def first(self) -> str:
        return self.codes[0]

    def own_name(self, code: str) -> str:
        translator = self.translators.get(code)
        return (translator.translate("Language", OWN_NAME) if translator else "") or OWN_NAME

    def use(self, code: str) -> None:
        if code == self.current:
            return
        app = QCoreApplication.instance()
        if self.current in self.translators:
            app.removeTranslator(self.translators[self.current])
        if code in self.translators:
            app.installTranslator(self.translators[code])
        self.current = code
        log.info("language: %s", code)
