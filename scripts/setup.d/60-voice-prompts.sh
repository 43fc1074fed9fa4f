#!/usr/bin/env bash
# Renders every fixed voice prompt (Japanese: pyopenjtalk-plus; English: espeak-ng) and the earcons
# to WAV files in resources/voice. Cached by the hash of text, engine and voice: a second run
# renders nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m kiosk.tools.speech resources/voice
