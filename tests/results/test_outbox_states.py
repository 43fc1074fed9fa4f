"""Issue 17, faults 2 to 4: every outbox state re-checks what it finds on the share; a damaged or
emptied outbox is set aside, not trusted; a row that cannot be decrypted is set aside alone; the
retrier never dies."""
from __future__ import annotations

import logging
import os
import time

import pytest

import kiosk.results.outbox as outbox_module
from kiosk.results.naming import RESULT_FILE_PATTERN, temporary_name
from kiosk.results.outbox import OutboxRetrier
from tests.results.sinks import make_sink
from tests.results.outcomes import outcome_for
from tests.results.parse import parse_result


class Crash(BaseException):
    """Stands for the process dying at this point (nothing after it runs)."""


def result_files(folder):
    return sorted(p.name for p in folder.iterdir() if RESULT_FILE_PATTERN.match(p.name))


def crash_before_rename(tmp_path, monkeypatch) -> str:
    """A kiosk dies after committing ``renaming`` (the temporary file complete), before the rename."""
    def die(*args):
        raise Crash("replace")
    monkeypatch.setattr(outbox_module.os, "replace", die)
    sink = make_sink(tmp_path)
    with pytest.raises(Crash):
        sink.write(outcome_for("valid_adult"))
    monkeypatch.undo()
    [row] = sink._db["outbox"].rows
    assert row["state"] == "renaming"
    return row["file_name"]


# ---- fault 2: a row in ``renaming`` whose temporary file is not where it is looked for ----------

def test_renaming_after_a_retarget_delivers_to_the_new_folder(tmp_path, share, monkeypatch):
    name = crash_before_rename(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    restarted = make_sink(tmp_path)
    restarted.retarget(elsewhere, "1311111111", "utf-8")
    assert restarted.deliver_pending().queued == 0
    assert result_files(elsewhere) == [name], "the result was marked written but exists nowhere"
    parse_result((elsewhere / name).read_bytes())
    assert os.listdir(share) == []          # the old temporary file, with patient data, is gone


def test_renaming_while_the_old_folder_is_gone_delivers_to_the_new_one(tmp_path, share, monkeypatch):
    name = crash_before_rename(tmp_path, monkeypatch)
    share.rename(tmp_path / "share-offline")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    restarted = make_sink(tmp_path)
    restarted.retarget(elsewhere, "1311111111", "utf-8")
    assert restarted.deliver_pending().queued == 0 and result_files(elsewhere) == [name]


@pytest.mark.expect_log("not found after its rename")
def test_the_payload_is_kept_until_the_file_is_seen(tmp_path, share, monkeypatch):
    """Temporary and final file both missing from a reachable folder: the rename happened and the
    receipt computer took the file, or the file was lost. Either way, not written twice, and the
    encrypted result is kept (until retention) so that nothing is lost for good."""
    name = crash_before_rename(tmp_path, monkeypatch)
    (share / temporary_name(name)).unlink()
    restarted = make_sink(tmp_path)
    assert restarted.deliver_pending().queued == 0 and os.listdir(share) == []
    [row] = restarted._db["outbox"].rows
    assert row["state"] == "written" and row["payload"] is not None


def test_a_seen_file_drops_the_payload(tmp_path, share, monkeypatch):
    name = crash_before_rename(tmp_path, monkeypatch)
    restarted = make_sink(tmp_path)
    assert restarted.deliver_pending().queued == 0 and result_files(share) == [name]
    [row] = restarted._db["outbox"].rows
    assert row["state"] == "written" and row["payload"] is None


# ---- fault 3: an emptied or damaged outbox is not trusted ------------------------------------

def queue_one_and_close(tmp_path, share) -> str:
    sink = make_sink(tmp_path)
    share.rename(tmp_path / "share-offline")
    name = sink.write(outcome_for("valid_adult")).file_name
    sink._db.conn.close()          # the last connection: the WAL is merged into the file
    (tmp_path / "share-offline").rename(share)
    return name


@pytest.mark.expect_log("was damaged")
@pytest.mark.parametrize("damage", ["zero_length", "garbage"])
def test_an_emptied_or_damaged_outbox_is_kept_aside_and_reported(tmp_path, share, damage, caplog):
    queue_one_and_close(tmp_path, share)
    outbox = tmp_path / "data" / "outbox.sqlite"
    assert not (tmp_path / "data" / "outbox.sqlite-wal").exists()
    original = outbox.read_bytes()
    damaged = b"" if damage == "zero_length" else original[:100] + os.urandom(4000)
    outbox.write_bytes(damaged)
    with caplog.at_level(logging.ERROR, logger="kiosk.store"):
        restarted = make_sink(tmp_path)
    status = restarted.deliver_pending()
    assert status.alert and status.damage and "outbox.sqlite was damaged" in status.damage
    assert any("outbox.sqlite was damaged" in r.getMessage() for r in caplog.records)
    [kept] = (tmp_path / "data").glob("outbox.sqlite.damaged-*Z")
    assert kept.read_bytes() == damaged                      # kept for inspection, as it was
    assert restarted.write(outcome_for("iphone")).written    # the kiosk goes on with a new one


# ---- fault 4: one row that cannot be decrypted blocks nothing; the retrier never dies ---------

@pytest.mark.expect_log("set aside")
def test_an_undecryptable_row_is_set_aside_and_the_rest_delivered(tmp_path, share, caplog):
    sink = make_sink(tmp_path)
    share.rename(tmp_path / "share-offline")
    names = [sink.write(outcome_for(p)).file_name for p in ("valid_adult", "iphone", "not_insured")]
    first_id = next(sink._db["outbox"].rows)["id"]
    payload = bytearray(sink._db["outbox"].get(first_id)["payload"])
    payload[-1] ^= 0xFF                          # one tampered (or wrongly keyed) row
    sink._db["outbox"].update(first_id, {"payload": bytes(payload)})
    (tmp_path / "share-offline").rename(share)
    with caplog.at_level(logging.ERROR, logger="kiosk.results"):
        status = make_sink(tmp_path).deliver_pending()    # as at start: must not raise
    assert result_files(share) == sorted(names[1:])
    assert status.queued == 0 and status.set_aside == 1 and status.alert
    assert any(names[0] in r.getMessage() and "set aside" in r.getMessage() for r in caplog.records)
    row = make_sink(tmp_path)._db["outbox"].get(first_id)
    assert row["state"] == "set_aside" and row["payload"] == bytes(payload)   # kept to inspect


@pytest.mark.expect_log("outbox retry failed")
def test_the_retrier_survives_a_failing_round(tmp_path, share, caplog):
    sink = make_sink(tmp_path)
    share.rename(tmp_path / "share-offline")
    sink.write(outcome_for("valid_adult"))
    (tmp_path / "share-offline").rename(share)
    real, failures = sink.deliver_pending, []

    def failing_twice():
        if len(failures) < 2:
            failures.append(1)
            raise RuntimeError("the outbox could not be read")
        return real()
    sink.deliver_pending = failing_twice
    retrier = OutboxRetrier(sink, interval_s=0.02, longest_wait_s=0.05).start()
    try:
        deadline = time.monotonic() + 10
        while result_files(share) == [] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert retrier._thread.is_alive()
    finally:
        retrier.stop()
    assert len(result_files(share)) == 1 and len(failures) == 2
    assert any("retry failed" in r.getMessage() for r in caplog.records)


# ---- fault 9: no temporary file with patient data left when the outbox cannot record it --------

def test_no_temporary_file_is_left_when_the_outbox_cannot_record_the_write(tmp_path, share):
    import sqlite3
    sink = make_sink(tmp_path)
    real_set = sink._set

    def full_data_disk(row_id, **values):
        if values.get("state") == "renaming":
            raise sqlite3.OperationalError("database or disk is full")
        real_set(row_id, **values)
    sink._set = full_data_disk
    with pytest.raises(sqlite3.OperationalError):
        sink.write(outcome_for("valid_adult"))
    assert os.listdir(share) == [], "a .part file with patient data was left behind"
    sink._set = real_set
    assert sink.deliver_pending().queued == 0 and len(result_files(share)) == 1
