"""Which tests need POSIX (mode bits, /proc, fork, the private pcscd): skipped on Windows."""
from __future__ import annotations

POSIX_FIXTURES = {"private_pcscd"}   # pcscd and vpcd run on Linux only; Windows has WinSCard


def posix_only(marks: set[str], fixtures: set[str]) -> bool:
    return "posix" in marks or bool(fixtures & POSIX_FIXTURES)
