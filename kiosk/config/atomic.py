"""Small files written so that a crash leaves the old or the new one, never a part: results,
settings, passwords, the lockout."""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from kiosk.config.platform_calls import sync_folder

log = logging.getLogger("kiosk.config.atomic")
# Waits before each new try when a rename is refused: Windows refuses while another process
# (antivirus scanning the new file, a backup, the receipt computer reading) holds either name.
REPLACE_BACKOFF_S = (0.05, 0.1, 0.2, 0.4, 0.8)


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
        replace_patiently(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)


def replace_patiently(source: Path, target: Path) -> None:
    """os.replace, tried again with growing waits (1.55 s in all) while it raises PermissionError;
    the last refusal is raised."""
    for wait in REPLACE_BACKOFF_S:
        try:
            os.replace(source, target)
            return
        except PermissionError as refused:
            log.info("%s is held (%s): trying again in %.2f s", target, refused.strerror, wait)
            time.sleep(wait)
    os.replace(source, target)


def exists(path: Path) -> bool:
    """Like Path.exists, but an unreachable folder raises instead of answering False."""
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        os.stat(path.parent)  # raises if the folder itself is gone or unreachable
        return False
