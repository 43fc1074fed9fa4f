"""The self-test on the panel: kiosk.tools.selftest's checks run one after another on a worker thread,
each line appearing as its check ends (a hung part fails on its own time limit)."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from kiosk.tools.selftest import CHECKS, FAILED, CheckResult, line_of, passed, run_check
from kiosk.tools.selftest_checks import SelftestSetup
from ui.screens.base import button, label
from ui.staff.words import both


class _Lines(QObject):
    line = Signal(object)        # a CheckResult, delivered on the GUI thread
    finished = Signal(bool)      # all passed


class SelftestPage(QWidget):
    def __init__(self, demo: bool, settings_path: Path | None = None) -> None:
        super().__init__()
        self.demo, self.settings_path = demo, settings_path
        self.results: list[CheckResult] = []
        self.signals = _Lines()
        self.signals.line.connect(self._add)
        self.signals.finished.connect(self._finish)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = label("staff_heading", both("自己診断", "Self-test"), centred=False)
        top.addWidget(self.summary, 1)
        self.run_button = button("primary_small", self.run)
        self.run_button.setText(both("自己診断を実行", "Run the self-test"))
        top.addWidget(self.run_button)
        layout.addLayout(top)
        self.lines = QListWidget()
        self.lines.setObjectName("staff_lines")
        self.lines.setWordWrap(True)
        layout.addWidget(self.lines, 1)

    def run(self) -> None:
        self.run_button.setEnabled(False)
        self.lines.clear()
        self.results = []
        self.summary.setText(both("実行中…", "Running…"))
        threading.Thread(target=self._work, name="staff-selftest", daemon=True).start()

    def _work(self) -> None:
        setup = SelftestSetup(self.demo, self.settings_path)
        results = []
        for check in CHECKS:
            results.append(run_check(check, setup))
            self.signals.line.emit(results[-1])
        self.signals.finished.emit(passed(results))

    def _add(self, result: CheckResult) -> None:
        self.results.append(result)
        self.lines.addItem(line_of(result))
        if result.status == FAILED:
            self.lines.item(self.lines.count() - 1).setForeground(QColor("#b3261e"))

    def _finish(self, all_passed: bool) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText(both("すべて正常です", "All checks passed") if all_passed else
                             both("異常があります", "Some checks failed"))
