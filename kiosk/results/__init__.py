"""Result files for the receipt computer: layout, names, and the durable outbox that writes them."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kiosk.gateway.attestation import TerminalKey, terminal_key_path
from kiosk.config.paths import data_dir
from kiosk.config.settings import Settings
from kiosk.results.layout import render_result
from kiosk.results.naming import RESULT_FILE_PATTERN, kiosk_tag_of
from kiosk.results.outbox import Delivery, OutboxRetrier, OutboxStatus, ResultSink
from kiosk.results.outcome import CheckinOutcome, ConsentFlag, Prescription
from kiosk.store import open_field_cipher


def open_result_sink(folder: Path, institution_code: str, encoding: str = "utf-8",
                     base: Path | None = None,
                     on_status: Callable[[OutboxStatus], None] | None = None,
                     share_mount: Path | None = None) -> ResultSink:
    """The sink the core uses, from settings: result folder, institution code, encoding
    (``utf-8`` or ``shift_jis``), the share's mount point if the vendor named one. Outbox and
    keys live under ``base`` (default ``data_dir()``). The result folder is never created here
    (kiosk.results.share). Call ``deliver_pending()`` once at start-up to finish what a crash
    left queued."""
    base = base or data_dir()
    kiosk_tag = kiosk_tag_of(TerminalKey.load_or_create(terminal_key_path(base)).terminal_id)
    return ResultSink(folder, base / "outbox.sqlite", institution_code, encoding, kiosk_tag,
                      open_field_cipher(base), on_status=on_status, share_mount=share_mount)


def prepare_result_folder(loaded: Settings) -> Path:
    """The result folder of ``loaded``, created only when it is the kiosk's own default."""
    folder = loaded.result_folder_path()
    if not loaded.result_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:   # results wait in the outbox; the self-test and staff see why
            pass
    return folder


def sink_from_settings(loaded: Settings, base: Path | None = None,
                       on_status: Callable[[OutboxStatus], None] | None = None) -> ResultSink:
    """The sink for ``loaded`` settings. Only the kiosk's own default folder (no result_folder
    set) is created; a vendor's folder is the share's, and the kiosk waits for it."""
    folder = prepare_result_folder(loaded)
    return open_result_sink(folder, loaded.institution_code, loaded.result_encoding.value,
                            base=base, on_status=on_status,
                            share_mount=loaded.result_share_mount_path())


__all__ = ["CheckinOutcome", "ConsentFlag", "Delivery", "OutboxRetrier",
           "OutboxStatus", "Prescription", "RESULT_FILE_PATTERN", "ResultSink",
           "open_result_sink", "prepare_result_folder", "render_result", "sink_from_settings"]
