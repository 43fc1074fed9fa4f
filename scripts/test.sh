#!/usr/bin/env bash
# Runs the whole test suite: the import contracts, then pytest (Qt offscreen, real pcscd started by
# the tests themselves). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
