"""`python -m ui.screenshots OUT_DIR [--size 1280x800] [--look big,contrast,seated]`: a PNG of every
screen in every language (offscreen), for the vendor guide and for looking at the screens without a
kiosk. Each --look is one of the patient's looks (`big`, `contrast`, `seated`, or several joined by
`+`, e.g. `big+contrast`); its files end in `-<look>.png`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.config import settings as st
from kiosk.core.session import CheckInMachine, Step
from kiosk.config.settings import DEMO_INSTITUTION_CODE
from kiosk.core.choices import ConsentItem


def screen_settings():
    return st.defaults().with_changes(
        institution_code=DEMO_INSTITUTION_CODE, smartphone_enabled=True, eprescription_question=True,
        consent_items=[item.value for item in ConsentItem])


def open_window(size: tuple[int, int]):
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    from ui.app import build_window, route_qt_messages_to_logging
    route_qt_messages_to_logging()
    settings = screen_settings()
    window, bridge = build_window(settings, CheckInMachine(settings), lambda event: None)
    window.resize(*size)
    window.show()
    app.processEvents()
    return app, window


def render(window, app, step, visit, methods, language: str, look=None) -> None:
    """Show `step` for `visit` in `language` (and in `look`, which idle would otherwise reset)."""
    window.languages.use(language)
    window.shown = (window.shown[0], visit, methods)
    window.show_step(step, visit, methods)
    if look is not None:
        window.access.use(look)
    window.switch_language(language)
    for _ in range(2):          # a new style sheet lays out again once more
        app.processEvents()


def look_named(name: str):
    from ui.theme import Look
    parts = set(name.split("+")) - {"normal"}
    unknown = parts - {"big", "contrast", "seated"}
    if unknown:
        raise SystemExit(f"unknown look {sorted(unknown)}: use normal, big, contrast, seated")
    return Look(**{part: True for part in parts})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--look", default="normal",
                        help="comma-separated looks: normal, big, contrast, seated, or joined by +")
    args = parser.parse_args(argv)
    looks = {name: look_named(name) for name in args.look.split(",")}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(v) for v in args.size.split("x"))
    app, window = open_window((width, height))
    from ui.samples import camera_still, samples
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for look_name, look in looks.items():
        suffix = "" if look_name == "normal" else f"-{look_name}"
        for language in window.languages.codes:
            for name, step, visit, methods in samples():
                render(window, app, step, visit, methods, language, look)
                if step is Step.FACE_CAPTURE:
                    window.current().show_frame(camera_still(lower=look.seated))
                window.grab().save(str(args.out / f"{language}-{name}{suffix}.png"))
                count += 1
    window.release()
    print(f"{count} screens saved in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
