"""Result files for the receipt computer: layout, names, and the durable outbox that writes them."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kiosk.gateway.attestation import TerminalKey, terminal_key_path
from kiosk.paths import data_dir
from kiosk.results.layout import render_result
from kiosk.results.naming import RESULT_FILE_PATTERN, kiosk_tag_of
from kiosk.results.outbox import Delivery, OutboxRetrier, OutboxStatus, ResultSink, prepare_folder
from kiosk.results.outcome import CheckinOutcome, ConsentFlag, ConsentItem, Prescription
from kiosk.store import open_field_cipher


def open_result_sink(folder: Path, institution_code: str, encoding: str = "utf-8",
                     base: Path | None = None,
                     on_status: Callable[[OutboxStatus], None] | None = None) -> ResultSink:
    """The sink the core uses, from settings: result folder, institution code, encoding
    (``utf-8`` or ``shift_jis``). Outbox and keys live under ``base`` (default ``data_dir()``).
    Call ``deliver_pending()`` once at start-up to finish what a crash left queued."""
    base = base or data_dir()
    prepare_folder(folder)
    kiosk_tag = kiosk_tag_of(TerminalKey.load_or_create(terminal_key_path(base)).terminal_id)
    return ResultSink(folder, base / "outbox.sqlite", institution_code, encoding, kiosk_tag,
                      open_field_cipher(base), on_status=on_status)


__all__ = ["CheckinOutcome", "ConsentFlag", "ConsentItem", "Delivery", "OutboxRetrier",
           "OutboxStatus", "Prescription", "RESULT_FILE_PATTERN", "ResultSink",
           "open_result_sink", "render_result"]
