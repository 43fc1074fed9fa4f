"""The staff side on the kiosk: hidden entry, password prompt, panel (modes, settings form,
today's dashboard, self-test, exit). `attach_staff` adds it to a running kiosk window."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.staff.settings_editor import SettingsEditor
from kiosk.staff.staff_access import StaffAccess
from kiosk.composition.wiring import Kiosk
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from ui.staff.desk import StaffDesk


def attach_staff(window: KioskWindow, kiosk: Kiosk, *, demo: bool,
                 settings_path: Path | None = None) -> StaffDesk:
    """The staff desk over `window`, editing the settings file at `settings_path` (default: the
    config folder's settings.toml); the staff password and its lockout live in that folder."""
    from ui.staff.desk import StaffDesk
    editor = SettingsEditor(kiosk.settings, kiosk.audit.store, settings_path)
    access = StaffAccess(audit=kiosk.audit.store)
    desk = StaffDesk(window, kiosk, editor, access, demo=demo, settings_path=settings_path)
    window.staff = desk
    return desk
