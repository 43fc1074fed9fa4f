"""The facility's 目視 (visual check) password, kept only as a slow salted hash.

The hash and its per-install random salt live in `visual-check-password.json` in the config folder;
the password itself is never stored or logged. Checking costs tens of milliseconds on purpose (scrypt),
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

from kiosk import paths

log = logging.getLogger("kiosk.passwords")

DEMO_VISUAL_CHECK_PASSWORD = "4649"
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
FILE_NAME = "visual-check-password.json"


def password_file() -> Path:
    return paths.config_dir() / FILE_NAME


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def set_visual_check_password(password: str, path: Path | None = None) -> None:
    if not password:
        raise ValueError("the visual-check password cannot be empty")
    path = path or password_file()
    salt = os.urandom(16)
    record = {"salt": salt.hex(), "hash": _hash(password, salt, **SCRYPT).hex(), **SCRYPT}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, path)
    log.info("visual-check password set")


def ensure_demo_password(path: Path | None = None) -> None:
    """Give the demo its documented password once; a password already set is kept."""
    path = path or password_file()
    if not path.exists():
        set_visual_check_password(DEMO_VISUAL_CHECK_PASSWORD, path)


def check_visual_check_password(password: str, path: Path | None = None) -> bool:
    """True when `password` is the facility's; False when wrong or when none was ever set."""
    path = path or password_file()
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        expected = bytes.fromhex(record["hash"])
        typed = _hash(password, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
    except (OSError, ValueError, KeyError):
        log.error("no usable visual-check password in %s", path)
        return False
    return hmac.compare_digest(typed, expected)
