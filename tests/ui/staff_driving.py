"""Driving the real window as staff: the hidden way in, the password, the panel's tabs."""
from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.staff.staff_access import DEMO_STAFF_PASSWORD
from tests.ui.driving import FAST

OK = "確認 / OK"


def type_password(demo, password: str) -> None:
    demo.press(*password)
    demo.press(OK)
    demo.qtbot.waitUntil(lambda: not demo.window.staff.prompt.checking, timeout=FAST)


def open_panel(demo) -> None:
    """The staff shortcut, then the demo staff password: the panel shown."""
    demo.qtbot.keyClick(demo.window, Qt.Key.Key_S,
                        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    demo.qtbot.waitUntil(lambda: demo.window.staff.prompt.isVisible(), timeout=FAST)
    type_password(demo, DEMO_STAFF_PASSWORD)
    demo.qtbot.waitUntil(lambda: demo.window.staff.panel.isVisible(), timeout=FAST)


def tab(demo, title: str) -> None:
    """Touch the panel's tab with these words."""
    tabs = demo.window.staff.panel.tabs
    (index,) = [i for i in range(tabs.count()) if tabs.tabText(i) == title]
    bar = tabs.tabBar()
    demo.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def open_settings_form(demo):
    """Open the panel with the password and touch its settings tab; the form shown."""
    open_panel(demo)
    tab(demo, "設定 / Settings")
    return demo.window.staff.settings_form


def close_panel(demo) -> None:
    demo.press("閉じる / Close")
    demo.qtbot.waitUntil(lambda: not demo.window.staff.is_open(), timeout=FAST)
