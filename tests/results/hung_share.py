"""A hung share for tests: a FIFO at a result's temporary path stands in for a server that never
answers (opening it to write blocks until a reader comes)."""
from __future__ import annotations

import os
import threading
import time

from kiosk.results.naming import temporary_name
from tests.results.outcomes import outcome_for
from tests.results.sinks import make_sink


def within(seconds: float, work):
    """``work()``'s answer, or a failure when it has not returned after ``seconds``."""
    answer: list = []
    worker = threading.Thread(target=lambda: answer.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert answer, f"still blocked after {seconds} s: a hung share blocked the caller"
    return answer[0]


def hang_the_share_for(share, name) -> str:
    fifo = share / temporary_name(name)
    os.mkfifo(fifo)              # opening it to write blocks until a reader comes: a hung share
    return str(fifo)


def release(fifo: str) -> None:
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # lets the blocked open return
    time.sleep(0.2)
    os.close(reader)


def sink_with_a_hung_share(tmp_path, share):
    """(sink, fifo): one result queued while the share was away, and its temporary file's path
    now hangs whoever opens it."""
    sink = make_sink(tmp_path, share_time_limit_s=0.5)
    share.rename(tmp_path / "away")
    queued = sink.write(outcome_for("valid_adult")).file_name
    (tmp_path / "away").rename(share)
    return sink, hang_the_share_for(share, queued)
