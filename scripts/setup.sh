#!/usr/bin/env bash
# Sets up everything the kiosk needs; `setup.sh test` adds what only the tests need.
# Safe to run again: a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

lists=scripts/apt-packages.txt
[ "${1:-}" = test ] && lists="$lists scripts/apt-packages-test.txt"
wanted=$(cat $lists | sed -e 's/#.*//' -e '/^\s*$/d' | tr '\n' ' ')
missing=""
for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "setup: installing system packages:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
        echo "setup: these system packages are missing. Install them, then run this again:" >&2
        echo "  sudo apt-get install -y$missing" >&2
        exit 1
    fi
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: Python 3.11 or newer is needed ($python is $("$python" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "setup: installing Python packages into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev,dist]'
    # Both OpenCV builds unpack into cv2/: drop the GUI one insightface and rapidocr pulled in,
    # then lay the headless one's files down again.
    if .venv/bin/python -m pip show -q opencv-python 2>/dev/null; then
        .venv/bin/python -m pip uninstall -q -y opencv-python
        .venv/bin/python -m pip install -q --force-reinstall --no-deps \
            "opencv-python-headless==$(.venv/bin/python -m pip show opencv-python-headless | sed -n 's/^Version: //p')"
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
fi

# Project steps that produce files (model packs, voice prompts, keys); each is idempotent.
for step in scripts/setup.d/*.sh; do
    [ -e "$step" ] || continue
    bash "$step"
done
echo "setup: ready"
