#!/usr/bin/env bash
# Runs the checks, then the test suite: the import contracts (lint-imports), ruff, mypy, then
# pytest (Qt offscreen, real pcscd started by the tests themselves). Extra arguments go to pytest;
# `make check` passes `-m "not e2e and not dist"` for the fast round.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/ruff check --quiet .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
