"""Today's dashboard on the staff panel, from kiosk.staff.dashboard (plain audit columns only: no name,
birth date or photo can reach it): check-ins by outcome and by method, the face-to-PIN fallback,
the median time per step, problems by code, the result outbox with a retry button, and the CSV
export of the audit rows for a date range into a chosen folder."""
from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Mapping

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QValueAxis)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (QDateEdit, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLineEdit,
                               QScrollArea, QVBoxLayout, QWidget)

from kiosk.staff.dashboard import DayDashboard, day_dashboard, export_csv
from kiosk.results import OutboxStatus, ResultSink
from kiosk.results.layout import JST
from kiosk.store import AuditStore
from ui import worker
from ui.screens.base import button, label
from ui.staff.words import both
from ui.theme import JAPANESE_FONTS

OUTCOMES = {"written": "結果記録", "queued": "送信待ち", "unanswered": "同意未回答で記録",
            "problem": "エラー", "abandoned": "中断", "cancelled": "取消"}
METHODS = {"face": "顔認証", "pin": "暗証番号", "visual_check": "目視", "android": "Android",
           "iphone": "iPhone", "none": "なし"}


class BarChart(QChartView):
    """One bar per category; `horizontal` for long category names (the steps)."""

    def __init__(self, title: str, horizontal: bool = False) -> None:
        super().__init__()
        self.horizontal = horizontal
        self.chart_ = QChart()
        self.chart_.setTitle(title)
        self.chart_.legend().hide()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFixedHeight(270)

    def show_counts(self, counts: Mapping[str, float], names: dict[str, str] | None = None) -> None:
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if self.horizontal:
            counts = dict(reversed(list(counts.items())))   # the first category on top
        bars = QBarSet("")
        bars.setColor("#1d4f86")
        bars.setLabelColor("#111111")
        for value in counts.values():
            bars.append(value)
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([names.get(k, k) if names else k for k in counts] or ["—"])
        categories.setLabelsFont(QFont(list(JAPANESE_FONTS), 11))
        values = QValueAxis()
        top = max([*counts.values(), 1])
        values.setRange(0, top * 1.15)
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0)
        whole = all(float(v).is_integer() for v in counts.values())   # counts, not seconds
        step = max(1, round_step(top)) if whole else round_step(top)
        values.setTickInterval(step)
        values.setLabelFormat("%.0f" if step >= 1 else "%.1f" if step >= 0.1 else "%.2f")
        category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
                                     if self.horizontal else
                                     (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
        chart.addAxis(categories, category_side)
        chart.addAxis(values, value_side)
        series.attachAxis(categories)
        series.attachAxis(values)


def round_step(top: float) -> float:
    """A round tick interval (1, 2 or 5 times a power of ten) giving about four ticks up to top."""
    wanted = top / 4
    power = 10 ** math.floor(math.log10(wanted))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= wanted)


def outbox_line(status: OutboxStatus | None) -> str:
    if status is None:
        return both("送信待ちの結果: 不明", "Result outbox: unknown")
    if not status.alert:
        return both("送信待ちの結果: なし", "Result outbox: empty")
    lines = []
    if status.queued:
        oldest = status.oldest_queued_at.astimezone(JST).strftime("%H:%M") if status.oldest_queued_at else "?"
        lines.append(both(f"送信待ちの結果: {status.queued} 件 ({oldest} から)",
                          f"{status.queued} result(s) queued since {oldest}; last error: {status.last_error}"))
    if status.set_aside:
        lines.append(both(f"復号できない結果: {status.set_aside} 件 (保管済み、ログ参照)",
                          f"{status.set_aside} result(s) could not be decrypted: set aside, see the log"))
    if status.damage:
        lines.append(both("結果の保存ファイルが破損していたため、保管して新しく開始しました",
                          status.damage))
    return "\n".join(lines)


def audit_damage_line(damage: str | None) -> str | None:
    """The audit file was damaged at start: check-ins go on in a new one; staff should know."""
    return None if damage is None else both(
        "記録ファイルが破損していたため、保管して新しく記録しています", damage)


class DashboardPage(QWidget):
    drawn = Signal()            # the figures on screen are the ones just read

    def __init__(self, store: AuditStore, sink: Callable[[], ResultSink],
                 today: Callable[[], date] = lambda: datetime.now(JST).date()) -> None:
        super().__init__()
        self.store, self.sink, self.today = store, sink, today
        self.board: DayDashboard | None = None
        self.asked = 0              # refreshes asked for; only the latest is drawn
        content = QWidget()
        layout = QVBoxLayout(content)
        top = QHBoxLayout()
        self.summary = label("staff_heading", centred=False)
        top.addWidget(self.summary, 1)
        refresh = button("secondary_small", self.refresh)
        refresh.setText(both("更新", "Refresh"))
        top.addWidget(refresh)
        layout.addLayout(top)
        outbox = QHBoxLayout()      # first: a waiting result is what staff must act on
        self.outbox = label("staff_message", centred=False)
        outbox.addWidget(self.outbox, 1)
        self.retry = button("secondary_small", self.retry_outbox)
        self.retry.setText(both("再送する", "Retry now"))
        outbox.addWidget(self.retry)
        layout.addLayout(outbox)
        self.outcomes = BarChart(both("結果別", "By outcome"), horizontal=True)
        self.methods = BarChart(both("方法別", "By method"), horizontal=True)
        self.errors = BarChart(both("エラーコード別", "Problems by code"))
        self.steps = BarChart(both("手順ごとの所要時間 (中央値, 秒)", "Median seconds per step"),
                              horizontal=True)
        self.steps.setFixedHeight(420)     # a row per step, names in full
        charts = QGridLayout()
        for column, chart in enumerate((self.outcomes, self.methods, self.errors)):
            charts.addWidget(chart, 0, column)
        charts.addWidget(self.steps, 1, 0, 1, 3)
        layout.addLayout(charts)
        layout.addLayout(self._export_row())
        self.export_status = label("staff_help", centred=False)
        layout.addWidget(self.export_status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _export_row(self) -> QVBoxLayout:
        rows, row, second = QVBoxLayout(), QHBoxLayout(), QHBoxLayout()
        day = self.today()
        today = QDate(day.year, day.month, day.day)
        self.first_day, self.last_day = QDateEdit(today), QDateEdit(today)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.folder = QLineEdit(str(Path.home()))
        choose = button("secondary_small", self.choose_folder)
        choose.setText(both("フォルダ", "Folder"))
        export = button("primary_small", self.export)
        export.setText(both("CSV 書き出し", "Export CSV"))
        row.addWidget(label("staff_heading", both("記録の書き出し (CSV)", "Export audit rows (CSV)"),
                            centred=False), 1)
        for widget in (self.first_day, label("staff_help", "〜"), self.last_day):
            row.addWidget(widget)
        second.addWidget(self.folder, 1)
        second.addWidget(choose)
        second.addWidget(export)
        rows.addLayout(row)
        rows.addLayout(second)
        return rows

    def refresh(self) -> None:
        """Read the day's figures on a worker thread (10,000 rows take a good part of the 300 ms
        budget; the panel must not stall meanwhile), then draw them."""
        self.summary.setText(both("読み込み中…", "Loading…"))
        self.asked += 1
        asked = self.asked
        worker.submit(lambda: day_dashboard(self.store, self.today(), self.sink().status()),
                      lambda board: self._draw(board, asked))

    def _draw(self, board: DayDashboard | None, asked: int) -> None:
        if asked != self.asked:
            return                  # a newer refresh is on its way
        if board is None:
            self.summary.setText(both("記録を読めませんでした", "The audit rows could not be read"))
            return
        self.board = board
        rate = "—" if board.fallback_rate is None else f"{board.fallback_rate:.0%}"
        self.summary.setText(both(
            f"{board.day:%Y-%m-%d} 受付 {board.checkins} 件・顔認証から暗証番号へ {rate}",
            f"{board.checkins} check-ins; face → PIN fallback {rate}"))
        self.outcomes.show_counts(board.by_outcome, OUTCOMES)
        self.methods.show_counts(board.by_method, METHODS)
        self.errors.show_counts(dict(sorted(board.errors_by_code.items())))
        self.steps.show_counts({k: round(v, 2) for k, v in board.median_step_seconds.items()})
        self.outbox.setText("\n".join(filter(None, (outbox_line(board.outbox),
                                                     audit_damage_line(self.store.damage)))))
        self.retry.setEnabled(bool(board.outbox and board.outbox.alert))
        self.drawn.emit()

    def retry_outbox(self) -> None:
        self.retry.setEnabled(False)
        self.outbox.setText(both("再送しています…", "Retrying…"))
        worker.submit(lambda: self.sink().deliver_pending(), lambda _status: self.refresh())

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, both("書き出し先", "Export to"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def export(self) -> None:
        """Write the CSV on a worker thread (a long range is many rows: the panel must not stall)."""
        first, last = _day(self.first_day), _day(self.last_day)
        if last < first:
            first, last = last, first
        path = Path(self.folder.text()) / f"oqs-audit_{first:%Y%m%d}-{last:%Y%m%d}.csv"
        self.export_status.setText(both("書き出し中…", "Exporting…"))
        worker.submit(lambda: self._write_export(first, last, path),
                      lambda rows: self._exported(rows, path))

    def _write_export(self, first: date, last: date, path: Path) -> int | str:
        """The rows written, or why none were."""
        try:
            return export_csv(self.store, first, last, path)
        except OSError as problem:
            return str(problem)

    def _exported(self, rows: int | str | None, path: Path) -> None:
        if not isinstance(rows, int):     # None: failed some other way (the worker logged it)
            self.export_status.setText(both("書き出せませんでした", f"Not exported: {rows or 'error'}"))
            return
        self.export_status.setText(both(f"{rows} 件を書き出しました", f"{rows} rows to {path}"))


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())
