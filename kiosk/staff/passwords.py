"""Passwords kept only as slow salted hashes: the facility's 目視 (visual check) password here, the
staff panel's password in kiosk/staff/staff_access.py, both through `store_password`/`password_matches`.

The hash and its per-install random salt live in a JSON file in the config folder; the password
itself is never stored or logged. Checking costs tens of milliseconds or more on purpose (scrypt),
so callers with a screen run it off the GUI thread. The demo sets DEMO_VISUAL_CHECK_PASSWORD at its
first start (documented in the README); a clinic's vendor sets the real one at install.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from pathlib import Path

from kiosk.config import paths
from kiosk.config.atomic import write_atomically

log = logging.getLogger("kiosk.staff.passwords")

DEMO_VISUAL_CHECK_PASSWORD = "4649"
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
FILE_NAME = "visual-check-password.json"


def password_file() -> Path:
    return paths.config_dir() / FILE_NAME


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem: scrypt needs 128·r·n bytes; hashlib's default limit (32 MiB) is below the staff cost.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * r * n + 2 ** 20)


def store_password(password: str, path: Path, cost: dict[str, int]) -> None:
    """Write `password` as a fresh random salt and its scrypt hash, atomically."""
    salt = os.urandom(16)
    record = {"salt": salt.hex(), "hash": _hash(password, salt, **cost).hex(), **cost}
    write_atomically(path, json.dumps(record).encode("utf-8"), mode=0o600)   # no offline guessing


def password_matches(password: str, path: Path) -> bool:
    """True when `password` is the one stored in `path`; False when wrong or when none was set."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        expected = bytes.fromhex(record["hash"])
        typed = _hash(password, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
    except (OSError, ValueError, KeyError):
        log.error("no usable password in %s", path)
        return False
    return hmac.compare_digest(typed, expected)


def set_visual_check_password(password: str, path: Path | None = None) -> None:
    if not password:
        raise ValueError("the visual-check password cannot be empty")
    store_password(password, path or password_file(), SCRYPT)
    log.info("visual-check password set")


def ensure_demo_password(path: Path | None = None) -> None:
    """Give the demo its documented password once; a password already set is kept."""
    path = path or password_file()
    if not path.exists():
        set_visual_check_password(DEMO_VISUAL_CHECK_PASSWORD, path)


def check_visual_check_password(password: str, path: Path | None = None) -> bool:
    """True when `password` is the facility's; False when wrong or when none was ever set."""
    return password_matches(password, path or password_file())
