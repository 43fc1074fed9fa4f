"""Who may open the staff panel: the staff password, kept only as a slow salted scrypt hash
(`staff-password.json` in the config folder), and a lockout that grows with every wrong try and
survives a restart (`staff-lockout.json` beside it).

Each try costs one scrypt (STAFF_SCRYPT, ≥ 100 ms on the kiosk's 2 cores; bench/staff_panel.py
measures it). The first FREE_TRIES wrong passwords in a row cost nothing more; each further one
locks the prompt for FIRST_LOCK_S, doubling up to LONGEST_LOCK_S. `most_guesses(3600)` is the
bound on guesses per hour that this gives (9), far below the ~36,000 the hash alone would allow.
A locked prompt does not even compute the hash, so a locked try teaches nothing.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from kiosk.config import paths
from kiosk.staff.passwords import password_matches, store_password
from kiosk.config.atomic import write_atomically
from kiosk.store import AuditStore, StaffAction, utc_now

log = logging.getLogger("kiosk.staff.staff_access")

STAFF_SCRYPT = {"n": 2 ** 16, "r": 8, "p": 1}   # 64 MiB per try (~200 ms here): slow on GPUs as well, and ≥ 100 ms on a faster PC
PASSWORD_FILE = "staff-password.json"
LOCKOUT_FILE = "staff-lockout.json"
DEMO_STAFF_PASSWORD = "2580"
MIN_LENGTH = 4
FREE_TRIES = 3
FIRST_LOCK_S = 30.0
LONGEST_LOCK_S = 3600.0
STAFF_LOGIN = "staff_login"
STAFF_PASSWORD_CHANGE = "staff_password_change"


def lock_seconds(failures: int) -> float:
    """How long the prompt stays locked after the `failures`-th wrong password in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_LOCK_S * 2.0 ** (failures - FREE_TRIES), LONGEST_LOCK_S)


def most_guesses(window_s: float) -> int:
    """The most passwords anyone can try within `window_s` seconds, starting unlocked and trying
    again the instant each lock ends (the hash time itself not even counted)."""
    at, guesses = 0.0, 0
    while at < window_s:
        guesses += 1
        at += lock_seconds(guesses)
    return guesses


@dataclass(frozen=True)
class Attempt:
    accepted: bool
    locked_for: float       # seconds before the next try is allowed; 0 when it is allowed now


@dataclass(frozen=True)
class Lockout:
    """The wrong passwords in a row and when the prompt opens again (wall-clock seconds), as the
    lockout file holds them."""
    failures: int = 0
    locked_until: float = 0.0


class StaffAccess:
    def __init__(self, folder: Path | None = None, audit: AuditStore | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        folder = folder or paths.config_dir()
        self.password_path = folder / PASSWORD_FILE
        self.lockout_path = folder / LOCKOUT_FILE
        self.audit, self.clock = audit, clock    # wall-clock time: the lock outlives a restart
        self._lock = threading.Lock()
        self._unsaved: Lockout | None = None   # the state a refused save could not store

    def has_password(self) -> bool:
        return self.password_path.exists()

    def set_password(self, password: str) -> None:
        if len(password) < MIN_LENGTH:
            raise ValueError(f"at least {MIN_LENGTH} characters")
        store_password(password, self.password_path, STAFF_SCRYPT)
        self._record(STAFF_PASSWORD_CHANGE, {})
        log.info("staff password set")

    def locked_for(self) -> float:
        return max(0.0, self._state().locked_until - self.clock())

    def confirm(self, password: str) -> None:
        """The current password again before a change (a wrong one counts towards the lockout,
        so an open panel left alone cannot be used to guess or to lock staff out)."""
        attempt = self.try_password(password)
        if not attempt.accepted:
            raise ValueError(f"locked for {attempt.locked_for:.0f} s" if attempt.locked_for
                             else "the current password is wrong")

    def try_password(self, password: str) -> Attempt:
        """Check `password` unless the prompt is locked; count a wrong one, clear on the right one."""
        with self._lock:
            state = self._state()
            now = self.clock()
            if state.locked_until > now:
                return Attempt(False, state.locked_until - now)
            accepted = password_matches(password, self.password_path)
            failures = 0 if accepted else state.failures + 1
            locked_until = now + lock_seconds(failures) if failures else 0.0
            self._keep(Lockout(failures, locked_until))
        self._record(STAFF_LOGIN, {"accepted": accepted, "failures": failures})
        if not accepted:
            log.warning("wrong staff password (%d in a row)", failures)
        return Attempt(accepted, max(0.0, locked_until - now))

    def _keep(self, state: Lockout) -> None:
        """Save the state; if the file cannot be replaced (held by another process, read-only),
        hold it in memory, where it counts until a later save succeeds."""
        try:
            self._save(state)
            self._unsaved = None
        except OSError:
            log.exception("cannot save %s: the lockout holds in memory until a save succeeds",
                          self.lockout_path)
            self._unsaved = state

    def _state(self) -> Lockout:
        if self._unsaved is not None:
            return self._unsaved
        try:
            saved = json.loads(self.lockout_path.read_text(encoding="utf-8"))
            return Lockout(int(saved["failures"]), float(saved["locked_until"]))
        except FileNotFoundError:
            return Lockout()
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not open the prompt: the longest lock, saved so that it can end.
            log.error("unreadable %s: locking the staff prompt", self.lockout_path)
            state = Lockout(FREE_TRIES, self.clock() + LONGEST_LOCK_S)
            self._keep(state)
            return state

    def _save(self, state: Lockout) -> None:
        write_atomically(self.lockout_path, json.dumps(asdict(state)).encode("utf-8"))

    def _record(self, kind: str, detail: dict[str, object]) -> None:
        if self.audit is not None:
            self.audit.record_staff_action(StaffAction(utc_now(), kind, detail))


def ensure_demo_staff_password(access: StaffAccess) -> None:
    """Give the demo its documented staff password once; a password already set is kept."""
    if not access.has_password():
        access.set_password(DEMO_STAFF_PASSWORD)
