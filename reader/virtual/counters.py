"""PIN counters kept in a state file, so a lock survives restarts as on a real card."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path


class CounterStore:
    def __init__(self, path: Path, initial: dict[str, int]):
        self.path = path
        self._lock = threading.Lock()
        self._values = dict(initial)
        if path.exists():
            self._values.update(json.loads(path.read_text(encoding="utf-8")))

    def get(self, key: str) -> int:
        return self._values[key]

    def set(self, key: str, value: int) -> None:
        with self._lock:
            if self._values.get(key) == value:
                return
            self._values[key] = value
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._values, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
