#!/usr/bin/env bash
# Builds the kiosk's translations: every resources/i18n/*.ts (Qt Linguist source) into its .qm
# beside it (git-ignored). Safe to run again: a .qm newer than its .ts is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
lrelease=.venv/bin/pyside6-lrelease
[ -x "$lrelease" ] || lrelease=$(command -v lrelease)
for ts in resources/i18n/*.ts; do
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
        "$lrelease" -silent "$ts" -qm "$qm"
    fi
done
echo "translations: $(ls resources/i18n/*.qm | wc -l) built in resources/i18n"
