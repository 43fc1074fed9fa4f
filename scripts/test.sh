#!/usr/bin/env bash
# Runs the checks, then the test suite: the import contracts (lint-imports), ruff, mypy, then
# pytest (Qt offscreen, real pcscd started by the tests themselves). Extra arguments go to pytest;
# `make check` passes `--parallel -m "not e2e and not dist"` for the fast round.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/ruff check --quiet .
.venv/bin/mypy
# Default-encoding text I/O warns (-X warn_default_encoding) and, in the project's own modules,
# fails (pyproject filterwarnings): it would take cp932 on Japanese Windows. The kiosk processes the
# tests start are covered by the source scan (tests/platform/test_windows_guards.py).
# --parallel (make check): the tests spread over every core (pytest-xdist), each worker started
# with -X warn_default_encoding as well (xdist's own -n would start them without it).
parallel=()
if [ "${1:-}" = "--parallel" ]; then
    shift
    parallel=(--dist load --tx "$(nproc)*popen//python=.venv/bin/python -X warn_default_encoding")
fi
.venv/bin/python -X warn_default_encoding -m pytest "${parallel[@]}" "$@"
