"""A writer process killed with SIGKILL at random points, again and again: no reader ever sees a
partial result file, and after a restart every committed result exists exactly once.

Writers start from a fork server (a clean single-threaded process with the modules loaded), not by
forking this test process: a fork of a process with threads (Qt, pcscd helpers) can inherit a lock
held mid-call and hang."""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from kiosk.results.naming import RESULT_FILE_PATTERN
from tests.results.sinks import make_sink
from tests.results.outcomes import outcome_for
from tests.results.parse import parse_result

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
WRITERS = multiprocessing.get_context("forkserver") if hasattr(os, "fork") else None
if WRITERS is not None:
    WRITERS.set_forkserver_preload(["kiosk.results", "tests.results.conftest", "tests.results.outcomes"])

RUNS = 200
WRITES_PER_RUN = 4
OUTCOMES = [outcome_for(p) for p in ("valid_adult", "iphone", "not_insured", "grace_expired")]


def run_writer(base: Path, acknowledged_file: Path, die_at_call: int | None = None) -> None:
    """The child: start like the kiosk (finish what is queued), then write results, telling the
    parent each file name ``write`` returned (one line each, appended). With ``die_at_call`` it kills itself at that
    file-system step instead of waiting for the parent's SIGKILL."""
    if die_at_call is not None:  # this process is thrown away: patch os itself
        calls = iter(range(1, 1000))

        def fatal(real):
            def step(*args):
                if next(calls) == die_at_call:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args)
            return step
        os.fsync, os.replace = fatal(os.fsync), fatal(os.replace)
    acknowledged = os.open(acknowledged_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        sink = make_sink(base)
        sink.deliver_pending()
        for index in range(WRITES_PER_RUN):
            name = sink.write(OUTCOMES[index % len(OUTCOMES)]).file_name
            os.write(acknowledged, f"{name}\n".encode())
    finally:
        os._exit(0)


def spawn(base: Path, kill_after_s: float | None, die_at_call: int | None = None) -> list[str]:
    """Run one writer; return the file names it acknowledged before it died."""
    acknowledged = base / "acknowledged.txt"
    acknowledged.unlink(missing_ok=True)
    writer = WRITERS.Process(target=run_writer, args=(base, acknowledged, die_at_call))
    writer.start()
    if kill_after_s is not None:
        time.sleep(kill_after_s)
        writer.kill()
    writer.join(20.0)
    if writer.exitcode is None:
        writer.kill()
        pytest.fail("the writer process hung")
    lines = acknowledged.read_text().split("\n") if acknowledged.exists() else [""]
    return [line for line in lines[:-1]]  # a line cut by the kill has no newline


def assert_no_partial_result(share: Path) -> bool:
    """Every file a reader would take parses; True if a crash left a hidden temporary file."""
    leftovers = False
    for path in share.iterdir():
        if RESULT_FILE_PATTERN.match(path.name):
            parse_result(path.read_bytes())  # a partial file would not parse
        else:
            leftovers = True
    return leftovers


def assert_exactly_once(base: Path, share: Path, acknowledged: set[str]) -> None:
    restarted = make_sink(base)
    assert restarted.deliver_pending().queued == 0
    committed = {row["file_name"] for row in restarted._db["outbox"].rows}
    on_disk = sorted(share.iterdir())
    assert [p for p in on_disk if not RESULT_FILE_PATTERN.match(p.name)] == []  # no temporaries
    assert {p.name for p in on_disk} == committed
    assert acknowledged <= committed
    identifiers = [parse_result(p.read_bytes()).findtext("MessageHeader/ArbitraryFileIdentifier")
                   for p in on_disk]
    assert len(set(identifiers)) == len(on_disk)  # no result written twice under two names


def test_sigkill_at_random_points(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    make_sink(tmp_path)  # create the outbox and key once, as installation would
    acknowledged, full_runs_s = set(), []
    for _ in range(3):  # a few full runs: how long a run takes on this machine now
        started = time.monotonic()
        acknowledged |= set(spawn(tmp_path, None))
        full_runs_s.append(time.monotonic() - started)
    full_run_s = sorted(full_runs_s)[1]
    rng = random.Random(20261123)
    crashes_mid_write = 0
    for _ in range(RUNS):
        acknowledged |= set(spawn(tmp_path, rng.uniform(0, full_run_s)))
        crashes_mid_write += assert_no_partial_result(share)
    assert_exactly_once(tmp_path, share, acknowledged)
    assert crashes_mid_write >= RUNS // 20, "the kills should often land inside a file write"


@pytest.mark.parametrize("die_at_call", range(1, 3 * 2 + 2))
def test_sigkill_at_every_file_system_step(tmp_path, die_at_call):
    """Steps per write: fsync(temporary), replace, fsync(folder); kill at each, over two writes."""
    share = tmp_path / "share"
    share.mkdir()
    make_sink(tmp_path)  # the key exists before: its creation would be one more fsync
    acknowledged = set(spawn(tmp_path, None, die_at_call))
    assert len(acknowledged) == (die_at_call - 1) // 3
    assert_no_partial_result(share)
    assert_exactly_once(tmp_path, share, acknowledged)
