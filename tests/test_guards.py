"""The root conftest's guards fail a test that leaves a Qt timer or a thread running or logs an
undeclared WARNING, and let a declared one pass (run on a throw-away test file); the end-to-end
and built-folder tests (markers e2e, dist) are guarded alike."""
from __future__ import annotations

from pathlib import Path

PROBES = '''
import logging
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

KEPT = []


def test_leaves_a_timer(qtbot):
    widget = QWidget()
    QTimer(widget).start(1000)
    KEPT.append(widget)


def test_stops_its_timer(qtbot):
    widget = QWidget()
    timer = QTimer(widget)
    timer.start(1000)
    timer.stop()


def test_leaves_a_thread():
    threading.Thread(target=threading.Event().wait, args=(10,), name="probe", daemon=True).start()


def test_logs_a_warning():
    logging.getLogger("kiosk.probe").warning("something odd")


@pytest.mark.expect_log("something odd")
def test_logs_a_declared_warning():
    logging.getLogger("kiosk.probe").warning("something odd")


@pytest.mark.e2e
def test_e2e_leaves_a_thread():
    threading.Thread(target=threading.Event().wait, args=(10,), name="probe", daemon=True).start()


@pytest.mark.dist
def test_dist_logs_a_warning():
    logging.getLogger("kiosk.probe").warning("something odd")


@pytest.mark.e2e
def test_e2e_leaves_a_timer(qtbot):
    widget = QWidget()
    QTimer(widget).start(1000)
    KEPT.append(widget)


def test_warns():
    import warnings
    warnings.warn("deprecated thing", DeprecationWarning)
'''


def test_the_guards_fail_what_a_test_leaves_behind(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parents[1]))   # the plugins the conftest names
    pytester.makeconftest((Path(__file__).with_name("conftest.py")).read_text(encoding="utf-8"))
    pytester.makepyfile(test_probes=PROBES)
    pytester.makeini("[pytest]\nqt_api = pyside6\nfilterwarnings = error\nmarkers =\n    e2e\n    dist\n")
    result = pytester.runpytest_subprocess("-rA", "-p", "no:cacheprovider")
    outcomes = {line.split()[1].split("::")[-1]: line.split()[0] for line in result.outlines
                if line.startswith(("PASSED", "FAILED", "ERROR"))}
    assert outcomes["test_stops_its_timer"] == "PASSED"
    assert outcomes["test_logs_a_declared_warning"] == "PASSED"
    assert outcomes["test_leaves_a_timer"] == "ERROR"       # failed at teardown by the guard
    assert outcomes["test_leaves_a_thread"] == "ERROR"
    assert outcomes["test_logs_a_warning"] == "ERROR"
    assert outcomes["test_e2e_leaves_a_thread"] == "ERROR"
    assert outcomes["test_dist_logs_a_warning"] == "ERROR"
    assert outcomes["test_e2e_leaves_a_timer"] == "ERROR"
    assert outcomes["test_warns"] == "FAILED"               # warnings are errors
