"""One way to open the kiosk's SQLite files: WAL, full fsync on commit, usable from any thread."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils


def open_database(path: Path | str) -> sqlite_utils.Database:
    """A durable database: a commit has reached the disk when it returns.

    The connection may be used from several threads; callers serialise access with their own lock.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA secure_delete=ON")
        connection.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error:     # not a database: leave no open file behind (it is set aside)
        connection.close()
        raise
    return sqlite_utils.Database(connection)
