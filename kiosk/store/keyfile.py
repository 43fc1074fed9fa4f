"""Secret key files readable only by the kiosk's user (mode 0600; on Windows the keys folder's
ACL, see kiosk.config.platform_calls), created once, never rewritten."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from kiosk.config.platform_calls import binary_flag, others_may_read, protect_private_folder


class KeyFileError(Exception):
    """The key file is unreadable, or other users could read it."""


def _check_private(path: Path) -> None:
    mode = others_may_read(path)
    if mode is not None:
        raise KeyFileError(f"{path} is readable by other users (mode {mode:o}); "
                           "run: chmod 600 on it")


def read_or_create_secret(path: Path, make: Callable[[], bytes]) -> bytes:
    """The bytes in ``path``; if absent, ``make()`` them and store them with mode 0600 (atomic)."""
    path = Path(path)
    if not path.exists():
        protect_private_folder(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | binary_flag(), 0o600)
        try:
            os.write(descriptor, make())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(temporary, path)  # fails if another process won the race: keep theirs
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    _check_private(path)
    return path.read_bytes()
