"""The result sink: every confirmed check-in is committed to a durable SQLite outbox first, then
written into the receipt computer's folder atomically, exactly once, retried until it is there.

Each outbox row moves queued → renaming → written:
  queued    committed; the complete file may not exist yet. Delivery (re)writes the temporary
            file (hidden name, not matching the pattern), fsyncs it, then commits ``renaming``.
  renaming  the complete temporary file is on disk. If it is still there the rename has not
            happened: rename it, fsync the folder. If it is gone, the rename happened (and the
            receipt computer may already have taken the file): do not write it again.
  written   done; the encrypted content is dropped, the file name kept for the audit.
A crash at any point leaves either a hidden temporary file or the whole file, never both.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from kiosk.platform_calls import sync_folder
from kiosk.atomic import exists, replace_patiently, write_synced
from kiosk.results.layout import JST, encoding_named, render_result
from kiosk.results.naming import (check_institution_code, new_file_identifier, result_file_name,
                                  temporary_name)
from kiosk.results.outcome import CheckinOutcome
from kiosk.store.cipher import FieldCipher
from kiosk.store.sqlite import open_database

QUEUED, RENAMING, WRITTEN = "queued", "renaming", "written"


@dataclass(frozen=True)
class OutboxStatus:
    """What staff see: ``alert`` is True while results wait for the folder."""
    queued: int
    oldest_queued_at: datetime | None
    last_error: str | None

    @property
    def alert(self) -> bool:
        return self.queued > 0


@dataclass(frozen=True)
class Delivery:
    file_name: str
    path: Path
    written: bool                # False: queued, will be retried; it is safe in the outbox
    character_references: int    # characters the encoding could not hold (see layout.py)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def prepare_folder(folder: Path) -> None:
    """Create the result folder if it can be; an offline share cannot, and results wait in the
    outbox (staff see the alert)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError:
        pass


class ResultSink:
    def __init__(self, folder: Path, outbox_path: Path, institution_code: str, encoding: str,
                 kiosk_tag: str, cipher: FieldCipher,
                 clock: Callable[[], datetime] = _utc_now,
                 on_status: Callable[[OutboxStatus], None] | None = None):
        self.folder = Path(folder)
        self._institution_code = check_institution_code(institution_code)
        self._encoding = encoding_named(encoding)
        self._kiosk_tag = kiosk_tag
        self._cipher = cipher
        self._clock = clock
        self._on_status = on_status
        self._last_status: OutboxStatus | None = None
        self._lock = threading.Lock()
        self._db = open_database(outbox_path)
        with self._db.atomic():
            self._db["outbox"].create({
                "id": int, "file_name": str, "state": str, "payload": bytes,
                "committed_at": float, "written_at": float, "attempts": int, "last_error": str,
            }, pk="id", not_null={"file_name", "state"}, if_not_exists=True)
            self._db["outbox"].create_index(["file_name"], unique=True, if_not_exists=True)
            self._db["outbox"].create_index(["state"], if_not_exists=True)

    def retarget(self, folder: Path, institution_code: str, encoding: str) -> None:
        """Staff changed where and how results go: the next file (queued ones too) follows. The
        outbox, its connection and the keys stay; nothing changes when a value is refused."""
        code, chosen = check_institution_code(institution_code), encoding_named(encoding)
        prepare_folder(folder)
        with self._lock:
            self.folder, self._institution_code, self._encoding = Path(folder), code, chosen

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
                row_id = self._db["outbox"].insert({
                    "file_name": name, "state": QUEUED, "attempts": 0,
                    "payload": self._cipher.encrypt(rendered.content, f"outbox:{name}"),
                    "committed_at": processed_at.timestamp()}).last_pk
            written = self._deliver(self._db["outbox"].get(row_id))
        self._report_status()
        return Delivery(name, self.folder / name, written, rendered.character_references)

    def deliver_pending(self) -> OutboxStatus:
        """Write every queued result (call at start-up, and periodically while ``alert``)."""
        with self._lock:
            for row in list(self._db["outbox"].rows_where("state != ?", [WRITTEN], order_by="id")):
                self._deliver(row)
        return self._report_status()

    def status(self) -> OutboxStatus:
        with self._lock:
            queued, oldest = self._db.execute("SELECT count(*), min(committed_at) FROM outbox "
                                              "WHERE state != ?", [WRITTEN]).fetchone()
            error = self._db.execute("SELECT last_error FROM outbox WHERE state != ? AND "
                                     "last_error IS NOT NULL ORDER BY id DESC LIMIT 1",
                                     [WRITTEN]).fetchone()
        return OutboxStatus(queued, None if oldest is None else
                            datetime.fromtimestamp(oldest, timezone.utc), error and error[0])

    def forget_written_before(self, moment: datetime) -> int:
        """Retention: drop the bookkeeping of results written before ``moment``."""
        with self._lock, self._db.atomic():
            return self._db.execute("DELETE FROM outbox WHERE state = ? AND written_at < ?",
                                    [WRITTEN, moment.timestamp()]).rowcount

    def _deliver(self, row: dict) -> bool:
        name, state = row["file_name"], row["state"]
        final, temporary = self.folder / name, self.folder / temporary_name(name)
        try:
            if state == QUEUED:
                write_synced(temporary, self._cipher.decrypt(row["payload"], f"outbox:{name}"))
                self._set(row["id"], state=RENAMING)
                state = RENAMING
            if exists(temporary):
                replace_patiently(temporary, final)
                sync_folder(self.folder)
            self._set(row["id"], state=WRITTEN, payload=None, written_at=time.time(), last_error=None)
            return True
        except OSError as error:
            if state == QUEUED:  # never remove a complete temporary file once it is ``renaming``
                try:
                    temporary.unlink(missing_ok=True)
                except OSError:
                    pass
            self._set(row["id"], attempts=row["attempts"] + 1,
                      last_error=f"{type(error).__name__}: {error.strerror or error}")
            return False

    def _set(self, row_id: int, **values: object) -> None:
        with self._db.atomic():
            self._db["outbox"].update(row_id, values)

    def _report_status(self) -> OutboxStatus:
        status = self.status()
        if self._on_status is not None and status != self._last_status:
            self._on_status(status)
        self._last_status = status
        return status


class OutboxRetrier:
    """A background thread that retries queued results every ``interval_s`` seconds, through
    whichever ``sink`` it holds at that moment (a settings change swaps it while it runs)."""

    def __init__(self, sink: ResultSink, interval_s: float = 5.0):
        self.sink = sink
        self._interval_s = interval_s
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
        while not self._stop.wait(self._interval_s):
            sink = self.sink
            if sink.status().alert:
                sink.deliver_pending()
