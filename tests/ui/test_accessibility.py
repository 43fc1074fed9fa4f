"""Accessibility through the real window: every control a patient can reach has an accessible name
and description in the language shown, Tab walks the screen top to bottom and left to right, and
state and errors are shown by a sign or a shape as well as by colour."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QLineEdit, QWidget)

from kiosk.core.session import Step
from ui.accessible import in_window, reading_order, spoken_words
from ui.samples import samples
from ui.screenshots import open_window, render
from ui.theme import Look, rules, themed_sheet

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QAbstractSpinBox)


def interactive(window) -> list[QWidget]:
    return [w for kind in INTERACTIVE for w in window.findChildren(kind) if w.isVisible()]


@pytest.fixture(scope="module")
def shown():
    app, window = open_window((1280, 800))
    yield app, window
    window.release()
    window.close()


@pytest.mark.parametrize("look", [Look(), Look(seated=True, big=True)], ids=["normal", "seated+big"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_control_has_a_name_and_a_description(shown, language, look):
    app, window = shown
    missing, seen = {}, set()
    for name, step, visit, methods in samples():
        render(window, app, step, visit, methods, language, look)
        for widget in interactive(window):
            seen.add(type(widget).__name__)
            problems = [what for what, value in (("name", widget.accessibleName()),
                                                 ("description", widget.accessibleDescription()))
                        if not value.strip()]
            if isinstance(widget, QAbstractButton) and widget.text() and widget.accessibleName() != spoken_words(widget):
                problems.append(f"name {widget.accessibleName()!r} is not its words {widget.text()!r}")
            if problems:
                missing.setdefault(name, []).append(f"{widget.objectName()} {widget.text()!r}: {problems}")
    window.access.use(Look())
    assert missing == {}
    assert "QPushButton" in seen


def test_names_follow_the_language(shown):
    app, window = shown
    names = {}
    for language in ("ja", "en"):
        render(window, app, Step.IDLE, *samples()[0][2:], language)
        names[language] = [k.accessibleName() for k in window.access.keys()]
    assert names["ja"] != names["en"] and all(names["ja"]) and all(names["en"])
    assert names["en"] == ["Large text", "High contrast", "Seated (wheelchair)"]


@pytest.mark.parametrize("sample", ["method-choice", "pin-entry", "consent-all", "done"])
def test_tab_walks_the_screen_top_to_bottom_left_to_right(qtbot, shown, sample):
    app, window = shown
    _, step, visit, methods = next(s for s in samples() if s[0] == sample)
    render(window, app, step, visit, methods, "ja")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    screen = window.current()
    screen.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen, timeout=2000)
    expected = reading_order([b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()], window)
    visited = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == expected
    spots = [in_window(window, w) for w in visited]
    for before, after in zip(spots, spots[1:]):      # next to the right in the row, or a lower row
        assert after.left() > before.left() or after.top() > before.center().y(), (before, after)
    digits = [w for w in visited if w.objectName() == "digit"]
    if sample == "pin-entry":
        assert [d.text() for d in digits] == list("1234567890")


def test_state_and_errors_do_not_rely_on_colour(qtbot, shown):
    app, window = shown
    by_name = {name: (step, visit, methods) for name, step, visit, methods in samples()}
    render(window, app, *by_name["problem"], "ja")
    assert window.current().problem.what.text().startswith("⚠")
    render(window, app, *by_name["pin-entry-last-try"], "ja")
    assert window.current().warning.text().startswith("⚠")
    chosen = window.header.languages["ja"]
    assert not chosen.icon().isNull() and window.header.languages["en"].icon().isNull()   # a check mark
    off = window.access.big.icon().pixmap(48).toImage()
    window.access.big.click()
    on = window.access.big.icon().pixmap(48).toImage()
    assert on != off and window.access.big.isChecked()                                    # a check mark too
    window.access.use(Look())
    disabled = [dict(d) for s, d in rules(themed_sheet(Look())) if s == "QPushButton:disabled"]
    assert "dashed" in disabled[0]["border"]                                               # a dashed edge
