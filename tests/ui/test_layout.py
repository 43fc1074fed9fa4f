"""Every screen, in every language, at the kiosk sizes, in every look (big text, high contrast,
both, seated): nothing clipped, nothing overflowing, nothing hidden under another part of the
window, the window never grows past the screen, every touch target at least a fingertip; seated,
every control the patient touches in the lower half."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.core.codes import Problem
from kiosk.core.events import Method
from kiosk.core.session import Step, Visit
from kiosk.config.settings import CardPlacement
from ui.accessible import in_window
from ui.main_window import KioskWindow
from ui.samples import CARD, samples
from ui.screenshots import open_window, render
from ui.theme import Look

SIZES = [(1280, 800), (1024, 768)]
FINGERTIP = 56    # px: the smallest button side allowed (about 1.5 cm on a 15" kiosk screen)
LOOKS = {"normal": Look(), "big": Look(big=True), "contrast": Look(contrast=True),
         "big+contrast": Look(big=True, contrast=True), "seated": Look(seated=True),
         "seated+big": Look(seated=True, big=True)}
STAFF_SCREENS = {Step.STAFF_CHECK}    # used by a standing staff member, not the seated patient


def hidden_by_an_ancestor(window: QWidget, widget: QWidget) -> bool:
    """Whether part of the widget lies outside a parent that clips it (e.g. the screen stack,
    under the bars)."""
    where, parent = in_window(window, widget), widget.parentWidget()
    while parent is not None and parent is not window:
        if not in_window(window, parent).contains(where):
            return True
        parent = parent.parentWidget()
    return False


def problems_on(window: KioskWindow) -> list[str]:
    found = []
    whole = window.rect()
    for widget in window.findChildren(QLabel) + window.findChildren(QPushButton):
        if not widget.isVisible() or not widget.text():
            continue
        where = in_window(window, widget)
        name = f"{type(widget).__name__}#{widget.objectName()} {widget.text()[:30]!r}"
        if not whole.contains(where):
            found.append(f"{name} outside the window: {where}")
        elif hidden_by_an_ancestor(window, widget):
            found.append(f"{name} cut off by the part of the window it is in: {where}")
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
            if isinstance(widget, QPushButton) and not widget.icon().isNull():
                room -= widget.iconSize().width() + 4
            if wide > room:
                found.append(f"{name} needs {wide}px width, has {room}")
        if isinstance(widget, QPushButton) and min(widget.width(), widget.height()) < FINGERTIP:
            found.append(f"{name} is smaller than a fingertip: {widget.size().toTuple()}")
    return found


def out_of_seated_reach(window: KioskWindow) -> list[str]:
    half = window.height() // 2
    return [f"{b.objectName()} {b.text()!r} at {in_window(window, b).top()}"
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and in_window(window, b).top() < half]


@pytest.fixture(scope="module")
def windows():
    opened = {}
    yield opened
    for _app, window in opened.values():
        window.release()
        window.close()


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_screen_fits(qapp, windows, size, language, look):
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    seen_steps = set()
    trouble = {}
    try:
        for name, step, visit, methods in samples():
            render(window, app, step, visit, methods, language, LOOKS[look])
            assert window.size().toTuple() == size, f"{name} made the window grow"
            assert window.current().step is step
            seen_steps.add(step)
            found = problems_on(window)
            if LOOKS[look].seated and step not in STAFF_SCREENS:
                found += [f"out of a seated patient's reach: {b}" for b in out_of_seated_reach(window)]
            if found:
                trouble[name] = found
    finally:
        window.access.use(Look())
        window.resize(*size)
    assert trouble == {}
    assert seen_steps == set(Step)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_last_try_warning_goes_across_when_seated_and_back_beside_the_pad(qapp, windows, size):
    """Seated, the wide PIN pad leaves too little room beside it: the warning spans the screen
    above the pad; standing again, it is back beside the pad (OK under the keypad)."""
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    last_try = next(s for s in samples() if s[0] == "pin-entry-last-try")
    name, step, visit, methods = last_try
    try:
        render(window, app, step, visit, methods, "ja", Look(seated=True, big=True))
        screen = window.current()
        warning, pad, ok = (in_window(window, w) for w in (screen.warning, screen.pad, screen.ok))
        assert warning.width() > pad.width() and warning.bottom() < pad.top()
        assert warning.bottom() < ok.top()
        render(window, app, step, visit, methods, "ja", Look(big=True))
        warning, pad, ok = (in_window(window, w) for w in (screen.warning, screen.pad, screen.ok))
        assert warning.right() < pad.left() and pad.contains(ok)    # OK under the keypad
    finally:
        window.access.use(Look())
        window.resize(*size)


FAREWELLS = (Problem.CARD_REMOVED, Problem.TIMED_OUT,   # the problems a visit can leave on idle
             Problem.CARD_REMOVED_BEFORE_ANSWERS)


@pytest.mark.parametrize("look", [name for name, look in LOOKS.items() if look.big])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_problem_fits_in_big_text_on_the_small_screen(qapp, windows, language, look):
    """The samples show one problem per screen; the others' words differ in length, so each is
    shown where it can appear (problem screen, method choice, idle), big, at 1024 x 768."""
    size = (1024, 768)
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    shown = [(Step.PROBLEM, Visit(facts=CARD, problem=p), []) for p in Problem]
    shown += [(Step.METHOD_CHOICE, Visit(facts=CARD, problem=p), [Method.FACE, Method.STAFF]) for p in Problem]
    shown += [(Step.IDLE, Visit(problem=p), []) for p in FAREWELLS]
    trouble = {}
    try:
        for step, visit, methods in shown:
            render(window, app, step, visit, methods, language, LOOKS[look])
            found = problems_on(window)
            if found:
                trouble[f"{step.value} {visit.problem.name}"] = found
    finally:
        window.access.use(Look())
        window.resize(*size)
    assert trouble == {}


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_card_placement_fits(qapp, windows, size, look):
    """The idle screen's words and picture for each reader (slot, tray, stand), both languages,
    with and without the farewell beside the picture."""
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    settings = window.settings
    trouble = {}
    try:
        for placement in CardPlacement:
            window.apply_settings(settings.with_changes(card_placement=placement.value))
            for language in ("ja", "en"):
                for visit in (Visit(), Visit(problem=Problem.CARD_REMOVED_BEFORE_ANSWERS)):
                    render(window, app, Step.IDLE, visit, [], language, LOOKS[look])
                    assert window.current().placement is placement
                    found = problems_on(window)
                    if found:
                        trouble[f"{placement.value} {language} {visit.problem}"] = found
    finally:
        window.apply_settings(settings)
        window.access.use(Look())
        window.resize(*size)
    assert trouble == {}


@pytest.mark.parametrize("look", ["normal", "big", "contrast"])
def test_filled_and_outlined_buttons_are_one_height(qapp, windows, look):
    """A screen's filled (primary), outlined (secondary) and disabled buttons stand one height:
    each has a 3 px border, the filled one in its own colour."""
    size = (1280, 800)
    if size not in windows:
        windows[size] = open_window(size)
    app, window = windows[size]
    heights = {}
    try:
        for name, step, visit, methods in samples():
            render(window, app, step, visit, methods, "ja", LOOKS[look])
            for widget in window.current().findChildren(QPushButton):
                if widget.isVisible() and widget.objectName() in ("primary", "secondary"):
                    heights.setdefault(widget.height(), set()).add(f"{name} {widget.text()}")
    finally:
        window.access.use(Look())
    assert len(heights) == 1, heights
