"""Fixtures and marks for every test folder."""
from __future__ import annotations

import sys

import pytest

from tests.windows_semantics import windows  # noqa: F401  (Windows file behaviour on Linux)

POSIX_FIXTURES = {"private_pcscd"}   # pcscd and vpcd run on Linux only; Windows has WinSCard


def posix_only(marks: set[str], fixtures: set[str]) -> bool:
    return "posix" in marks or bool(fixtures & POSIX_FIXTURES)


def pytest_collection_modifyitems(config, items):
    if sys.platform != "win32":
        return
    skip = pytest.mark.skip(reason="POSIX only (mark posix); the windows fixture's tests cover Windows")
    for item in items:
        if posix_only({m.name for m in item.iter_markers()}, set(getattr(item, "fixturenames", ()))):
            item.add_marker(skip)
