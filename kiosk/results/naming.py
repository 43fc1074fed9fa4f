"""Result file names: the pattern receipt computers match, a unique middle part that also differs
between kiosks sharing one folder, and temporary names that never match the pattern."""
from __future__ import annotations

import base64
import os
import re
from datetime import datetime

RESULT_FILE_PATTERN = re.compile(r"^OQSsiquc01res_face_.+_(\d{14})\.xml$")
TEMPORARY_SUFFIX = ".part"
KIOSK_TAG_LENGTH = 6
_UNIQUE_LENGTH = 20


def check_institution_code(code: str) -> str:
    if not re.fullmatch(r"[0-9]{10}", code):   # ASCII: \d would take full-width digits
        raise ValueError(f"the medical institution code must be 10 digits, got {code!r}")
    return code


def kiosk_tag_of(terminal_id: str) -> str:
    """6 lowercase hex characters naming this kiosk (from its terminal key id)."""
    tag = terminal_id[:KIOSK_TAG_LENGTH].lower()
    if not re.fullmatch(r"[0-9a-f]{6}", tag):
        raise ValueError(f"kiosk tag needs 6 hex characters, got {terminal_id!r}")
    return tag


def result_file_name(institution_code: str, kiosk_tag: str, stamp: datetime) -> str:
    """``OQSsiquc01res_face_<10-digit code><6 kiosk hex><14 random hex>_<yyyyMMddHHmmss>.xml``."""
    random_part = os.urandom(7).hex()
    unique = kiosk_tag + random_part
    assert len(unique) == _UNIQUE_LENGTH
    return f"OQSsiquc01res_face_{check_institution_code(institution_code)}{unique}_{stamp:%Y%m%d%H%M%S}.xml"


def temporary_name(final_name: str) -> str:
    """Hidden, and does not match RESULT_FILE_PATTERN (it starts with a dot, ends in .part)."""
    return f".{final_name}{TEMPORARY_SUFFIX}"


def new_file_identifier() -> str:
    """ArbitraryFileIdentifier: 16 characters (base64 of 12 random bytes), as real face files have."""
    return base64.b64encode(os.urandom(12)).decode("ascii")
