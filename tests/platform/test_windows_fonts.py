"""Japanese text on Windows: the fonts Japanese Windows ships come right after Noto, in what Qt
applies from the style sheet and in the dashboard's charts."""
from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtWidgets import QLabel

from ui.resources import style_sheet
from ui.staff.dashboard import BarChart
from ui.theme import JAPANESE_FONTS

WINDOWS_JAPANESE_UI_FONTS = ["Yu Gothic UI", "Meiryo UI"]   # Windows 10 and 11, Japanese or not


def test_the_style_sheet_names_the_windows_fonts_after_noto(qtbot):
    label = QLabel("受付")
    label.setStyleSheet(style_sheet())
    qtbot.addWidget(label)
    label.ensurePolished()
    families = label.font().families()
    assert families[0] == "Noto Sans CJK JP"
    assert families[1:3] == WINDOWS_JAPANESE_UI_FONTS
    assert tuple(families[:len(JAPANESE_FONTS)]) == JAPANESE_FONTS


def test_the_dashboard_charts_name_the_same_fonts(qtbot):
    chart = BarChart("来院")
    qtbot.addWidget(chart)
    chart.show_counts({"face": 3, "pin": 1})
    axis = next(a for a in chart.chart_.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.labelsFont().families()[1:3] == WINDOWS_JAPANESE_UI_FONTS
