"""The kiosk sets glibc's allocator so that large freed blocks go back to the system (bench/soak.py
measured the difference): after a large block is freed, the next one is still mapped on its own
instead of being carved from a heap that keeps it. glibc's own accounting (mallinfo2) is the
witness; each case runs in a fresh interpreter, as the kiosk's process starts."""
from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import ctypes, sys
from kiosk.config.platform_calls import limit_allocator_growth

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks",
                "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
def mapped_mb():
    return libc.mallinfo2().hblkhd / 2**20

if sys.argv[1] == "limited":
    assert limit_allocator_growth()
block = bytearray(8 * 2**20)      # mapped on its own under any setting (above 128 KB)
del block                         # glibc's default now serves blocks this size from its heap
before = mapped_mb()
block = bytearray(8 * 2**20)
print(mapped_mb() - before)  # MB mapped on their own for the second block
"""


def mapped_for_second_block(mode: str) -> float:
    run = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, encoding="ascii",
                         timeout=60, check=True)
    return float(run.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_large_blocks_are_returned_to_the_system_after_the_first_free():
    assert mapped_for_second_block("default") < 1      # the witness: glibc's default keeps it
    assert mapped_for_second_block("limited") >= 8
