"""Starts the Qt application around the core: machine, runner, bridge, window."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk.composition.demo import build_demo_kiosk, demo_camera
from kiosk.composition.installed import build_installed_kiosk
from kiosk.core.session import CheckInMachine
from kiosk.config.settings import Settings
from kiosk.composition.wiring import Kiosk
from ui.bridge import CoreBridge
from ui.demo_controls import DemoControls
from ui.i18n import Languages
from ui.main_window import KioskWindow
from ui.present import present
from ui.staff import attach_staff

log = logging.getLogger("ui")
qt_log = logging.getLogger("ui.qt")

QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}


def route_qt_messages_to_logging() -> None:
    def handler(kind, context, message):
        qt_log.log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)
    qInstallMessageHandler(handler)


def build_window(settings: Settings, machine: CheckInMachine, send, *, runner=None,
                 face=None) -> tuple[KioskWindow, CoreBridge]:
    bridge = CoreBridge(machine, send, runner=runner, face=face)
    window = KioskWindow(settings, bridge, Languages(settings.languages))
    return window, bridge


def build_kiosk_window(kiosk: Kiosk, settings: Settings, *, demo: bool,
                       settings_path: Path | None = None) -> tuple[KioskWindow, CoreBridge]:
    """The window over a running core, with the staff desk."""
    window, bridge = build_window(settings, kiosk.machine, kiosk.runner.dispatch,
                                  runner=kiosk.runner, face=kiosk.face)
    attach_staff(window, kiosk, demo=demo, settings_path=settings_path)
    return window, bridge


def start_kiosk(settings: Settings, *, demo: bool, settings_path: Path | None = None
                ) -> tuple[KioskWindow, Kiosk, DemoControls | None]:
    """The kiosk `python -m kiosk [--demo]` starts, its window not yet shown: the demo's embedded
    defaults (and their control window), or the installed parts (kiosk.composition.installed)."""
    if demo:
        kiosk, tray = build_demo_kiosk(settings, demo_camera())
    else:
        kiosk, tray = build_installed_kiosk(settings), None
    window, _bridge = build_kiosk_window(kiosk, settings, demo=demo, settings_path=settings_path)
    assert window.staff is not None, "build_kiosk_window attaches the staff desk"
    if not window.staff.access.has_password():
        window.staff.require_password()     # a vendor install: no staff panel without one
    kiosk.start()
    return window, kiosk, DemoControls(tray) if tray is not None else None


def run(settings: Settings, *, demo: bool, windowed: bool, quit_after: float | None,
        screenshot: str | None = None, settings_path: Path | None = None) -> int:
    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, kiosk, controls = start_kiosk(settings, demo=demo, settings_path=settings_path)
    if controls is not None:
        controls.show()
    app.aboutToQuit.connect(kiosk.stop)

    def leave() -> None:
        window.release()
        app.quit()
    present(window, windowed=windowed, screenshot=screenshot, quit_after=quit_after, leave=leave)
    log.info("window open on the idle screen")
    return app.exec()
