"""File-system steps that make a result appear whole or not at all."""
from __future__ import annotations

import os
from pathlib import Path


def write_synced(path: Path, content: bytes) -> None:
    """Create or truncate ``path``, write ``content``, flush and fsync it."""
    with open(path, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def exists(path: Path) -> bool:
    """Like Path.exists, but an unreachable folder raises instead of answering False."""
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        os.stat(path.parent)  # raises if the folder itself is gone or unreachable
        return False
