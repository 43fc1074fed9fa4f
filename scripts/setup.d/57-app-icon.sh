#!/usr/bin/env bash
# The Windows program icon for kiosk.spec (resources/images/oqs-kiosk.ico, git-ignored), drawn
# from the card illustration. Safe to run again: an icon newer than its sources is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_app_icon.py resources/images/card-tray.svg resources/images/oqs-kiosk.ico
