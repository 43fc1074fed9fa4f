"""The result sink: every confirmed check-in is committed to a durable SQLite outbox first, then
written into the receipt computer's folder atomically, exactly once, retried until it is there.

Each outbox row moves queued → renaming → written, and every step re-checks what it finds on the
share (kiosk.results.share: a missing folder or an unmounted share is "unavailable"):
  queued    committed; the complete file may not exist yet. Delivery (re)writes the temporary
            file (hidden name, not matching the pattern), fsyncs it, then commits ``renaming``
            with the folder it wrote to.
  renaming  the complete temporary file is in the row's folder. If it is still there the rename
            has not happened: rename it, fsync the folder. If the folder is no longer the result
            folder (staff retargeted it) or is gone, the result is written again to the new one.
            If the final file is there, or the folder is reachable and holds neither file (the
            rename happened and the receipt computer took it), it is not written again.
  written   done; the encrypted content is dropped once the final file was seen on the share,
            kept until retention otherwise; the file name is kept for the audit.
  set_aside its content cannot be decrypted (wrong key, damaged): kept for inspection, never
            retried, shown to staff; the other rows are delivered.
A crash at any point leaves either a hidden temporary file or the whole file, never both.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, cast

import sqlite_utils

from kiosk.config.platform_calls import sync_folder
from kiosk.config.atomic import exists, replace_patiently, write_synced
from kiosk.results.layout import JST, encoding_named, render_result
from kiosk.results.naming import (check_institution_code, new_file_identifier, result_file_name,
                                  temporary_name)
from kiosk.results.outcome import CheckinOutcome
from kiosk.results.share import SHARE_TIME_LIMIT_S, ShareCalls, ShareUnavailable, check_share
from kiosk.store.cipher import DecryptionError, FieldCipher
from kiosk.store.versioned import open_versioned

QUEUED, RENAMING, WRITTEN, SET_ASIDE = "queued", "renaming", "written", "set_aside"
PENDING = (QUEUED, RENAMING)
log = logging.getLogger("kiosk.results")


def _first_layout(db: sqlite_utils.Database) -> None:
    """Version 1: the layout written before the outbox carried a version."""
    db.table("outbox").create({
        "id": int, "file_name": str, "state": str, "payload": bytes,
        "committed_at": float, "written_at": float, "attempts": int, "last_error": str,
    }, pk="id", not_null={"file_name", "state"}, if_not_exists=True)
    db.table("outbox").create_index(["file_name"], unique=True, if_not_exists=True)
    db.table("outbox").create_index(["state"], if_not_exists=True)


def _folder_of_each_row(db: sqlite_utils.Database) -> None:
    """Version 2: where a row's temporary file was written (a retarget must not lose it)."""
    db.table("outbox").add_column("folder", str)


MIGRATIONS = (_first_layout, _folder_of_each_row)


@dataclass(frozen=True)
class OutboxStatus:
    """What staff see: ``alert`` is True while results wait for the folder, while results could
    not be decrypted (set aside), and after the outbox file was found damaged at start."""
    queued: int
    oldest_queued_at: datetime | None
    last_error: str | None
    set_aside: int = 0           # rows that cannot be decrypted, kept for inspection
    damage: str | None = None    # the outbox file was damaged: where it was kept

    @property
    def alert(self) -> bool:
        return self.queued > 0 or self.set_aside > 0 or self.damage is not None


@dataclass(frozen=True)
class Delivery:
    file_name: str
    path: Path
    written: bool                # False: queued, will be retried; it is safe in the outbox
    character_references: int    # characters the encoding could not hold (see layout.py)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ResultSink:
    def __init__(self, folder: Path, outbox_path: Path, institution_code: str, encoding: str,
                 kiosk_tag: str, cipher: FieldCipher,
                 clock: Callable[[], datetime] = _utc_now,
                 on_status: Callable[[OutboxStatus], None] | None = None,
                 share_mount: Path | None = None, share_time_limit_s: float = SHARE_TIME_LIMIT_S):
        self.folder = Path(folder)
        self._share = ShareCalls(share_time_limit_s)   # every call on the share, time-limited
        self.share_mount = Path(share_mount) if share_mount else None
        self._institution_code = check_institution_code(institution_code)
        self._encoding = encoding_named(encoding)
        self._kiosk_tag = kiosk_tag
        self._cipher = cipher
        self._clock = clock
        self._on_status = on_status
        self._last_status: OutboxStatus | None = None
        self._lock = threading.Lock()
        opened = open_versioned(outbox_path, MIGRATIONS, "outbox")
        self._db, self._damage = opened.db, opened.damage

    def retarget(self, folder: Path, institution_code: str, encoding: str,
                 share_mount: Path | None = None) -> None:
        """Staff changed where and how results go: the next file (queued ones too) follows. The
        outbox, its connection and the keys stay; nothing changes when a value is refused. No
        folder is created (kiosk.results.share)."""
        code, chosen = check_institution_code(institution_code), encoding_named(encoding)
        with self._lock:
            self.folder, self._institution_code, self._encoding = Path(folder), code, chosen
            self.share_mount = Path(share_mount) if share_mount else None

    def write(self, outcome: CheckinOutcome) -> Delivery:
        """Commit ``outcome`` durably, then try to write its file. Folder trouble leaves it queued
        (``Delivery.written`` False, ``status().alert``). Raises, with nothing committed, only for
        data no valid file can carry (ValueError) or when the outbox itself cannot commit
        (sqlite3.Error): then the check-in was not recorded and the patient must see staff."""
        processed_at = self._clock()
        with self._lock:     # one retarget's values, not half of two
            code, encoding = self._institution_code, self._encoding
        name = result_file_name(code, self._kiosk_tag, processed_at.astimezone(JST))
        rendered = render_result(outcome, code, encoding, processed_at, new_file_identifier())
        with self._lock:
            with self._db.atomic():
                row_id = cast(int, self._db.table("outbox").insert({
                    "file_name": name, "state": QUEUED, "attempts": 0, "folder": str(self.folder),
                    "payload": self._cipher.encrypt(rendered.content, f"outbox:{name}"),
                    "committed_at": processed_at.timestamp()}).last_pk)
            written = self._deliver(self._db.table("outbox").get(row_id))
        self._report_status()
        return Delivery(name, self.folder / name, written, rendered.character_references)

    def close(self) -> None:
        """The kiosk stops: end the share's worker thread and close the outbox. What was committed
        stays in the outbox file, and the next start delivers what is still queued."""
        self._share.close()
        with self._lock:
            self._db.close()

    def deliver_pending(self) -> OutboxStatus:
        """Write every queued result (call at start-up, and periodically while ``alert``)."""
        with self._lock:
            for row in list(self._db.table("outbox").rows_where("state IN (?, ?)", list(PENDING),
                                                          order_by="id")):
                self._deliver(row)
        return self._report_status()

    def status(self) -> OutboxStatus:
        with self._lock:
            queued, oldest = self._db.execute("SELECT count(*), min(committed_at) FROM outbox "
                                              "WHERE state IN (?, ?)", PENDING).fetchone()
            error = self._db.execute("SELECT last_error FROM outbox WHERE state IN (?, ?) AND "
                                     "last_error IS NOT NULL ORDER BY id DESC LIMIT 1",
                                     PENDING).fetchone()
            set_aside = self._db.execute("SELECT count(*) FROM outbox WHERE state = ?",
                                         [SET_ASIDE]).fetchone()[0]
        return OutboxStatus(queued, None if oldest is None else
                            datetime.fromtimestamp(oldest, timezone.utc), error and error[0],
                            set_aside, self._damage)

    def unknown(self, file_names: list[str]) -> list[str]:
        """Those of ``file_names`` the outbox has no row for (lost with a damaged outbox)."""
        with self._lock:
            known = {row[0] for row in self._db.execute("SELECT file_name FROM outbox")}
        return [name for name in file_names if name not in known]

    def forget_written_before(self, moment: datetime) -> int:
        """Retention: drop the bookkeeping of results written before ``moment``."""
        with self._lock, self._db.atomic():
            return self._db.execute("DELETE FROM outbox WHERE state = ? AND written_at < ?",
                                    [WRITTEN, moment.timestamp()]).rowcount

    def _deliver(self, row: dict[str, Any]) -> bool:
        try:
            if row["state"] != RENAMING or not self._finish_rename(row):
                self._write_and_rename(row)
            return True
        except OSError as error:
            self._set(row["id"], attempts=row["attempts"] + 1, last_error=_describe(error))
            return False
        except DecryptionError as error:
            log.error("result %s set aside: %s (kept in the outbox for inspection)",
                      row["file_name"], error)
            self._set(row["id"], state=SET_ASIDE, last_error=str(error))
            return False

    def _finish_rename(self, row: dict[str, Any]) -> bool:
        """Finish a rename a crash interrupted; False when the result must be written again."""
        name, folder = row["file_name"], Path(row["folder"] or self.folder)
        current = folder == self.folder
        final, temporary = folder / name, folder / temporary_name(name)
        try:
            share = self._share
            share(check_share, folder, self.share_mount if current else None)
            if share(exists, temporary):
                if not current:     # retargeted: the result follows to the new folder
                    share(os.unlink, temporary)
                    return False
                share(replace_patiently, temporary, final)
                share(sync_folder, folder)
            elif not current and not share(exists, final):
                return False
        except OSError:
            if current:
                raise
            return False            # the old folder is gone: write the result to the new one
        self._mark_written(row, final)
        return True

    def _write_and_rename(self, row: dict[str, Any]) -> None:
        name, folder = row["file_name"], self.folder
        final, temporary = folder / name, folder / temporary_name(name)
        share = self._share
        share(check_share, folder, self.share_mount)
        content = self._cipher.decrypt(row["payload"], f"outbox:{name}")
        if row["folder"] != str(folder):   # retargeted since: a crash may have left a temporary there
            if row["folder"]:
                self._remove_quietly(Path(row["folder"]) / temporary_name(name))
            self._set(row["id"], folder=str(folder))
        try:
            share(write_synced, temporary, content)
            self._set(row["id"], state=RENAMING, folder=str(folder))
        except Exception:   # never leave a temporary file the outbox does not know of
            self._remove_quietly(temporary)
            raise
        share(replace_patiently, temporary, final)
        share(sync_folder, folder)
        self._mark_written(row, final)

    def _mark_written(self, row: dict[str, Any], final: Path) -> None:
        """The payload goes only once the final file was seen on the share."""
        seen = self._share(exists, final)
        if not seen:
            log.warning("%s was not found after its rename: the receipt computer took it, or it "
                        "was lost; its encrypted content is kept until retention", row["file_name"])
        values = {"state": WRITTEN, "written_at": time.time(), "last_error": None}
        self._set(row["id"], **values, **({"payload": None} if seen else {}))

    def _remove_quietly(self, path: Path) -> None:
        try:
            self._share(path.unlink, True)    # missing_ok
        except OSError:
            pass

    def _set(self, row_id: int, **values: object) -> None:
        with self._db.atomic():
            self._db.table("outbox").update(row_id, values)

    def _report_status(self) -> OutboxStatus:
        status = self.status()
        if self._on_status is not None and status != self._last_status:
            self._on_status(status)
        self._last_status = status
        return status


def _describe(error: OSError) -> str:
    if isinstance(error, ShareUnavailable):
        return str(error.strerror)
    return f"{type(error).__name__}: {error.strerror or error}"


class OutboxRetrier:
    """A background thread that retries queued results every ``interval_s`` seconds, through
    whichever ``sink`` it holds at that moment (a settings change swaps it while it runs). It
    never dies: a round that fails is logged, and the next waits longer, up to ``longest_wait_s``."""

    def __init__(self, sink: ResultSink, interval_s: float = 5.0, longest_wait_s: float = 300.0):
        self.sink = sink
        self._interval_s = interval_s
        self._longest_wait_s = longest_wait_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-retrier", daemon=True)

    def start(self) -> "OutboxRetrier":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():    # a kiosk stopped before it started has no thread to wait for
            self._thread.join()

    def _run(self) -> None:
        wait_s = 0.0                   # the first round at once: what a crash or a dead share left
        while not self._stop.wait(wait_s):
            try:
                sink = self.sink
                if sink.status().queued:
                    sink.deliver_pending()
                wait_s = self._interval_s
            except Exception:
                wait_s = min(max(wait_s, self._interval_s) * 2, self._longest_wait_s)
                log.exception("outbox retry failed; next try in %.0f s", wait_s)
