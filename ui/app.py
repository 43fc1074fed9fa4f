"""Starts the Qt application around the core: machine, runner, bridge, window."""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from faceauth import CameraSource
from faceauth.sample_faces import DEMO_RECORDING
from kiosk import paths
from kiosk.demo import PrintedValuesUnlocker, VirtualTray, prepare_personas
from kiosk.gateway import SimulatedGateway, open_simulator_gateway
from kiosk.session import CheckInMachine
from kiosk.settings import Settings
from kiosk.wiring import Kiosk, build_kiosk
from ui.bridge import CoreBridge
from ui.demo_controls import DemoControls
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


def build_demo_kiosk(settings: Settings) -> tuple[Kiosk, VirtualTray]:
    """The embedded defaults: virtual cards in-process, the recorded camera, the local simulator."""
    simulator = SimulatedGateway.open()
    folder = paths.data_dir() / "demo-personas"
    folder.mkdir(parents=True, exist_ok=True)
    prepare_personas(folder, simulator)
    tray = VirtualTray(folder)
    kiosk = build_kiosk(settings, service=tray.reader, unlocker=PrintedValuesUnlocker(tray),
                        gateway=open_simulator_gateway(simulator),
                        open_camera=lambda **kw: CameraSource(DEMO_RECORDING, loop=True, **kw))
    return kiosk, tray


def run(settings: Settings, *, demo: bool, windowed: bool, quit_after: float | None,
        screenshot: str | None = None) -> int:
    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not demo:
        log.error("only the demo is wired so far: real readers and gateways come with their issues")
        return 2
    kiosk, tray = build_demo_kiosk(settings)
    window, _bridge = build_window(settings, kiosk.machine, kiosk.runner.dispatch)
    controls = DemoControls(tray)
    controls.show()
    kiosk.start()
    app.aboutToQuit.connect(kiosk.stop)
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
