"""Where `resources/` is, from source and from a PyInstaller onedir build.

kiosk/ and ui/ find their shipped files through `kiosk.config.paths.resource_path`, which builds on
this; faceauth, which imports nothing of ours, has the same rule in faceauth/resources.py (a test
keeps the two equal)."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[1] / "resources"
