"""Issue 17, fault 7: a hung share (a FIFO at the temporary file's path stands in for a server that
never answers) makes results queue within the time limit; it never blocks a check-in or the start."""
from __future__ import annotations

import os
import time

import pytest

from kiosk.tools import checkin
from kiosk.results.naming import RESULT_FILE_PATTERN
from tests.results.hung_share import hang_the_share_for, release, sink_with_a_hung_share, within
from tests.results.outcomes import outcome_for


def test_a_hung_share_queues_results_within_the_time_limit(tmp_path, share):
    sink, fifo = sink_with_a_hung_share(tmp_path, share)
    try:
        status = within(5, sink.deliver_pending)
        assert status.queued == 1 and "not answering" in status.last_error
        started = time.monotonic()
        delivery = within(5, lambda: sink.write(outcome_for("iphone")))   # a check-in meanwhile
        assert not delivery.written and time.monotonic() - started < 2
    finally:
        release(fifo)
    os.unlink(fifo)
    time.sleep(0.3)
    assert within(10, sink.deliver_pending).queued == 0
    assert len([p for p in share.iterdir() if RESULT_FILE_PATTERN.match(p.name)]) == 2


@pytest.mark.e2e   # a whole headless check-in
def test_a_hung_share_does_not_block_the_start_or_a_check_in(tmp_path):
    data, out = tmp_path / "data", tmp_path / "results"
    out.mkdir()
    away = tmp_path / "away"
    checkin.main(["--persona", "valid_adult", "--pin", "1234", "--out", str(away / "missing"),
                  "--data", str(data), "--inprocess"])
    from kiosk.store import open_audit_store
    [queued] = open_audit_store(90, data).queued_result_files()
    fifo = hang_the_share_for(out, queued)
    try:
        within(60, lambda: checkin.main(["--persona", "iphone", "--out", str(out), "--data",
                                         str(data), "--inprocess"]))
    finally:
        release(fifo)
