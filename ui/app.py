"""Starts the Qt application around the core: machine, runner, bridge, window."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from faceauth import CameraError, CameraSource
from faceauth.sample_faces import DEMO_RECORDING
from kiosk import paths
from kiosk.demo import VirtualTray, demo_tray, tray_camera
from kiosk.gateway import SimulatedGateway, open_simulator_gateway
from kiosk.installed import build_installed_kiosk
from kiosk.passwords import ensure_demo_password
from kiosk.platform_calls import no_camera_device
from kiosk.session import CheckInMachine
from kiosk.settings import Settings
from kiosk.staff_access import StaffAccess, ensure_demo_staff_password
from kiosk.wiring import Kiosk, build_kiosk
from kiosk.surface import TrayCameraUnlocker
from ui.bridge import CoreBridge
from ui.demo_controls import DemoControls
from ui.i18n import Languages
from ui.main_window import KioskWindow
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


def demo_camera():
    """The first webcam if one answers, else the recorded clip of the demo persona's face."""
    recorded = lambda **kw: CameraSource(DEMO_RECORDING, loop=True, **kw)   # noqa: E731
    if no_camera_device():
        log.info("demo camera: no webcam on this machine; the recorded clip %s", DEMO_RECORDING.name)
        return recorded
    try:
        with CameraSource(0, open_timeout=1.0) as probe:
            probe.latest(timeout=1.0)
        log.info("demo camera: the first webcam")
        return lambda **kw: CameraSource(0, **kw)
    except (CameraError, TimeoutError):
        log.info("demo camera: no webcam answers; the recorded clip %s", DEMO_RECORDING.name)
        return recorded


def build_demo_kiosk(settings: Settings, open_camera=None, *,
                     pcscd: bool = False) -> tuple[Kiosk, VirtualTray]:
    """The embedded defaults: virtual cards in-process (or, with `pcscd`, behind PC/SC, as the
    tests use), a camera, the local simulator."""
    simulator = SimulatedGateway.open()
    ensure_demo_password()
    ensure_demo_staff_password(StaffAccess())
    tray = demo_tray(simulator, paths.data_dir())
    service = tray.reader
    if pcscd:
        from reader.pcsc import PcscReaderService
        service = PcscReaderService()
    kiosk = build_kiosk(settings, service=service,
                        unlocker=TrayCameraUnlocker(lambda: tray_camera(tray)),
                        gateway=open_simulator_gateway(simulator),
                        open_camera=open_camera or (lambda **kw: CameraSource(DEMO_RECORDING, loop=True, **kw)))
    return kiosk, tray


def start_kiosk(settings: Settings, *, demo: bool, settings_path: Path | None = None
                ) -> tuple[KioskWindow, Kiosk, DemoControls | None]:
    """The kiosk `python -m kiosk [--demo]` starts, its window not yet shown: the demo's embedded
    defaults (and their control window), or the installed parts (kiosk.installed)."""
    if demo:
        kiosk, tray = build_demo_kiosk(settings, demo_camera())
    else:
        kiosk, tray = build_installed_kiosk(settings), None
    window, _bridge = build_kiosk_window(kiosk, settings, demo=demo, settings_path=settings_path)
    if not window.staff.access.has_password():
        window.staff.require_password()     # a vendor install: no staff panel without one
    kiosk.start()
    return window, kiosk, DemoControls(tray) if tray is not None else None


def show_start_problem(text: str, close_after: float | None = None) -> None:
    """Why the kiosk cannot start, in a message box: a windowed program (oqs-kiosk.exe) has no
    console to print it on, and staff would otherwise see the desktop and nothing else."""
    from PySide6.QtWidgets import QMessageBox
    app = QApplication.instance() or QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Critical, "oqs-kiosk", text)
    if close_after is not None:
        QTimer.singleShot(int(close_after * 1000), box.accept)
    box.exec()
    del app


def run(settings: Settings, *, demo: bool, windowed: bool, quit_after: float | None,
        screenshot: str | None = None, settings_path: Path | None = None) -> int:
    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, kiosk, controls = start_kiosk(settings, demo=demo, settings_path=settings_path)
    if controls is not None:
        controls.show()
    app.aboutToQuit.connect(kiosk.stop)
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.showFullScreen()

    def leave() -> None:
        window.release()
        app.quit()
    if screenshot:
        QTimer.singleShot(300, lambda: window.grab().save(screenshot))
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), leave)
    log.info("window open on the idle screen")
    return app.exec()
