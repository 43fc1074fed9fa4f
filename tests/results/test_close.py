"""A result sink closes with its kiosk: its share worker thread ends, a hung share cannot hold the
stop for longer than the time limit, and what was queued waits in the outbox for the next start."""
from __future__ import annotations

import threading
import time

import pytest

from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.results.share import ShareUnavailable
from tests.results.outcomes import outcome_for
from tests.results.sinks import make_sink
from tests.results.hung_share import release, sink_with_a_hung_share, within


def share_workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "share-calls"]


def test_a_closed_sink_leaves_no_thread(tmp_path, share):
    sink = make_sink(tmp_path)
    assert sink.write(outcome_for("valid_adult")).written
    assert share_workers(), "the share's worker runs while the sink is open"
    sink.close()
    assert share_workers() == []
    with pytest.raises(ShareUnavailable):       # nothing starts a new worker after the close
        sink._share(time.time)
    sink.close()                                # a second close is harmless


def test_close_with_a_hung_share_returns_within_its_time_limit(tmp_path, share):
    sink, fifo = sink_with_a_hung_share(tmp_path, share)
    try:
        assert within(5, sink.deliver_pending).queued == 1     # the worker now hangs in open()
        started = time.monotonic()
        within(5, sink.close)
        assert time.monotonic() - started < 1.5
    finally:
        release(fifo)
    for worker in share_workers():      # the share answered: the left-over call ends, then its thread
        worker.join(5)
    assert share_workers() == []


def test_results_queued_before_close_are_in_the_outbox_after_a_restart(tmp_path, share):
    share.rename(tmp_path / "away")                         # the share is down
    sink = make_sink(tmp_path)
    queued = [sink.write(outcome_for(p)).file_name for p in ("valid_adult", "iphone")]
    sink.close()
    (tmp_path / "away").rename(share)                        # back before the kiosk starts again
    restarted = make_sink(tmp_path)
    assert restarted.status().queued == 2
    assert restarted.deliver_pending().queued == 0
    assert sorted(p.name for p in share.iterdir() if RESULT_FILE_PATTERN.match(p.name)) == sorted(queued)
