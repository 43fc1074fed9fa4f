"""The audit store: one row per check-in and one per staff action. Personal fields are encrypted
(AES-GCM, bound to their row and column); a PIN, face data or the My Number have no place here
and are refused if they show up. Rows older than the retention period are purged."""
from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, cast

import sqlite_utils

from kiosk.store.cipher import FieldCipher
from kiosk.store.versioned import open_versioned

log = logging.getLogger("kiosk.audit")
_STEP_NAME = re.compile(r"[a-z_]{1,40}")
_MY_NUMBER_LIKE = re.compile(r"(?<!\d)\d{12}(?!\d)")
_FORBIDDEN_KEYS = re.compile(r"pin|password|passcode|my_?number|kojin_?bango|face|image|frame|photo",
                             re.IGNORECASE)


class ForbiddenData(ValueError):
    """Something that must never be stored (a PIN, face data, the My Number) was handed over."""


def _refuse_my_number(name: str, value: str | None) -> None:
    if value is not None and _MY_NUMBER_LIKE.search(value):
        raise ForbiddenData(f"{name} looks like a My Number (12 digits); it is never stored")


@dataclass(frozen=True)
class PersonalFields:
    """Who checked in; stored encrypted only."""
    name: str | None = None
    birthdate: str | None = None
    insurer_number: str | None = None
    insured_card_symbol: str | None = None
    insured_identification_number: str | None = None
    insured_branch_number: str | None = None

    @classmethod
    def of(cls, record: object | None) -> "PersonalFields":
        """From a qualification record (``kiosk.gateway.InsuredRecord``), or empty."""
        return cls(**{f.name: getattr(record, f.name, None) for f in fields(cls)})


@dataclass(frozen=True)
class CheckinAudit:
    """One check-in as the state machine saw it. ``step_times`` maps step names to seconds since
    ``started_at`` (e.g. card_read, authenticated, confirmed, consented, result_committed)."""
    started_at: datetime
    method: str                     # pin, face, visual_check, android, iphone
    mode: str                       # staff mode: automatic, pin_only, visual_check, ...
    outcome: str                    # written, refused, cancelled, communication_error, ...
    step_times: Mapping[str, float] = field(default_factory=dict)
    patient_code: str | None = None  # e.g. "006"
    validity: int | None = None
    notice_codes: tuple[str, ...] = ()
    result_file: str | None = None
    personal: PersonalFields = field(default_factory=PersonalFields)


@dataclass(frozen=True)
class StaffAction:
    at: datetime
    kind: str                       # mode_switch, settings_change, outbox_alert_seen, ...
    detail: Mapping[str, object]    # e.g. {"from": "automatic", "to": "pin_only", "reason": ...}


def utc_now() -> datetime:
    """The time a check-in or staff action is stamped with."""
    return datetime.now(timezone.utc)


_PLAIN_COLUMNS = ("row_key", "started_at", "method", "mode", "outcome", "step_times",
                  "patient_code", "validity", "notice_codes", "result_file")
_PERSONAL_COLUMNS = tuple(f"{f.name}_enc" for f in fields(PersonalFields))


def split_codes(joined: str | None) -> tuple[str, ...]:
    """The ``notice_codes`` column ("W01,W02") as a tuple of codes."""
    return tuple(filter(None, (joined or "").split(",")))


def _first_layout(db: sqlite_utils.Database) -> None:
    """Version 1: the layout written before the store carried a version."""
    personal_columns = dict.fromkeys(_PERSONAL_COLUMNS, bytes)
    db.table("checkins").create({
        "id": int, "row_key": str, "started_at": float, "method": str, "mode": str,
        "outcome": str, "step_times": str, "patient_code": str, "validity": int,
        "notice_codes": str, "result_file": str, **personal_columns,
    }, pk="id", if_not_exists=True)
    db.table("staff_actions").create({"id": int, "at": float, "kind": str, "detail": str},
                               pk="id", if_not_exists=True)
    db.table("checkins").create_index(["started_at"], if_not_exists=True)
    db.table("staff_actions").create_index(["at"], if_not_exists=True)


MIGRATIONS = (_first_layout,)


class AuditStore:
    def __init__(self, path: Path | str, cipher: FieldCipher, retention_days: int,
                 clock: Callable[[], datetime] = utc_now):
        if retention_days < 1:
            raise ValueError("retention must be at least one day")
        self._cipher = cipher
        self._retention = timedelta(days=retention_days)
        self._clock = clock
        self._lock = threading.Lock()
        opened = open_versioned(Path(path), MIGRATIONS, "checkins")
        self._db = opened.db
        self.damage = opened.damage   # the file was damaged at start: kept aside, staff told

    def record_checkin(self, entry: CheckinAudit) -> int:
        row_key = uuid.uuid4().hex
        row: dict[str, Any] = {
            "row_key": row_key, "started_at": entry.started_at.timestamp(),
            "method": entry.method, "mode": entry.mode, "outcome": entry.outcome,
            "step_times": json.dumps({k: round(v, 4) for k, v in entry.step_times.items()}),
            "patient_code": entry.patient_code, "validity": entry.validity,
            "notice_codes": ",".join(entry.notice_codes), "result_file": entry.result_file}
        for name in ("method", "mode", "outcome"):
            _refuse_my_number(name, row[name])
        # result_file is not checked: the kiosk names it, and its random part may hold 12 digits.
        # Step names are the state machine's (pin_entry, face_capture…): letters only, so no
        # digits of a PIN or a My Number can ride in them; the values are plain seconds.
        if not all(_STEP_NAME.fullmatch(step) for step in entry.step_times):
            raise ForbiddenData("step names are lowercase words only")
        for spec in fields(PersonalFields):
            value = getattr(entry.personal, spec.name)
            _refuse_my_number(spec.name, value)
            row[f"{spec.name}_enc"] = self._cipher.encrypt_text(value, f"checkins:{spec.name}:{row_key}")
        with self._lock, self._db.atomic():
            return cast(int, self._db.table("checkins").insert(row).last_pk)

    def record_staff_action(self, action: StaffAction) -> int:
        """Details are stored in clear: they must hold no personal data, no secrets."""
        for key, value in action.detail.items():
            if _FORBIDDEN_KEYS.search(key):
                raise ForbiddenData(f"staff action detail {key!r} is never stored")
            _refuse_my_number(key, str(value))
        row = {"at": action.at.timestamp(), "kind": action.kind,
               "detail": json.dumps(dict(action.detail), ensure_ascii=False, sort_keys=True)}
        with self._lock, self._db.atomic():
            return cast(int, self._db.table("staff_actions").insert(row).last_pk)

    def checkins(self) -> list[CheckinAudit]:
        """Every kept check-in, oldest first, personal fields decrypted (for staff review)."""
        return [self._checkin_from(row) for row in self._db.table("checkins").rows_where(order_by="id")]

    def checkins_between(self, start: datetime, end: datetime, *,
                         personal: bool = True) -> list[CheckinAudit]:
        """Check-ins with ``start <= started_at < end``, oldest first. ``personal=False`` leaves
        the encrypted columns unread (empty ``PersonalFields``): the dashboard and the export."""
        columns = _PLAIN_COLUMNS + (_PERSONAL_COLUMNS if personal else ())
        rows = self._db.table("checkins").rows_where(
            "started_at >= ? AND started_at < ?", [start.timestamp(), end.timestamp()],
            select=", ".join(columns), order_by="started_at, id")
        return [self._checkin_from(row) for row in rows]

    def plain_columns_between(self, start: datetime, end: datetime,
                              columns: Sequence[str]) -> list[tuple[Any, ...]]:
        """The raw values of plain (never personal) columns for check-ins with ``start <=
        started_at < end``, oldest first: fast enough for a day of 10,000 rows on opening."""
        unknown = sorted(set(columns) - set(_PLAIN_COLUMNS))
        if unknown:
            raise ValueError(f"not plain check-in columns: {unknown}")
        return self._db.execute(f"SELECT {', '.join(columns)} FROM checkins WHERE started_at >= ? "
                                "AND started_at < ? ORDER BY started_at, id",
                                [start.timestamp(), end.timestamp()]).fetchall()

    def queued_result_files(self) -> list[str]:
        """The result files of check-ins that ended with their result queued, oldest first."""
        return [row[0] for row in self._db.execute(
            "SELECT result_file FROM checkins WHERE outcome = 'queued' AND result_file IS NOT NULL "
            "ORDER BY started_at, id")]

    def newest_entry_at(self) -> datetime | None:
        """When the newest check-in started or the newest staff action happened (clock check)."""
        newest = self._db.execute("SELECT max(t) FROM (SELECT max(started_at) AS t FROM checkins "
                                  "UNION ALL SELECT max(at) FROM staff_actions)").fetchone()[0]
        return None if newest is None else datetime.fromtimestamp(newest, timezone.utc)

    def staff_actions(self) -> list[StaffAction]:
        return [StaffAction(datetime.fromtimestamp(row["at"], timezone.utc), row["kind"],
                            json.loads(row["detail"]))
                for row in self._db.table("staff_actions").rows_where(order_by="id")]

    def purge(self) -> int:
        """Delete rows older than the retention period (overwritten on disk: secure_delete, WAL
        truncated). Returns how many rows went. The clock is not trusted alone: nothing newer than
        the newest kept row minus the retention goes (a clock years ahead deletes nothing recent),
        and nothing at all while the clock is behind the newest row (it went backwards)."""
        now, newest = self._clock(), self.newest_entry_at()
        if newest is not None and now < newest:
            log.warning("audit purge skipped: the clock (%s) is behind the newest row (%s)",
                        now.isoformat(), newest.isoformat())
            return 0
        cutoff = (min(now, newest or now) - self._retention).timestamp()
        with self._lock:
            with self._db.atomic():
                removed = self._db.execute("DELETE FROM checkins WHERE started_at < ?",
                                           [cutoff]).rowcount
                removed += self._db.execute("DELETE FROM staff_actions WHERE at < ?",
                                            [cutoff]).rowcount
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    def _checkin_from(self, row: dict[str, Any]) -> CheckinAudit:
        personal = PersonalFields()
        if _PERSONAL_COLUMNS[0] in row:   # selected: decrypt them
            personal = PersonalFields(**{
                spec.name: self._cipher.decrypt_text(row[f"{spec.name}_enc"],
                                                     f"checkins:{spec.name}:{row['row_key']}")
                for spec in fields(PersonalFields)})
        return CheckinAudit(
            started_at=datetime.fromtimestamp(row["started_at"], timezone.utc),
            method=row["method"], mode=row["mode"], outcome=row["outcome"],
            step_times=json.loads(row["step_times"]), patient_code=row["patient_code"],
            validity=row["validity"],
            notice_codes=split_codes(row["notice_codes"]),
            result_file=row["result_file"], personal=personal)
