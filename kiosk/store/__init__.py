"""The kiosk's own durable data: the audit store, field encryption, key files, SQLite set-up."""
from __future__ import annotations

from pathlib import Path

from kiosk.config.paths import data_dir
from kiosk.store.audit import (AuditStore, CheckinAudit, ForbiddenData, PersonalFields, StaffAction,
                               utc_now)
from kiosk.store.cipher import DecryptionError, FieldCipher


def store_key_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / "keys" / "store-aes256.key"


def open_field_cipher(base: Path | None = None) -> FieldCipher:
    """The kiosk's AES-256-GCM key for personal fields at rest (created on first use, mode 0600)."""
    return FieldCipher.from_key_file(store_key_path(base))


def open_audit_store(retention_days: int, base: Path | None = None) -> AuditStore:
    """The kiosk's audit store under ``base`` (default ``data_dir()``), from the retention setting.
    Call ``purge()`` at start-up and once a day."""
    return AuditStore((base or data_dir()) / "audit.sqlite", open_field_cipher(base), retention_days)


__all__ = ["AuditStore", "CheckinAudit", "DecryptionError", "FieldCipher", "ForbiddenData",
           "PersonalFields", "StaffAction", "open_audit_store", "open_field_cipher",
           "store_key_path", "utc_now"]
