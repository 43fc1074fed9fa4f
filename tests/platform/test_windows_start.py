"""The windowed program (oqs-kiosk.exe) has no console: a start that fails must say why on screen."""
from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from kiosk.__main__ import main


@pytest.mark.qt_log_ignore("pipewire")     # QtMultimedia looks for PipeWire as ui.app loads
def test_a_windowed_start_with_unusable_settings_says_why_on_screen(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    unusable = tmp_path / "settings.toml"
    unusable.write_text('institution_code = "not ten digits"\n', encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "stderr", None)      # what pythonw and a windowed PyInstaller program have
    try:
        assert main(["--settings", str(unusable)]) == 2
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert len(shown) == 1 and "The kiosk cannot start" in shown[0] and "institution_code" in shown[0]
    assert "kiosk.log" in shown[0]
