"""What grows per check-in, by kind: the soak's window and visits, measured before and after a run.

    .venv/bin/python -m bench.soak_growth [check-ins] [warm-up]

After the warm-up: Python objects by type (gc), Qt objects under the window and QTimers, threads,
open sqlite connections, logging handlers, lru_cache entries; the Python heap by source line
(tracemalloc, started after the warm-up so it sees only what the measured check-ins left behind);
and the C allocator (glibc mallinfo2: bytes in use and bytes free but kept by the arenas), to tell
memory the program holds from memory the allocator keeps. Linux, glibc.
"""
from __future__ import annotations

import _sqlite3
import collections
import ctypes
import functools
import gc
import logging
import sqlite3
import sys
import threading
import tracemalloc

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from bench.soak import allocator_mb, one_visit, rss_mb, soak_window


def sqlite_mb() -> float:
    """What SQLite's own allocator holds (its page caches grow with the audit and outbox files,
    up to each connection's cache_size), from the library the sqlite3 module links."""
    used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return used() / 2**20


def counts(window) -> collections.Counter:
    """How many of each thing the process holds now."""
    gc.collect()
    objects = gc.get_objects()
    found: collections.Counter = collections.Counter(type(o).__qualname__ for o in objects)
    children = window.findChildren(QObject)
    found["(Qt) objects under the window"] = len(children)
    found.update(collections.Counter(f"(Qt) {c.metaObject().className()}" for c in children))
    found["(Qt) top-level widgets"] = len(QApplication.topLevelWidgets())
    found["(Qt) QTimers under the app and window"] = (len(window.findChildren(QTimer))
                                                      + len(QApplication.instance().findChildren(QTimer)))
    found["(threads)"] = threading.active_count()
    found["(sqlite connections)"] = sum(isinstance(o, sqlite3.Connection) for o in objects)
    found["(logging handlers)"] = sum(len(getattr(lg, "handlers", ())) for lg in
                                      [logging.getLogger(), *logging.Logger.manager.loggerDict.values()])
    found["(lru_cache entries)"] = sum(o.cache_info().currsize for o in objects
                                       if isinstance(o, functools._lru_cache_wrapper))
    return found


def report(before: collections.Counter, after: collections.Counter, visits: int, top: int = 25) -> None:
    grown = sorted(((after[k] - before[k], k) for k in after.keys() | before.keys()
                    if after[k] != before[k]), reverse=True)
    print(f"\nobjects that changed in count over {visits} check-ins (per check-in):")
    for change, kind in grown[:top]:
        print(f"  {change:+8d} ({change / visits:+7.2f})  {kind}  [{before[kind]} -> {after[kind]}]")
    named = [k for k in after.keys() | before.keys()
             if k.startswith("(") and (not k.startswith("(Qt) Q") or after[k] != before[k])]
    print("\nthe kiosk's own counts:")
    for kind in sorted(named):
        print(f"  {kind:42s} {before[kind]:6d} -> {after[kind]:6d}")


def main(visits: int = 200, warm_up: int = 100) -> int:
    """`warm_up` check-ins, then `visits` measured by counts and the allocator, then `visits` more
    under tracemalloc (which costs memory of its own, so the first figures are taken without it)."""
    app, window, kiosk, tray = soak_window()
    try:
        for index in range(1, warm_up + 1):
            one_visit(app, window, tray, "face" if index % 3 == 0 else "pin")
        counts(window)    # the first call makes Python wrappers of Qt objects: not growth
        before, rss_before, heap_before, sqlite_before = counts(window), rss_mb(), allocator_mb(), sqlite_mb()
        for index in range(1, visits + 1):
            one_visit(app, window, tray, "face" if index % 3 == 0 else "pin")
        after, rss_after, heap_after, sqlite_after = counts(window), rss_mb(), allocator_mb(), sqlite_mb()
        tracemalloc.start(8)
        first = tracemalloc.take_snapshot()
        for index in range(1, visits + 1):
            one_visit(app, window, tray, "face" if index % 3 == 0 else "pin")
        gc.collect()
        last = tracemalloc.take_snapshot()
        traced = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    finally:
        kiosk.stop()
    report(before, after, visits)
    print(f"\nRSS {rss_before:.1f} -> {rss_after:.1f} MB ({rss_after - rss_before:+.1f}); C allocator "
          f"(malloc, all arenas): in use {heap_before[0]:.1f} -> {heap_after[0]:.1f} MB, free but kept "
          f"{heap_before[1]:.1f} -> {heap_after[1]:.1f} MB, mmapped {heap_before[2]:.1f} -> "
          f"{heap_after[2]:.1f} MB, of which SQLite {sqlite_before:.2f} -> {sqlite_after:.2f} MB")
    stats = last.compare_to(first, "traceback")
    print(f"\nthen {visits} more under tracemalloc: Python heap left behind {traced / 2**20:.2f} MB "
          f"({traced / visits / 1024:.1f} KB a check-in); the biggest places:")
    for stat in stats[:8]:
        print(f"  {stat.size_diff / 1024:+9.1f} KB {stat.count_diff:+6d} blocks")
        for line in stat.traceback.format()[-6:]:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:3])))
