"""Where `resources/` is, from source and from a PyInstaller onedir build.

The one place that knows: every package finds its shipped files through `resource_dir()`
(`kiosk.paths.resource_path` builds on it). It lives in the lowest package so that `reader/` and
`faceauth/` can use it without importing the core."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[1] / "resources"
