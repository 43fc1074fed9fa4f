"""Named loggers per area, to stderr and a rotating file in the data folder.
What is never logged: PINs, face images or frames, the My Number (see kiosk.events.Secret)."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    to_file = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    for handler in (logging.StreamHandler(), to_file):
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    return path
