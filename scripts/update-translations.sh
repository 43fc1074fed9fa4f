#!/usr/bin/env bash
# For developers: after changing words in ui/, refresh the .ts sources (new texts appear as
# unfinished for translators; Qt Linguist edits them). Never edit the built .qm files.
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in resources/i18n/*.ts; do
    .venv/bin/pyside6-lupdate -locations none -no-obsolete $(find ui -name '*.py' | sort) -ts "$ts"
done
