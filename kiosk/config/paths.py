"""Where the kiosk finds its shipped resources and keeps its own files, from source or frozen."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from reader.resources import resource_dir

APP_NAME = "oqs-kiosk"


def resource_path(*parts: str) -> Path:
    """A path inside resources/, both from a source checkout and from the PyInstaller bundle."""
    return resource_dir().joinpath(*parts)


def shipped_resource(path: Path) -> bool:
    """A file under resources/ that the vendor's build carries (kiosk.spec): every one but what
    only a checkout has. The .ts translation sources ship: the self-test reads them."""
    return (path.is_file() and path.name != ".gitignore" and "__pycache__" not in path.parts
            and not path.name.endswith((".partial.avi", ".pyc", "~")))


def config_dir() -> Path:
    """The folder holding settings.toml; OQS_KIOSK_CONFIG_DIR overrides it (tests, vendors)."""
    override = os.environ.get("OQS_KIOSK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The folder for the store, the outbox, keys and logs; OQS_KIOSK_DATA_DIR overrides it."""
    override = os.environ.get("OQS_KIOSK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
