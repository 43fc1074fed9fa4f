#!/usr/bin/env bash
# Starts the kiosk on its embedded defaults: virtual card, recorded camera, local qualification
# simulator. Without a screen it runs on a virtual one (Xvfb) so the command still works headless.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "demo: no screen found; running on a virtual screen (xvfb-run)"
    exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m kiosk --demo --windowed "$@"
fi
exec .venv/bin/python -m kiosk --demo --windowed "$@"
