"""Issue 17, fault 5: a damaged outbox or audit database does not stop the kiosk. Through the
headless check-in command (the real core, in-process virtual card, simulator, real files): the
damaged file is kept aside and logged, queued results are still delivered, check-ins go on."""
from __future__ import annotations

import logging
import os

import pytest

from kiosk.tools import checkin
from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.store import open_audit_store

pytestmark = pytest.mark.e2e


def check_in(data, out) -> int:
    return checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(out),
                         "--data", str(data), "--inprocess"])


def damage(path) -> None:
    for leftover in path.parent.glob(f"{path.name}-*"):
        leftover.unlink()
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))


@pytest.mark.expect_log('sqlite was damaged .*kept as')   # the damage it makes on purpose
@pytest.mark.parametrize("store", ["audit.sqlite", "outbox.sqlite"])
def test_a_damaged_store_is_kept_aside_and_check_ins_go_on(tmp_path, store, caplog):
    data, out = tmp_path / "data", tmp_path / "results"
    blocked = tmp_path / "share-gone"
    blocked.write_text("not a folder", encoding="utf-8")
    check_in(data, blocked)                      # one result waits in the outbox
    if store == "outbox.sqlite":
        check_in(data, out)                      # delivered; its row in the outbox is history now
    damage(data / store)
    with caplog.at_level(logging.ERROR, logger="kiosk.store"):
        assert check_in(data, out) == 0          # no traceback: a check-in, written
    results = [p for p in out.iterdir() if RESULT_FILE_PATTERN.match(p.name)]
    assert len(results) == (2 if store == "audit.sqlite" else 3)   # the queued one delivered too
    assert len(list(data.glob(f"{store}.damaged-*Z"))) == 1
    assert any(f"{store} was damaged" in r.getMessage() for r in caplog.records)
    assert open_audit_store(90, data).checkins()  # the audit records again
