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

# e2e: real writer processes killed hundreds of times (about a minute of fork and SIGKILL)
pytestmark = [pytest.mark.e2e, pytest.mark.posix, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")]
WRITERS = multiprocessing.get_context("forkserver") if hasattr(os, "fork") else None
if WRITERS is not None:
    WRITERS.set_forkserver_preload(["kiosk.results", "tests.results.conftest", "tests.results.outcomes"])

RUNS = 200
WRITES_PER_RUN = 4
OUTCOMES = [outcome_for(p) for p in ("valid_adult", "iphone", "not_insured", "grace_expired")]


def die_at(call: int | None) -> None:
    """Kill this (thrown-away) process at its ``call``-th fsync or replace: patch os itself."""
    if call is None:
        return
    calls = iter(range(1, 1000))

    def fatal(real):
        def step(*args):
            if next(calls) == call:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args)
        return step
    os.fsync, os.replace = fatal(os.fsync), fatal(os.replace)


def run_writer(base: Path, acknowledged_file: Path, die_at_call: int | None = None,
               retarget_to: Path | None = None) -> None:
    """The child: start like the kiosk (finish what is queued), then write results, telling the
    parent each file name ``write`` returned (one line each, appended). With ``die_at_call`` it
    kills itself at that file-system step instead of waiting for the parent's SIGKILL. With
    ``retarget_to``, staff move the result folder there halfway."""
    die_at(die_at_call)
    acknowledged = os.open(acknowledged_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        sink = make_sink(base)
        sink.deliver_pending()
        for index in range(WRITES_PER_RUN):
            if retarget_to is not None and index == WRITES_PER_RUN // 2:
                sink.retarget(retarget_to, "1311111111", "utf-8")
                sink.deliver_pending()
            name = sink.write(OUTCOMES[index % len(OUTCOMES)]).file_name
            os.write(acknowledged, f"{name}\n".encode())
    finally:
        os._exit(0)


def spawn(base: Path, kill_after_s: float | None, die_at_call: int | None = None,
          retarget_to: Path | None = None) -> list[str]:
    """Run one writer; return the file names it acknowledged before it died."""
    acknowledged = base / "acknowledged.txt"
    acknowledged.unlink(missing_ok=True)
    writer = WRITERS.Process(target=run_writer, args=(base, acknowledged, die_at_call, retarget_to))
    writer.start()
    if kill_after_s is not None:
        time.sleep(kill_after_s)
        writer.kill()
    writer.join(20.0)
    if writer.exitcode is None:
        writer.kill()
        pytest.fail("the writer process hung")
    lines = acknowledged.read_text(encoding="utf-8").split("\n") if acknowledged.exists() else [""]
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


def run_deliverer(base: Path, die_at_call: int) -> None:
    """The child: a kiosk starting with results queued, delivering them, killed at one step."""
    die_at(die_at_call)
    try:
        make_sink(base).deliver_pending()
    finally:
        os._exit(0)


def test_sigkill_while_delivering_queued_results(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    sink = make_sink(tmp_path)
    share.rename(tmp_path / "share-offline")
    queued = {sink.write(OUTCOMES[i % len(OUTCOMES)]).file_name for i in range(8)}
    sink._db.conn.close()
    (tmp_path / "share-offline").rename(share)
    rng = random.Random(20261203)
    for _ in range(40):                        # 8 results × 3 steps: kills land all over
        deliverer = WRITERS.Process(target=run_deliverer, args=(tmp_path, rng.randint(1, 4)))
        deliverer.start()
        deliverer.join(20.0)
        assert deliverer.exitcode is not None, "the deliverer hung"
        assert_no_partial_result(share)
    assert_exactly_once(tmp_path, share, queued)
    assert {p.name for p in share.iterdir()} == queued


def test_sigkill_during_a_retarget(tmp_path):
    """Staff move the result folder while results are being written; kills at every step. After
    the restart (on the new folder) each result is in exactly one of the two folders, whole, and
    no temporary file is left in either."""
    old, new = tmp_path / "share", tmp_path / "share-new"
    old.mkdir()
    new.mkdir()
    make_sink(tmp_path)
    acknowledged: set[str] = set()
    for die_at_call in range(1, 3 * WRITES_PER_RUN + 2):
        acknowledged |= set(spawn(tmp_path, None, die_at_call, retarget_to=new))
        assert_no_partial_result(old)
        assert_no_partial_result(new)
    restarted = make_sink(tmp_path)
    restarted.retarget(new, "1311111111", "utf-8")
    assert restarted.deliver_pending().queued == 0
    committed = {row["file_name"] for row in restarted._db["outbox"].rows}
    in_old, in_new = ({p.name for p in folder.iterdir()} for folder in (old, new))
    assert all(RESULT_FILE_PATTERN.match(name) for name in in_old | in_new)   # no temporaries
    assert not in_old & in_new and in_old | in_new == committed and acknowledged <= committed
    identifiers = [parse_result((folder / name).read_bytes()).findtext(
        "MessageHeader/ArbitraryFileIdentifier") for folder, names in ((old, in_old), (new, in_new))
        for name in names]
    assert len(set(identifiers)) == len(committed)
