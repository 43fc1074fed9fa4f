#!/usr/bin/env bash
# `make dist`: the vendor's onedir build (kiosk.spec) in dist/oqs-kiosk/, run from a set-up
# checkout (scripts/setup.sh has produced the model pack and translations). Prints the build time.
# --if-stale: skip the build when dist/ was built from exactly these sources, resources and spec;
# --check: only answer that (exit 0 fresh, 1 stale), for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/oqs-kiosk/.built-from
# Every file under resources/ counts, generated ones too (models, .qm, voice prompts).
sources() { git ls-files -co --exclude-standard kiosk ui reader faceauth kiosk.spec pyproject.toml scripts/kiosk_entry.py
            find resources -type f; }
fingerprint() { sources | sort -u | xargs -d '\n' sha256sum 2>/dev/null | sha256sum | cut -c1-16; }
fresh() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(fingerprint)" ]; }
case "${1:-}" in
    --check) fresh; exit ;;
    --if-stale) if fresh; then echo "build: dist/oqs-kiosk is up to date"; exit 0; fi ;;
esac
.venv/bin/python -c 'import PyInstaller' 2>/dev/null || {
    echo "build: PyInstaller is missing: run scripts/setup.sh first" >&2; exit 1; }
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN kiosk.spec
fingerprint > "$stamp"
echo "build: dist/oqs-kiosk built in $(( $(date +%s) - start )) s, $(du -sm dist/oqs-kiosk | cut -f1) MB"
