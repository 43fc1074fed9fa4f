"""The root of the test suite: fixtures shared across packages come in as plugins (never imported
by name), and every test runs under guards that fail it when it leaves threads or Qt timers
running or logs a WARNING it did not declare (`@pytest.mark.expect_log("pattern")`), the
end-to-end and built-folder tests (markers e2e, dist) too."""
from __future__ import annotations

import logging
import re
import sys
import threading
import time

import pytest

pytest_plugins = ["reader.testing.fixtures", "pytester",
                  "tests.windows_semantics"]   # the `windows` fixture: Windows file behaviour on Linux


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if sys.platform != "win32":
        return
    from tests.posix import posix_only    # here: the guards' own test copies this file elsewhere
    skip = pytest.mark.skip(reason="POSIX only (mark posix); the windows fixture's tests cover Windows")
    for item in items:
        if posix_only({m.name for m in item.iter_markers()}, set(getattr(item, "fixturenames", ()))):
            item.add_marker(skip)


THREAD_GRACE = 2.0   # seconds a thread may take to finish once its test is done (joined, not slept)

# Threads that outlive one test by design: the shared private pcscd's helpers and the library
# pools that live for the whole process.
LONG_LIVED_THREADS = re.compile(r"^(pcscd-|ThreadPoolExecutor-\d+_\d+$|asyncio_|QDBusConnection|"
                                r"Dummy-|onnxruntime|pymp-|Thread-\d+ \(_handle_workers\)|"
                                r"Thread-\d+ \(_handle_tasks\)|Thread-\d+ \(_handle_results\))")

# WARNING logs that are the machine's, not the code's: no sound server, no video hardware, the
# offscreen platform (the same as qt_log_ignore in pyproject.toml).
EXPECTED_EVERYWHERE = re.compile(
    r"propagateSizeHints|Couldn't (load|resolve) (va|pipewire)|PulseAudioService|"
    r"no audio output|pa_context_connect")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expect_log(*patterns): WARNING (or worse) log lines this test provokes on purpose")
    config.addinivalue_line(
        "markers", "leaves_threads(reason): the test hands a running thread to a later one on purpose")


@pytest.fixture(autouse=True)
def no_threads_left(request: pytest.FixtureRequest):
    before = set(threading.enumerate())
    yield
    if request.node.get_closest_marker("leaves_threads"):
        return
    deadline = time.monotonic() + THREAD_GRACE
    left = []
    for thread in threading.enumerate():
        if thread in before or LONG_LIVED_THREADS.match(thread.name):
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            left.append(thread.name)
    if left:
        pytest.fail(f"threads still running after the test: {left}", pytrace=False)


@pytest.fixture(autouse=True)
def close_result_sinks(no_threads_left):
    """Close the result sinks a test opened itself (tests.results.sinks.opened) before the thread
    guard looks: their share worker ends with them. A kiosk closes its own in Kiosk.stop."""
    yield
    from tests.results.sinks import OPENED
    while OPENED:
        OPENED.pop().close()


def _active_qt_timers() -> dict[int, str]:
    """Every active QTimer owned by the application or a widget, by its C++ address."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken
    app = QApplication.instance()
    if app is None:
        return {}
    owners = [app, *QApplication.allWidgets()]
    return {Shiboken.getCppPointer(timer)[0]:
            f"{type(owner).__name__}.{timer.objectName() or 'QTimer'} ({timer.interval()} ms)"
            for owner in owners for timer in owner.findChildren(QTimer) if timer.isActive()}


@pytest.fixture(autouse=True)
def no_qt_timers_left(request: pytest.FixtureRequest):
    """Checks after pytest-qt has closed the test's widgets; timers of a window a module-scoped
    fixture keeps open across tests were running before the test and are not the test's."""
    uses_qt = "qtbot" in request.fixturenames
    before = _active_qt_timers() if uses_qt else {}
    yield
    if not uses_qt:
        return
    running = sorted(name for address, name in _active_qt_timers().items() if address not in before)
    if running:
        pytest.fail(f"Qt timers still running after the test: {running}", pytrace=False)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_unexpected_warning_logs(request: pytest.FixtureRequest):
    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    try:
        yield
    finally:
        root.removeHandler(collect)
    allowed = [re.compile(p) for mark in request.node.iter_markers("expect_log") for p in mark.args]
    unexpected = []
    for record in collect.records:
        line = f"{record.name}: {record.getMessage()}"
        if not EXPECTED_EVERYWHERE.search(line) and not any(p.search(line) for p in allowed):
            unexpected.append(f"{record.levelname} {line}")
    if unexpected:
        pytest.fail("unexpected log lines (declare them with @pytest.mark.expect_log):\n  "
                    + "\n  ".join(unexpected[:20]), pytrace=False)
