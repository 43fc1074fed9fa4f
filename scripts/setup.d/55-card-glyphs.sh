#!/usr/bin/env bash
# Renders every character the synthetic card fronts print (personas' names, the demo address,
# labels, dates) with Pillow and the Noto CJK fonts into the glyph atlas in resources/surface/glyphs,
# so drawing a card at run time needs neither. Cached by the hash of characters, fonts, Pillow and
# the builder: a second run renders nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m kiosk.tools.card_glyphs resources/surface/glyphs
