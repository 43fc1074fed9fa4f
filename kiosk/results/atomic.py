"""File-system steps that make a result appear whole or not at all."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def write_synced(path: Path, content: bytes) -> None:
    """Create or truncate ``path``, write ``content``, flush and fsync it."""
    with open(path, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def exists(path: Path) -> bool:
    """Like Path.exists, but an unreachable folder raises instead of answering False."""
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        os.stat(path.parent)  # raises if the folder itself is gone or unreachable
        return False
