from __future__ import annotations

import errno
import os
import threading

import pytest

import kiosk.results.outbox as outbox_module
from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.results.outbox import OutboxRetrier
from tests.results.sinks import INSTITUTION, make_sink
from tests.results.outcomes import outcome_for
from tests.results.parse import parse_result


class Crash(BaseException):
    """Stands for the process dying at this point (nothing after it runs)."""


def result_files(folder):
    return sorted(p.name for p in folder.iterdir() if RESULT_FILE_PATTERN.match(p.name))


def test_write_puts_one_whole_file_and_nothing_else(tmp_path, share):
    sink = make_sink(tmp_path)
    delivery = sink.write(outcome_for("valid_adult"))
    assert delivery.written and os.listdir(share) == [delivery.file_name]
    name = RESULT_FILE_PATTERN.match(delivery.file_name)
    assert delivery.file_name.startswith(f"OQSsiquc01res_face_{INSTITUTION}a1b2c3")
    assert len(delivery.file_name.split("_")[2]) == 30 and len(name.group(1)) == 14
    root = parse_result(delivery.path.read_bytes())
    assert root.findtext("MessageHeader/ProcessExecutionTime") == name.group(1)
    assert sink.status().queued == 0 and not sink.status().alert


def test_names_are_unique_and_differ_between_kiosks_sharing_a_folder(tmp_path, share):
    first, second = make_sink(tmp_path / "a"), make_sink(tmp_path / "b", kiosk_tag="ffee00")
    first.folder = second.folder = share
    names = [sink.write(outcome_for("valid_adult")).file_name
             for _ in range(20) for sink in (first, second)]
    assert len(set(names)) == 40 == len(result_files(share))
    assert sum("a1b2c3" in n.split("_")[2] for n in names) == 20


def test_shift_jis_sink_writes_cp932(tmp_path, share):
    delivery = make_sink(tmp_path, encoding="shift_jis").write(outcome_for("iphone"))
    assert delivery.character_references == 2
    assert parse_result(delivery.path.read_bytes()).findtext(
        "MessageBody/ResultList/ResultOfQualificationConfirmation/Name") == "𠮷野　美咲"


def test_unavailable_folder_queues_then_delivers_once(tmp_path, share):
    seen = []
    sink = make_sink(tmp_path, on_status=seen.append)
    share.rename(tmp_path / "share-offline")
    delivery = sink.write(outcome_for("valid_adult"))
    assert not delivery.written
    status = sink.status()
    assert status.alert and status.queued == 1 and "share unavailable" in status.last_error
    assert seen[-1] == status
    assert sink.deliver_pending().queued == 1  # still offline: retried, still queued
    (tmp_path / "share-offline").rename(share)
    assert not sink.deliver_pending().alert and not seen[-1].alert
    assert result_files(share) == [delivery.file_name] and os.listdir(share) == [delivery.file_name]
    sink.deliver_pending()
    assert result_files(share) == [delivery.file_name]


def test_full_disk_leaves_no_partial_file(tmp_path, share, monkeypatch):
    sink = make_sink(tmp_path)

    def disk_full(path, content):
        path.write_bytes(content[: len(content) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outbox_module, "write_synced", disk_full)
    assert not sink.write(outcome_for("valid_adult")).written
    assert os.listdir(share) == [] and "No space left" in sink.status().last_error
    monkeypatch.undo()
    sink.deliver_pending()
    assert len(result_files(share)) == 1 and len(os.listdir(share)) == 1


def crash_at(monkeypatch, name):
    real = getattr(os, name) if name == "replace" else getattr(outbox_module, name)

    def die_after(*args):
        real(*args)
        raise Crash(name)

    if name == "replace":
        monkeypatch.setattr(os, "replace", die_after)
    else:
        monkeypatch.setattr(outbox_module, name, die_after)


def test_crash_after_temporary_file_then_restart_writes_once(tmp_path, share, monkeypatch):
    crash_at(monkeypatch, "write_synced")
    with pytest.raises(Crash):
        make_sink(tmp_path).write(outcome_for("valid_adult"))
    monkeypatch.undo()
    assert result_files(share) == [] and len(os.listdir(share)) == 1  # the hidden temporary
    make_sink(tmp_path).deliver_pending()
    assert len(result_files(share)) == 1 and len(os.listdir(share)) == 1


@pytest.mark.expect_log("not found after its rename")
def test_crash_after_rename_is_not_written_again(tmp_path, share, monkeypatch):
    crash_at(monkeypatch, "replace")
    with pytest.raises(Crash):
        make_sink(tmp_path).write(outcome_for("valid_adult"))
    monkeypatch.undo()
    [name] = result_files(share)
    (share / name).unlink()  # the receipt computer took the file before we restarted
    restarted = make_sink(tmp_path)
    assert restarted.deliver_pending().queued == 0
    assert os.listdir(share) == []


def test_outbox_holds_the_result_encrypted_until_written(tmp_path, share):
    sink = make_sink(tmp_path)
    share.rename(tmp_path / "away")
    sink.write(outcome_for("valid_adult"))
    database = (tmp_path / "data" / "outbox.sqlite").read_bytes() + \
        (tmp_path / "data" / "outbox.sqlite-wal").read_bytes()
    assert "山田".encode() not in database and b"XmlMsg" not in database
    (tmp_path / "away").rename(share)
    sink.deliver_pending()
    [row] = sink._db["outbox"].rows
    assert row["state"] == "written" and row["payload"] is None


def test_forget_written_results(tmp_path, share):
    from datetime import datetime, timedelta, timezone
    sink = make_sink(tmp_path)
    sink.write(outcome_for("valid_adult"))
    assert sink.forget_written_before(datetime.now(timezone.utc) - timedelta(days=1)) == 0
    assert sink.forget_written_before(datetime.now(timezone.utc) + timedelta(seconds=1)) == 1


def test_retrier_delivers_when_the_folder_returns(tmp_path, share):
    delivered = threading.Event()
    sink = make_sink(tmp_path, on_status=lambda s: None if s.alert else delivered.set())
    share.rename(tmp_path / "away")
    sink.write(outcome_for("valid_adult"))
    retrier = OutboxRetrier(sink, interval_s=0.02).start()
    try:
        (tmp_path / "away").rename(share)
        assert delivered.wait(5)
    finally:
        retrier.stop()
    assert len(result_files(share)) == 1


def test_a_retrier_never_started_stops_quietly(tmp_path, share):
    """A kiosk that failed before start-up finished is still stopped on the way out."""
    OutboxRetrier(make_sink(tmp_path), interval_s=0.02).stop()   # joining a thread never started raised


def test_a_retargeted_sink_writes_the_next_result_there_and_refuses_bad_values_whole(tmp_path, share):
    sink = make_sink(tmp_path)
    with pytest.raises(ValueError):
        sink.retarget(tmp_path / "elsewhere", "12345", "shift_jis")     # not a 10-digit code
    assert sink.folder == share and not (tmp_path / "elsewhere").exists()
    (tmp_path / "elsewhere").mkdir()
    sink.retarget(tmp_path / "elsewhere", "1399999998", "shift_jis")
    delivery = sink.write(outcome_for("valid_adult"))
    assert delivery.written and delivery.path.parent == tmp_path / "elsewhere"
    assert "1399999998" in delivery.path.name and b'encoding="Shift_JIS"' in delivery.path.read_bytes()[:80]
