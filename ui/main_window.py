"""The kiosk window: header, a stack with one screen per step, footer. It shows only what the
bridge says; the patient cannot leave it (Escape, Alt+F4 and close are ignored)."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core import events as ev
from kiosk.core.events import Method
from kiosk.core.session import Step, Visit, ending_of
from kiosk.config.settings import Settings
from ui.access_bar import AccessBar, apply_look
from ui.accessible import describe, next_in_reading_order
from ui.bridge import CoreBridge
from ui.chrome import Countdown, Header
from ui.i18n import Languages
from ui.keypad import keypad_key
from ui.preview import to_qimage
from ui.screens import SCREENS
from ui.screens.base import Screen, application
from ui.screens.face import FaceCaptureScreen
from ui.screens.idle import IdleScreen
from ui.screens.pin import PinEntryScreen
from ui.voice import Voice

if TYPE_CHECKING:
    from ui.staff.desk import StaffDesk

TOUCH_EVERY = 0.2   # seconds: touches closer together extend the timeout once
TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
TOUCHES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress})
S = TypeVar("S", bound=Screen)


class KioskWindow(QMainWindow):
    def __init__(self, settings: Settings, bridge: CoreBridge, languages: Languages) -> None:
        super().__init__()
        self.settings, self.bridge, self.languages = settings, bridge, languages
        self.may_close = False
        self.staff: StaffDesk | None = None   # the staff desk (ui.staff.attach_staff), when attached
        self._last_touch = 0.0
        self.setWindowTitle("oqs-kiosk")
        self.header = Header(languages, self.switch_language, lambda: bridge.send(ev.Cancelled()))
        self.voice = Voice(languages, settings, self)
        self.header.replay.clicked.connect(self.voice.replay)
        self.stack = QStackedWidget()
        self.screens: dict[Step, Screen] = {}
        for step, kind in SCREENS.items():
            screen = kind(step, bridge.send, settings)
            screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.screens[step] = screen
            self.stack.addWidget(screen)
        self.idle = self._screen(Step.IDLE, IdleScreen)
        self.face = self._screen(Step.FACE_CAPTURE, FaceCaptureScreen)
        self._screen(Step.PIN_ENTRY, PinEntryScreen).pad.edited.connect(self.voice.typed)   # "2 digits entered"
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.access = AccessBar(settings.seated_layout, lambda look: apply_look(self, look))
        self.header.row.insertWidget(2, self.access)    # after the step and the stretch
        self.setCentralWidget(body)
        self.countdown = Countdown(body)
        # Queued even from the GUI thread: a click never re-renders the screen under its own button.
        bridge.changed.connect(self.show_step, Qt.ConnectionType.QueuedConnection)
        bridge.guidance.connect(self._show_guidance)
        bridge.frame_ready.connect(self._show_frame)
        self.clock = QTimer(self)      # four ticks a second; a test calls tick() after moving its clock
        self.clock.timeout.connect(self.tick)
        self.clock.start(250)
        application().installEventFilter(self)
        self.shown: tuple[Step, Visit, list[Method]] = (Step.IDLE, Visit(), [])
        languages.use(languages.first)
        apply_look(self, self.access.look)
        self.show_step(Step.IDLE, Visit(), [])

    # ---- rendering ------------------------------------------------------------------------------

    def _screen(self, step: Step, kind: type[S]) -> S:
        screen = self.screens[step]
        assert isinstance(screen, kind), f"{step} is shown by {type(screen).__name__}"
        return screen

    def current(self) -> Screen:
        screen = self.stack.currentWidget()
        assert isinstance(screen, Screen)
        return screen

    def show_step(self, step: Step, visit: Visit, methods: list[Method]) -> None:
        before = self.shown[0]
        if step is Step.IDLE and before is not Step.IDLE:
            self.languages.use(self.languages.first)    # the next patient starts in Japanese
            self.access.reset()                          # and in the facility's look
        if step is not before:
            self.current().leave()
        self.shown = (step, visit, methods)
        self._render()
        self.stack.setCurrentWidget(self.screens[step])
        self.screens[step].setFocus()
        self.voice.show(step, visit, methods)

    def apply_settings(self, settings: Settings) -> None:
        """Settings changed by staff: every screen uses them from now on, and the screen shown is
        drawn again with what the patient may now choose (e.g. no face in PIN-only mode)."""
        self.settings = settings
        for screen in self.screens.values():
            screen.settings = settings
        if settings.languages != self.languages.codes:
            self.languages.offer(settings.languages)
            self.header.offer_languages(self.languages)
            if self.languages.current not in self.languages.codes:
                self.languages.use(self.languages.first)
        self.voice.use_settings(settings)
        step, visit, _methods = self.shown
        self.shown = (step, visit, self.bridge.available_methods())
        self._render()

    def switch_language(self, code: str) -> None:
        self.languages.use(code)
        self._render()
        self.voice.replay()

    def _render(self) -> None:
        step, visit, methods = self.shown
        self.screens[step].show_visit(visit, methods)
        self.header.show_step(step, self.languages.current, ending_of(step, visit))
        self.access.retranslate()
        describe(self.header, self.screens[step])
        self.tick()

    def tick(self) -> None:
        """Show what changes with time alone: the countdown (read from the runner's clock) and
        whether a card reader is connected."""
        if self.shown[0] is Step.IDLE:
            connected = self.bridge.reader_connected()
            self.idle.show_reader(connected)
            self.voice.reader(connected)
        self.countdown.show_seconds_left(self.bridge.seconds_left())
        self.voice.countdown(showing=not self.countdown.isHidden())

    def _show_guidance(self, code: str) -> None:
        self.face.show_guidance(code)
        self.voice.guidance(code)

    def _show_frame(self) -> None:
        image = self.bridge.take_frame()
        screen = self.current()
        if image is not None and screen.camera:
            screen.show_frame(to_qimage(image))

    # ---- the patient cannot leave; every touch gives them time -----------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in TOUCHES:
            now = time.monotonic()
            if now - self._last_touch > TOUCH_EVERY:   # one touch reaches several objects
                self._last_touch = now
                self.bridge.touch()
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in TABS \
                and self.isActiveWindow():
            forward = event.key() == Qt.Key.Key_Tab
            target = next_in_reading_order(self, self.current(), QApplication.focusWidget(), forward)
            target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return True     # Tab follows the screen as shown (ui/accessible.py)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return   # staff leave from the staff panel
        key = keypad_key(event)
        if key == "replay":
            self.voice.replay()
            return
        if key == "language":
            self.switch_language(self.languages.following())
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_close:
            self.clock.stop()          # a closed window counts nothing down, guides no one
            self.voice.ticker.stop()
            if self.staff is not None:
                self.staff.stop()
            event.accept()
        else:
            event.ignore()

    def release(self) -> None:
        """Let the application close the window (quitting, tests)."""
        self.may_close = True
