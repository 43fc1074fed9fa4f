"""Changing settings while the kiosk runs: checked against the schema and against who may change
what, written to settings.toml atomically, applied live to subscribers (the running machine),
and audited as who, when, old → new. A password setting is audited as changed, never its value.

    editor = SettingsEditor(loaded, audit_store)
    editor.subscribe(lambda new: setattr(kiosk.machine, "settings", new))
    editor.change({"staff_mode": "pin_only"}, Who.STAFF)   # SettingsError names the bad key
"""
from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping

from kiosk.config import settings
from kiosk.staff.passwords import set_visual_check_password
from kiosk.config.settings import (SCHEMA_BY_NAME, Setting, SettingNotAllowed, Settings, SettingsError,
                            Who, coerce, may_change, plain_value, save, settings_file)
from kiosk.store import AuditStore, StaffAction, utc_now

SETTINGS_CHANGE = "settings_change"


def is_secret(name: str) -> bool:
    return "password" in name


def editable_by(who: Who) -> tuple[Setting, ...]:
    """The settings ``who`` may change, in schema order: the fields of the settings form."""
    return tuple(setting for setting in settings.SCHEMA if may_change(setting, who))


class SettingsEditor:
    def __init__(self, current: Settings, audit: AuditStore, path: Path | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.current = current
        self.path = Path(path or settings_file())
        self._audit = audit
        self._clock = clock
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[Settings], None]] = []

    def subscribe(self, subscriber: Callable[[Settings], None]) -> None:
        """``subscriber(new_settings)`` runs after every change has been saved (keep it quick)."""
        self._subscribers.append(subscriber)

    def change(self, changes: Mapping[str, Any], who: Who) -> Settings:
        """Check every change (SettingsError naming the key; SettingNotAllowed when ``who`` may
        not), then save, apply and audit them together. Nothing happens unless all are valid."""
        with self._lock:
            coerced = self._checked(changes, who)
            changed = {name: value for name, value in coerced.items()
                       if plain_value(value) != plain_value(self.current.values[name])}
            if not changed:
                return self.current
            before, after = self.current, Settings({**self.current.values, **changed})
            save(after, self.path)
            self.current = after
            for subscriber in self._subscribers:
                subscriber(after)
            for name in changed:
                self._audit.record_staff_action(StaffAction(
                    self._clock(), SETTINGS_CHANGE, self._detail(name, before, after, who)))
        return after

    def change_visual_check_password(self, password: str, who: Who) -> None:
        """The 目視 password is kept apart from settings.toml (a salted hash); audited as changed."""
        set_visual_check_password(password)
        self._audit.record_staff_action(StaffAction(
            self._clock(), SETTINGS_CHANGE, {"key": "visual_check_password", "who": who.value}))

    def problems(self, changes: Mapping[str, Any], who: Who) -> dict[str, SettingsError]:
        """Every change that would be refused, with why (a form shows them all at once)."""
        found = {}
        for name, raw in changes.items():
            try:
                self._coerced(name, raw, who)
            except SettingsError as problem:
                found[name] = problem
        return found

    def _checked(self, changes: Mapping[str, Any], who: Who) -> dict[str, Any]:
        return {name: self._coerced(name, raw, who) for name, raw in changes.items()}

    @staticmethod
    def _coerced(name: str, raw: Any, who: Who) -> Any:
        setting = SCHEMA_BY_NAME.get(name)
        if setting is None:
            raise SettingsError(f"setting '{name}': there is no such setting")
        if not may_change(setting, who):
            raise SettingNotAllowed(f"setting '{name}': only the vendor may change it")
        return coerce(setting, plain_value(raw))

    @staticmethod
    def _detail(name: str, before: Settings, after: Settings, who: Who) -> dict[str, object]:
        detail: dict[str, object] = {"key": name, "who": who.value}
        if not is_secret(name):
            detail["from"] = plain_value(before.values[name])
            detail["to"] = plain_value(after.values[name])
        return detail
