"""The receipt computer's folder, usually a network share mounted at a fixed path. The kiosk never
creates it: a missing folder, or a mount point with nothing mounted on it, means the share is
unavailable, and results wait in the outbox until it is back."""
from __future__ import annotations

import errno
import os
from pathlib import Path


class ShareUnavailable(OSError):
    """The result folder is missing, or its share is not mounted: results wait in the outbox."""

    def __init__(self, message: str):
        super().__init__(errno.ENOENT, message)


def check_share(folder: Path, mount: Path | None = None) -> None:
    """Raise ShareUnavailable unless ``folder`` is an existing folder and, when the vendor named
    the share's ``mount`` point, something is mounted there and ``folder`` lies on it."""
    if mount is not None:
        if not os.path.ismount(mount):
            raise ShareUnavailable(f"share unavailable: nothing is mounted at {mount}")
        if not Path(os.path.abspath(folder)).is_relative_to(os.path.abspath(mount)):
            raise ShareUnavailable(f"share unavailable: {folder} is not on the share at {mount}")
    if not os.path.isdir(folder):
        raise ShareUnavailable(f"share unavailable: the result folder {folder} does not exist")
