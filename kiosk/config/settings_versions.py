"""settings.toml carries ``schema_version``; a file from an earlier kiosk is brought forward by
renaming and dropping keys, so an update never refuses a file the previous version accepted.

A file without the key is version 1 (every file written before the key existed). Each migration
names the keys renamed and removed on the way from one version to the next; add one (and raise
SETTINGS_VERSION) whenever a setting is renamed or retired, and the tests load a file of every
earlier version."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Mapping

log = logging.getLogger("kiosk.config.settings")

VERSION_KEY = "schema_version"


@dataclass(frozen=True)
class Migration:
    """From one version of settings.toml to the next."""

    renamed: Mapping[str, str] = field(default_factory=dict)   # old name → new name
    removed: frozenset[str] = frozenset()
    why: str = ""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(why="2: settings.toml carries schema_version; result_share_mount added"),   # 1 → 2
)
SETTINGS_VERSION = len(MIGRATIONS) + 1


class SettingsTooNew(ValueError):
    """The file was written for a newer kiosk."""


def migrate(raw: Mapping[str, Any], migrations: tuple[Migration, ...] = MIGRATIONS) -> dict[str, Any]:
    """``raw`` (a parsed settings.toml) at the latest version, without the version key. Raises
    ValueError for a version that is not a whole number, SettingsTooNew for one from the future."""
    values = dict(raw)
    version = values.pop(VERSION_KEY, 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"setting '{VERSION_KEY}': must be a whole number from 1 (got {version!r})")
    if version > len(migrations) + 1:
        raise SettingsTooNew(f"setting '{VERSION_KEY}': the file is version {version}, written "
                             f"for a newer kiosk; this one knows up to {len(migrations) + 1}")
    for migration in migrations[version - 1:]:
        for old, new in migration.renamed.items():
            if old in values:
                if new not in values:
                    values[new] = values[old]
                log.info("settings: '%s' is now called '%s'", old, new)
                del values[old]
        for gone in migration.removed:
            if values.pop(gone, None) is not None:
                log.info("settings: '%s' is no longer used and was dropped", gone)
    return values
