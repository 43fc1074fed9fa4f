"""Contrast (WCAG 2) of every text colour against its background, read from the style sheet:
at least 4.5:1 in the normal theme (AA) and 7:1 in high contrast (AAA); the high-contrast
palette covers every colour of the sheet; the backgrounds assumed for transparent labels are the
ones the real window puts behind them."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from ui.contrast import SITS_ON, contrast_ratio, luminance, pairs
from ui.theme import COLOUR, HIGH_CONTRAST, Look, full_hex, themed_sheet
from ui.resources import style_sheet

THEMES = [(Look(), 4.5), (Look(contrast=True), 7.0), (Look(big=True), 4.5),
          (Look(big=True, contrast=True, seated=True), 7.0)]


def test_the_wcag_formula():
    assert luminance("#ffffff") == pytest.approx(1.0) and luminance("#000") == pytest.approx(0.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)   # the classic near miss
    assert contrast_ratio("#1d4f86", "#ffffff") == contrast_ratio("#ffffff", "#1d4f86")


@pytest.mark.parametrize("look, needed", THEMES, ids=["normal", "high-contrast", "big", "all"])
def test_every_text_and_background_pair_is_readable(look, needed):
    found = pairs(themed_sheet(look))
    assert len(found) >= 25                                   # every text rule of the sheet
    failing = [(p.selector, p.text, p.background, round(p.ratio, 2)) for p in found if p.ratio < needed]
    assert failing == []


def test_the_pairs_include_what_a_patient_reads_most():
    found = {p.selector: p for p in pairs(themed_sheet(Look()))}
    assert found["QLabel#what"].background == "#fdecea"      # on the problem panel, not the page
    assert found["QPushButton#secondary"].text == "#1d4f86" and found["QPushButton#secondary"].background == "#ffffff"
    assert found["QPushButton:disabled"].ratio >= 4.5


def test_high_contrast_replaces_every_colour_of_the_sheet():
    used = {full_hex(c.group(0)) for c in COLOUR.finditer(style_sheet())}
    assert used - set(HIGH_CONTRAST) == set()
    recoloured = themed_sheet(Look(contrast=True))
    assert {full_hex(c.group(0)) for c in COLOUR.finditer(recoloured)} <= set(HIGH_CONTRAST.values())


def test_transparent_labels_sit_where_the_table_says(qapp):
    from ui.samples import samples
    from ui.screenshots import open_window, render
    app, window = open_window((1280, 800))
    try:
        for _name, step, visit, methods in samples():
            render(window, app, step, visit, methods, "ja")
        checked = 0
        for selector, container in SITS_ON.items():
            name = selector.split("#")[-1].split()[0]
            wanted = container.split("#")[-1]
            for widget in window.findChildren(QLabel, name):
                parents = []
                parent = widget.parentWidget()
                while parent is not None:
                    parents.append(parent.objectName())
                    parent = parent.parentWidget()
                assert wanted in parents, (selector, parents)
                checked += 1
        assert checked >= 4
    finally:
        window.release()
        window.close()
