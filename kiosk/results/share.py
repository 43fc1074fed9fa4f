"""The receipt computer's folder, usually a network share mounted at a fixed path. The kiosk never
creates it: a missing folder, or a mount point with nothing mounted on it, means the share is
unavailable, and results wait in the outbox until it is back."""
from __future__ import annotations

import errno
import os
import time
import queue
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_Call = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]   # what the worker is handed


class ShareUnavailable(OSError):
    """The result folder is missing, or its share is not mounted: results wait in the outbox."""

    def __init__(self, message: str):
        super().__init__(errno.ENOENT, message)


def check_share(folder: Path, mount: Path | None = None) -> None:
    """Raise ShareUnavailable unless ``folder`` is an existing folder and, when the vendor named
    the share's ``mount`` point, something is mounted there and ``folder`` lies on it."""
    if mount is not None:
        if not os.path.ismount(mount):
            raise ShareUnavailable(f"share unavailable: nothing is mounted at {mount}")
        if not Path(os.path.abspath(folder)).is_relative_to(os.path.abspath(mount)):
            raise ShareUnavailable(f"share unavailable: {folder} is not on the share at {mount}")
    if not os.path.isdir(folder):
        raise ShareUnavailable(f"share unavailable: the result folder {folder} does not exist")


SHARE_TIME_LIMIT_S = 5.0
IDLE_S = 10.0


class ShareCalls:
    """Runs file-system calls on the share one at a time on a worker thread, each with a time
    limit, so a hung share (a dead SMB or NFS server) makes results queue instead of blocking a
    check-in, the start or a screen. A call past its limit is left running; until it returns,
    every further call fails at once (calls never overtake one another, so a late one cannot
    undo a newer one). `close()` ends the worker when the kiosk stops."""

    def __init__(self, time_limit_s: float = SHARE_TIME_LIMIT_S):
        self.time_limit_s = time_limit_s
        self._calls: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._hung: Future[Any] | None = None
        self._hung_since = 0.0
        self._closed = False

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        if self._hung is not None:
            if not self._hung.done():
                raise ShareUnavailable(f"share not answering: a call has been waiting for "
                                       f"{time.monotonic() - self._hung_since:.0f} s")
            self._hung = None
        started = time.monotonic()
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise ShareUnavailable("the result sink is closed")
            self._calls.put((future, function, args))
            if self._worker is None:   # a daemon: a share hung for good must not keep the kiosk from exiting
                self._worker = threading.Thread(target=self._work, name="share-calls", daemon=True)
                self._worker.start()
        try:
            return future.result(timeout=self.time_limit_s)
        except FutureTimeout:
            self._hung, self._hung_since = future, started
            raise ShareUnavailable(f"share not answering within {self.time_limit_s:g} s "
                                   f"({getattr(function, '__name__', 'call')})") from None

    def close(self) -> None:
        """End the worker once the calls queued before are served, waiting for it at most the time
        limit: a call hung on the share is left to its daemon thread, which ends when the share
        answers. Every later call fails with ShareUnavailable."""
        with self._lock:
            self._closed = True
            worker = self._worker
            if worker is not None:
                self._calls.put(None)
        if worker is not None:
            worker.join(self.time_limit_s)

    def _work(self) -> None:
        """Serve calls; after IDLE_S without one, or at close, the thread ends (a new call starts
        another)."""
        while True:
            try:
                call = self._calls.get(timeout=IDLE_S)
            except queue.Empty:
                call = None
            if call is None:
                with self._lock:
                    if self._closed or self._calls.empty():
                        self._worker = None
                        return
                continue
            future, function, args = call
            try:
                future.set_result(function(*args))
            except BaseException as error:   # handed to the caller, as a thread pool would
                future.set_exception(error)
