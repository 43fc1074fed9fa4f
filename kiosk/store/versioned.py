"""Opening a store that must not be lost: its layout carries a version (``PRAGMA user_version``)
and moves forward by migrations; a damaged or emptied file is kept aside for inspection and the
kiosk goes on with a new one, saying so (``OpenedStore.damage``) for the log and for staff.

Migration ``i`` (counting from 0) brings a file at version ``i`` to version ``i + 1``. Version 0
is both a new file and a file written before stores carried a version, so the first migration
creates the first layout only where it is missing ("if not exists")."""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

import sqlite_utils

from kiosk.store.sqlite import open_database

log = logging.getLogger("kiosk.store")

Migration = Callable[[sqlite_utils.Database], None]


class StoreTooNew(Exception):
    """The file was written by a newer kiosk; this one does not touch it (no downgrade)."""


@dataclass
class OpenedStore:
    db: sqlite_utils.Database
    damage: str | None = None       # what was wrong and where the damaged file now is


def open_versioned(path: Path, migrations: Sequence[Migration], table: str,
                   clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> OpenedStore:
    """Open ``path`` at the latest version. ``table`` is one the store always has: an existing
    file without it (e.g. cut to zero bytes) is damaged, not new."""
    path = Path(path)
    existed = path.exists()
    db, problem = None, None
    if existed and path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
        problem = "the file is empty (0 bytes)"   # SQLite would take it for a new database
    else:
        try:
            db = open_database(path)
            problem = _damage_of(db, existed, table, len(migrations))
        except sqlite3.DatabaseError as error:
            problem = f"not a readable database ({error})"
    if problem is None and db is not None:
        _migrate(db, migrations)
        return OpenedStore(db)
    if db is not None:
        db.conn.close()
    kept = set_aside(path, clock())
    damage = f"{path.name} was damaged ({problem}); kept as {kept.name}, a new one was started"
    log.error("%s", damage)
    opened = OpenedStore(open_database(path), damage)
    _migrate(opened.db, migrations)
    return opened


def version_of(db: sqlite_utils.Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def _damage_of(db: sqlite_utils.Database, existed: bool, table: str, latest: int) -> str | None:
    version = version_of(db)
    if version > latest:
        db.conn.close()
        raise StoreTooNew(f"the database is at version {version}; this kiosk knows up to "
                          f"{latest}: it was written by a newer kiosk")
    verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        return f"integrity check: {verdict}"
    if existed and table not in db.table_names():
        return f"no {table} table (an empty or foreign file)"
    return None


def _migrate(db: sqlite_utils.Database, migrations: Sequence[Migration]) -> None:
    for version in range(version_of(db), len(migrations)):
        with db.atomic():   # one transaction per step: a crash leaves the old or the next version
            migrations[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
        log.info("store migrated to version %d", version + 1)


def set_aside(path: Path, now: datetime) -> Path:
    """Rename ``path`` (and its WAL and shared-memory files) to ``<name>.damaged-<UTC stamp>``."""
    kept = path.with_name(f"{path.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{kept}{suffix}"))
    return kept
