#!/usr/bin/env bash
# Runs the whole test suite: the import contracts, then pytest (Qt offscreen, real pcscd started by
# the tests themselves). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
# Default-encoding text I/O warns (-X warn_default_encoding) and, in the project's own modules,
# fails (pyproject filterwarnings): it would take cp932 on Japanese Windows. The kiosk processes the
# tests start are covered by the source scan (tests/platform/test_windows_guards.py).
.venv/bin/python -X warn_default_encoding -m pytest "$@"
