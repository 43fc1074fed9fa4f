"""Where `resources/` is, from source and from a PyInstaller onedir build.

The same rule as reader.resources.resource_dir (a test keeps the two equal): faceauth stands alone
at run time, importing neither reader nor kiosk (tests/face/test_no_qt.py)."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[1] / "resources"
