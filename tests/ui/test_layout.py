"""Every screen, in every language, at the kiosk sizes: nothing clipped, nothing overflowing, the
window never grows past the screen, every touch target at least a fingertip."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.session import Step
from ui.main_window import KioskWindow
from ui.samples import samples
from ui.screenshots import open_window, render

SIZES = [(1280, 800), (1024, 768)]
FINGERTIP = 56    # px: the smallest button side allowed (about 1.5 cm on a 15" kiosk screen)


def problems_on(window: KioskWindow) -> list[str]:
    found = []
    whole = window.rect()
    for widget in window.findChildren(QLabel) + window.findChildren(QPushButton):
        if not widget.isVisible() or not widget.text():
            continue
        where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        name = f"{type(widget).__name__}#{widget.objectName()} {widget.text()[:30]!r}"
        if not whole.contains(where):
            found.append(f"{name} outside the window: {where}")
        inner = widget.contentsRect()
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                found.append(f"{name} needs {needed}px height, has {widget.height()}")
        else:
            lines = widget.text().split("\n")
            metrics = widget.fontMetrics()
            wide = max(metrics.horizontalAdvance(line) for line in lines)
            room = inner.width() - (16 if isinstance(widget, QPushButton) else 0)
            if wide > room:
                found.append(f"{name} needs {wide}px width, has {room}")
        if isinstance(widget, QPushButton) and min(widget.width(), widget.height()) < FINGERTIP:
            found.append(f"{name} is smaller than a fingertip: {widget.size().toTuple()}")
    return found


@pytest.fixture(scope="module")
def windows():
    opened = {}
    yield opened
    for app, window in opened.values():
        window.release()
        window.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_screen_fits(qapp, windows, size, language):
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    seen_steps = set()
    trouble = {}
    for name, step, visit, methods in samples():
        render(window, app, step, visit, methods, language)
        assert window.size().toTuple() == size, f"{name} made the window grow"
        assert window.current().step is step
        seen_steps.add(step)
        if found := problems_on(window):
            trouble[name] = found
    assert trouble == {}
    assert seen_steps == set(Step)
