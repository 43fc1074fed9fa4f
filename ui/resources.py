"""Where the UI's files live: illustrations and the style sheet."""
from __future__ import annotations

from pathlib import Path

from kiosk.config.paths import resource_path

IMAGES = resource_path("images")


def image_path(name: str) -> Path:
    return IMAGES / name


def style_sheet() -> str:
    return (Path(__file__).with_name("style.qss")).read_text(encoding="utf-8")
