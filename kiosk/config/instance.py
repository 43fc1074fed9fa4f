"""One kiosk per data folder: a second one on the same outbox and audit store would fight over
them ("database is locked") and could deliver a result twice. The lock goes with the process, so
a kiosk killed without warning leaves nothing to clean up."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from kiosk.config.platform_calls import lock_exclusively

LOCK_FILE = "kiosk.lock"


class AnotherKioskRunning(Exception):
    """Another kiosk process already uses this data folder."""


def claim_data_folder(base: Path) -> Callable[[], None]:
    """Hold ``base`` for this process; returns the function that lets it go."""
    base.mkdir(parents=True, exist_ok=True)
    path = base / LOCK_FILE
    held = lock_exclusively(path)
    if held is None:
        holder = path.read_text(encoding="ascii", errors="replace").strip() or "?"
        raise AnotherKioskRunning(
            f"別のキオスクがこのデータフォルダを使用中です (プロセス {holder}) / another kiosk "
            f"(process {holder}) is already running on the data folder {base}")
    held.truncate(0)
    held.write(str(os.getpid()).encode("ascii"))
    held.flush()
    return held.close
