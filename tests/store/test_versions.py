"""The outbox and audit databases carry PRAGMA user_version. A database written by the kiosk
before they did (its layout below, as that version created it, copied from its sqlite_master)
opens and migrates with every row intact; a database from a newer kiosk is left alone."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.results.outbox import ResultSink
from kiosk.store.audit import AuditStore
from kiosk.store.cipher import FieldCipher
from kiosk.store.versioned import StoreTooNew
from tests.results.outcomes import outcome_for
from tests.results.sinks import opened

OUTBOX_BEFORE_VERSIONS = """
CREATE TABLE "outbox" ("id" INTEGER PRIMARY KEY, "file_name" TEXT NOT NULL, "state" TEXT NOT NULL,
   "payload" BLOB, "committed_at" REAL, "written_at" REAL, "attempts" INTEGER, "last_error" TEXT);
CREATE UNIQUE INDEX "idx_outbox_file_name" ON "outbox" ("file_name");
CREATE INDEX "idx_outbox_state" ON "outbox" ("state");
"""
AUDIT_BEFORE_VERSIONS = """
CREATE TABLE "checkins" ("id" INTEGER PRIMARY KEY, "row_key" TEXT, "started_at" REAL,
   "method" TEXT, "mode" TEXT, "outcome" TEXT, "step_times" TEXT, "patient_code" TEXT,
   "validity" INTEGER, "notice_codes" TEXT, "result_file" TEXT, "name_enc" BLOB,
   "birthdate_enc" BLOB, "insurer_number_enc" BLOB, "insured_card_symbol_enc" BLOB,
   "insured_identification_number_enc" BLOB, "insured_branch_number_enc" BLOB);
CREATE TABLE "staff_actions" ("id" INTEGER PRIMARY KEY, "at" REAL, "kind" TEXT, "detail" TEXT);
CREATE INDEX "idx_checkins_started_at" ON "checkins" ("started_at");
CREATE INDEX "idx_staff_actions_at" ON "staff_actions" ("at");
"""
NAME = "OQSsiquc01res_face_1311111111a1b2c300112233445566_20261123094835.xml"
DONE = "OQSsiquc01res_face_1311111111a1b2c3ffeeddccbbaa99_20261123090000.xml"


def user_version(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_an_outbox_written_before_versions_migrates_and_delivers(tmp_path):
    cipher = FieldCipher(bytes(range(32)))
    content = b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<XmlMsg/>'
    with sqlite3.connect(tmp_path / "outbox.sqlite") as old:
        old.executescript(OUTBOX_BEFORE_VERSIONS)
        old.execute("INSERT INTO outbox (file_name, state, payload, committed_at, attempts) "
                    "VALUES (?, 'queued', ?, 1795000000.0, 2)",
                    [NAME, cipher.encrypt(content, f"outbox:{NAME}")])
        old.execute("INSERT INTO outbox (file_name, state, committed_at, written_at, attempts) "
                    "VALUES (?, 'written', 1794990000.0, 1794990001.0, 0)", [DONE])
    share = tmp_path / "share"
    share.mkdir()
    sink = opened(ResultSink(share, tmp_path / "outbox.sqlite", "1311111111", "utf-8", "a1b2c3", cipher))
    assert user_version(tmp_path / "outbox.sqlite") == 2
    assert "folder" in sink._db["outbox"].columns_dict
    assert sink.deliver_pending().queued == 0
    assert (share / NAME).read_bytes() == content
    assert sink.unknown([NAME, DONE, "other.xml"]) == ["other.xml"]    # the history is kept
    assert sink.write(outcome_for("valid_adult")).written


def test_an_audit_store_written_before_versions_opens_with_its_rows(tmp_path):
    cipher = FieldCipher(bytes(range(32)))
    with sqlite3.connect(tmp_path / "audit.sqlite") as old:
        old.executescript(AUDIT_BEFORE_VERSIONS)
        old.execute("INSERT INTO checkins (row_key, started_at, method, mode, outcome, step_times, "
                    "notice_codes, result_file, name_enc) VALUES ('k1', ?, 'pin', 'automatic', "
                    "'queued', '{}', '', ?, ?)",
                    [datetime(2026, 11, 23, tzinfo=timezone.utc).timestamp(), NAME,
                     cipher.encrypt_text("山田　太郎", "checkins:name:k1")])
        old.execute("INSERT INTO staff_actions (at, kind, detail) VALUES (1795000000.0, "
                    "'mode_switch', '{\"to\": \"pin_only\"}')")
    store = AuditStore(tmp_path / "audit.sqlite", cipher, 90)
    assert user_version(tmp_path / "audit.sqlite") == 1 and store.damage is None
    [row] = store.checkins()
    assert row.personal.name == "山田　太郎" and row.result_file == NAME
    assert store.queued_result_files() == [NAME]
    assert store.staff_actions()[0].detail == {"to": "pin_only"}


@pytest.mark.parametrize("which", ["outbox", "audit"])
def test_a_database_from_a_newer_kiosk_is_not_touched(tmp_path, which):
    path = tmp_path / f"{which}.sqlite"
    with sqlite3.connect(path) as newer:
        newer.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY)")
        newer.execute("PRAGMA user_version = 99")
    cipher = FieldCipher(bytes(range(32)))
    with pytest.raises(StoreTooNew, match="newer kiosk"):
        if which == "outbox":
            opened(ResultSink(tmp_path, path, "1311111111", "utf-8", "a1b2c3", cipher))
        else:
            AuditStore(path, cipher, 90)
    assert user_version(path) == 99 and not list(tmp_path.glob("*.damaged-*"))


def test_a_fresh_database_starts_at_the_latest_version(tmp_path):
    cipher = FieldCipher(bytes(range(32)))
    opened(ResultSink(tmp_path, tmp_path / "outbox.sqlite", "1311111111", "utf-8", "a1b2c3", cipher))
    AuditStore(tmp_path / "audit.sqlite", cipher, 90)
    assert user_version(tmp_path / "outbox.sqlite") == 2 and user_version(tmp_path / "audit.sqlite") == 1
    assert RESULT_FILE_PATTERN.match(NAME)
