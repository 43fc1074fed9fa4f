"""A result sink on real folders for the result tests."""
from __future__ import annotations

from pathlib import Path

from kiosk.results.outbox import ResultSink
from kiosk.store.cipher import FieldCipher

INSTITUTION = "1311111111"
OPENED: list[ResultSink] = []   # the sinks a test opened itself; closed after it (tests/conftest.py)


def opened(sink: ResultSink) -> ResultSink:
    """`sink`, to be closed when the test ends, as the kiosk closes its own when it stops."""
    OPENED.append(sink)
    return sink


def make_sink(base: Path, kiosk_tag: str = "a1b2c3", encoding: str = "utf-8", **options) -> ResultSink:
    """A sink writing into ``base/share`` with its outbox and key under ``base/data``."""
    return opened(ResultSink(base / "share", base / "data" / "outbox.sqlite", INSTITUTION, encoding,
                      kiosk_tag, FieldCipher.from_key_file(base / "data" / "store.key"),
                             **options))
