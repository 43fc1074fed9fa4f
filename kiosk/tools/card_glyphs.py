"""Builds the glyph atlas that rendered card fronts are drawn from (set-up step 55-card-glyphs):
every character that the demo personas' cards, the demo address and the sample cards of the
tests and benchmarks print, plus the card's fixed labels and dates (faceauth.surface.render).

    .venv/bin/python -m kiosk.tools.card_glyphs [folder]     # default resources/surface/glyphs

Gathered here because faceauth may not import the personas (reader) or the demo address (kiosk).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from faceauth.surface.glyph_atlas import build_atlas
from faceauth.surface.glyphs import ATLAS_DIR, TextStyle
from faceauth.surface.render import card_characters
from kiosk.composition.demo_cards import DEMO_ADDRESS, SAMPLE_NAMES
from reader.virtual.personas import PERSONAS


def card_names() -> list[str]:
    return [persona.name for persona in PERSONAS.values()] + list(SAMPLE_NAMES)


def demo_card_characters() -> dict[TextStyle, str]:
    return card_characters(card_names(), [DEMO_ADDRESS])


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ATLAS_DIR
    started = time.perf_counter()
    built = build_atlas(folder, demo_card_characters())
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"card glyphs: {'built' if built else 'up to date'} in {time.perf_counter() - started:.1f} s; "
          f"{folder} holds {len(list(folder.iterdir()))} files, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
