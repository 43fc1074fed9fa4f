"""The face matcher is loaded after the kiosk starts, on a worker thread, and stopping waits for it."""
from __future__ import annotations

import threading

import pytest

from kiosk.adapters.face import LazyMatcher


class Matcher:
    def __init__(self):
        self.detected = 0

    def detect(self, frame):
        self.detected += 1
        return []


def test_nothing_is_loaded_until_first_use_and_once_only():
    loads = []
    lazy = LazyMatcher(lambda: loads.append(1) or Matcher())
    assert loads == []
    assert lazy.detect(None) == [] and lazy.detect(None) == []
    assert loads == [1] and lazy.loaded().detected == 2


def test_warming_loads_on_a_worker_thread_and_settle_waits_for_it():
    release, threads = threading.Event(), []

    def slow_load():
        threads.append(threading.current_thread().name)
        release.wait(5)
        return Matcher()
    lazy = LazyMatcher(slow_load)
    warming = lazy.warm_in_background()
    assert warming.is_alive()
    threading.Timer(0.2, release.set).start()
    lazy.settle()
    assert not warming.is_alive() and threads == ["face models"]
    assert isinstance(lazy.loaded(), Matcher)


@pytest.mark.expect_log(r"the face model pack did not load")
def test_a_pack_that_fails_fails_each_use(caplog):
    def broken():
        raise RuntimeError("pack.toml: sha256 mismatch")
    lazy = LazyMatcher(broken)
    lazy.warm_in_background()
    lazy.settle()
    assert "did not load" in caplog.text
    with pytest.raises(RuntimeError, match="sha256"):
        lazy.detect(None)
