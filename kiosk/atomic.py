"""Small files written so that a crash leaves the old or the new one, never a part: results,
settings, passwords, the lockout."""
from __future__ import annotations

import os
import threading
from pathlib import Path

from kiosk.platform_calls import sync_folder


def write_synced(path: Path, content: bytes, mode: int = 0o666) -> None:
    """Create or truncate ``path`` (created with ``mode``, less the umask), write ``content``,
    flush and fsync it."""
    with open(path, "wb", opener=lambda name, flags: os.open(name, flags, mode)) as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def write_atomically(path: Path, content: bytes, mode: int = 0o666) -> None:
    """Replace a small file so that a crash leaves the old or the new one: a temporary file in the
    same folder, fsynced, renamed over the old one, then the folder fsynced. ``mode`` 0o600 keeps
    a secret (a password hash) from other users from its first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    try:
        write_synced(temporary, content, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)


def exists(path: Path) -> bool:
    """Like Path.exists, but an unreachable folder raises instead of answering False."""
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        os.stat(path.parent)  # raises if the folder itself is gone or unreachable
        return False
