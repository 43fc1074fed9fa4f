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
# Default-encoding text I/O warns (-X warn_default_encoding) and, in the project's own modules,
# fails (pyproject filterwarnings): it would take cp932 on Japanese Windows. The kiosk processes the
# tests start are covered by the source scan (tests/platform/test_windows_guards.py).
.venv/bin/python -X warn_default_encoding -m pytest "$@"
