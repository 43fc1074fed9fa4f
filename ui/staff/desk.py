"""The staff side on the kiosk window: the hidden ways in (a ~3 s press in the top-left corner,
or Ctrl+Alt+S), the password prompt, the panel, the badge, and the closing after inactivity.

Everything staff see lies in one overlay over the patient screens, so the kiosk window stays the
only window (full screen, nothing behind it to reach). Settings changed on the panel are applied
live: the machine and the result sink (Kiosk.apply_settings), the patient screens, the badge."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QEventPoint, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QWidget

from kiosk.core.session import Step
from kiosk.config.settings import Settings, Who
from kiosk.staff.settings_editor import SettingsEditor
from kiosk.staff.staff_access import StaffAccess
from kiosk.composition.wiring import Kiosk
from ui.main_window import KioskWindow
from ui.screens.base import application
from ui.staff.dashboard import DashboardPage
from ui.staff.modes import ModeBadge, ModesPage
from ui.staff.panel import ExitPage, StaffPanel
from ui.staff.prompt import NewPasswordForm, PasswordPrompt
from ui.staff.selftest_page import SelftestPage
from ui.staff.settings_form import SettingsForm
from ui.staff.visual_check import VisualCheckPage
from ui.staff.words import both

HOLD_MS = 3000          # the corner press that opens the prompt
CORNER_PX = 96          # the top-left square it must start and stay in
SHORTCUT = "Ctrl+Alt+S"
PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
RELEASES = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd,
                      QEvent.Type.TouchCancel})
ACTIVITY = PRESSES | frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseMove, QEvent.Type.Wheel})
WATCHED = ACTIVITY | RELEASES | {QEvent.Type.Resize}


def _position(event: QEvent) -> QPointF | None:
    if hasattr(event, "globalPosition"):
        return event.globalPosition()
    points: list[QEventPoint] = getattr(event, "points", lambda: [])()
    return points[0].globalPosition() if points else None


def centred(card: QWidget) -> QWidget:
    page = QWidget()
    layout = QGridLayout(page)
    layout.addWidget(card, 0, 0, Qt.AlignmentFlag.AlignCenter)
    return page


class StaffDesk(QObject):
    def __init__(self, window: KioskWindow, kiosk: Kiosk, editor: SettingsEditor,
                 access: StaffAccess, *, demo: bool, settings_path: Path | None = None) -> None:
        super().__init__(window)
        self.window, self.kiosk, self.editor, self.access = window, kiosk, editor, access
        self.overlay = QStackedWidget(window)
        self.overlay.setObjectName("staff_overlay")
        self.overlay.setStyleSheet((Path(__file__).with_name("staff.qss")).read_text(encoding="utf-8"))
        self.prompt = PasswordPrompt(access)
        self.prompt.accepted.connect(self.open_panel)
        self.prompt.cancelled.connect(self.close)
        self.setup = NewPasswordForm(both("はじめに職員用パスワードを設定してください",
                                          "First set the staff password"), access.set_password)
        self.setup.saved.connect(self.open_panel)
        self.modes = ModesPage(editor)
        self.settings_form = SettingsForm(editor, (
            NewPasswordForm(both("目視確認のパスワード", "Visual-check (目視) password"),
                            lambda password: editor.change_visual_check_password(password, Who.STAFF),
                            compact=True),
            NewPasswordForm(both("職員用パスワード", "Staff password"), access.set_password,
                            compact=True, confirm=access.confirm)))
        self.dashboard = DashboardPage(kiosk.audit.store, lambda: kiosk.results.sink)
        self.selftest = SelftestPage(demo, settings_path)
        self.exit_page = ExitPage(self.toggle_full_screen, window.isFullScreen, self._quit)
        self.visual_check = VisualCheckPage(kiosk.staff_check_from_panel, self.close)
        self.panel = StaffPanel([
            (both("目視確認", "Visual check"), self.visual_check),
            (both("モード", "Modes"), self.modes), (both("設定", "Settings"), self.settings_form),
            (both("本日の状況", "Today"), self.dashboard), (both("自己診断", "Self-test"), self.selftest),
            (both("終了", "Exit"), self.exit_page)])
        self.panel.closed.connect(self.close)
        self.panel.tabs.currentChanged.connect(self._page_shown)
        for page in (centred(self.prompt), centred(self.setup), self.panel):
            self.overlay.addWidget(page)
        self.overlay.hide()
        self.badge = ModeBadge(window)
        self.badge.show_mode(editor.current)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.close)
        self.hold = QTimer(self)
        self.hold.setSingleShot(True)
        self.hold.timeout.connect(self.open_prompt)
        # seen by the event filter: no window need be active (PySide6's stubs lack QKeySequence[i])
        self.shortcut = QKeySequence(SHORTCUT)[0]   # type: ignore[index]
        editor.subscribe(self.apply)
        application().installEventFilter(self)
        self._place()

    # ---- in and out ---------------------------------------------------------------------------

    def is_open(self) -> bool:
        return self.overlay.isVisible()

    def open_prompt(self) -> None:
        if self.is_open():
            return
        if not self.access.has_password():
            self.require_password()
            return
        self.prompt.reset()
        self._show(self.prompt)

    def require_password(self) -> None:
        """First start without a staff password (vendor install): set one before anything else."""
        self._show(self.setup)

    def open_panel(self) -> None:
        self.modes.reload()
        self.settings_form.reload()
        waiting = self.kiosk.machine.step is Step.STAFF_CHECK     # a patient waits for the 目視
        tabs = self.panel.tabs
        tabs.setTabVisible(tabs.indexOf(self.visual_check), waiting)
        tabs.setCurrentWidget(self.visual_check if waiting else self.modes)
        self._show(self.panel)
        self._page_shown(self.panel.tabs.currentIndex())

    def close(self) -> None:
        self.idle.stop()
        self.overlay.hide()
        self.window.current().setFocus()

    def stop(self) -> None:
        """The window closes: the panel's idle time, the corner press, the quit confirmation and
        the lock's countdown run on no longer."""
        for timer in (self.idle, self.hold, self.exit_page.disarm, self.prompt.ticker):
            timer.stop()

    def _show(self, page: QWidget) -> None:
        shown = page if page is self.panel else page.parentWidget()   # the prompts sit centred on a page
        assert shown is not None
        self.overlay.setCurrentWidget(shown)
        self._place()
        self.overlay.show()
        self.overlay.raise_()
        self._restart_idle()

    def _restart_idle(self) -> None:
        interval = self.editor.current.staff_panel_timeout_seconds * 1000
        if not self.idle.isActive() or self.idle.remainingTime() < interval - 1000:
            self.idle.start(interval)    # at most once a second: a drag is many events

    def _page_shown(self, index: int) -> None:
        if self.panel.tabs.widget(index) is self.dashboard:
            self.dashboard.refresh()

    # ---- live settings ------------------------------------------------------------------------

    def apply(self, new: Settings) -> None:
        self.kiosk.apply_settings(new)
        self.window.apply_settings(new)
        self.badge.show_mode(new)

    # ---- the window ---------------------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        window = self.window
        full = window.isFullScreen()
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, not full)
        window.showNormal() if full else window.showFullScreen()

    def _quit(self) -> None:
        self.window.release()
        application().quit()

    def _place(self) -> None:
        self.overlay.setGeometry(self.window.rect())
        self.badge.place()

    # ---- the hidden gesture and the idle time -------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in WATCHED:      # every event of the application passes here: paints, timers
            return False
        if watched is self.window and kind == QEvent.Type.Resize:
            self._place()
        elif isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress \
                and event.keyCombination() == self.shortcut:
            self.open_prompt()
            return True
        elif self.is_open():
            if kind in ACTIVITY:
                self._restart_idle()
        elif kind in PRESSES:
            self._press_started(event)
        elif kind in RELEASES or (kind == QEvent.Type.MouseMove and self.hold.isActive()
                                  and not self._in_corner(event)):
            self.hold.stop()
        return False

    def _press_started(self, event: QEvent) -> None:
        if self._in_corner(event):
            if not self.hold.isActive():    # one press reaches several widgets
                self.hold.start(HOLD_MS)
        else:
            self.hold.stop()

    def _in_corner(self, event: QEvent) -> bool:
        position = _position(event)
        if position is None or not self.window.isVisible():
            return False
        local = self.window.mapFromGlobal(position.toPoint())
        return 0 <= local.x() < CORNER_PX and 0 <= local.y() < CORNER_PX
