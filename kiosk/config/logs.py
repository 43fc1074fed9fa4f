"""Named loggers per area, to stderr and a rotating file in the data folder.
What is never logged: PINs, face images or frames, the My Number (see kiosk.core.events.Secret)."""
from __future__ import annotations

import logging
import logging.handlers
import sys
import time
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 2_000_000
BACKUPS = 5
ROLLOVER_RETRY_S = 60.0


class SharedLogFile(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler that keeps writing when the rollover is refused: Windows cannot rename
    a log that another process holds open (a second kiosk, a log viewer, a backup). The file then
    grows past its size for a while and the rollover is tried again after ROLLOVER_RETRY_S; the
    standard handler would drop every record from then on."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        self._next_try = 0.0

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        return time.monotonic() >= self._next_try and bool(super().shouldRollover(record))

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except PermissionError as refused:
            self._next_try = time.monotonic() + ROLLOVER_RETRY_S
            if self.stream is None:
                self.stream = self._open()
            self.stream.write(f"log rollover postponed {ROLLOVER_RETRY_S:.0f} s: {refused}\n")


def configure(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    # A windowed program on Windows has no stderr (sys.stderr is None): the file alone then.
    to_stderr: list[logging.Handler] = [logging.StreamHandler()] if sys.stderr is not None else []
    for handler in (*to_stderr, SharedLogFile(path)):
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    return path
