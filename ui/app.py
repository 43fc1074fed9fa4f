"""Starts the Qt application around the core: machine, runner, bridge, window."""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk import events as ev
from kiosk.session import CheckInMachine
from kiosk.settings import Settings
from ui.bridge import CoreBridge
from ui.main_window import KioskWindow

log = logging.getLogger("ui")
qt_log = logging.getLogger("ui.qt")

QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}


def route_qt_messages_to_logging() -> None:
    def handler(kind, context, message):
        qt_log.log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)
    qInstallMessageHandler(handler)


def build_window(settings: Settings, machine: CheckInMachine, send) -> tuple[KioskWindow, CoreBridge]:
    window = KioskWindow(settings, send, machine.available_methods)
    bridge = CoreBridge(machine)
    bridge.changed.connect(window.show_step)
    return window, bridge


def run(settings: Settings, *, demo: bool, windowed: bool, quit_after: float | None,
        screenshot: str | None = None) -> int:
    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    machine = CheckInMachine(settings)

    def send(event: ev.Event) -> None:
        machine.handle(event)

    window, _bridge = build_window(settings, machine, send)
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.showFullScreen()
    if screenshot:
        QTimer.singleShot(300, lambda: window.grab().save(screenshot))
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    log.info("window open on the idle screen")
    return app.exec()
