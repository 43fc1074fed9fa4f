"""The windowed program (oqs-kiosk.exe) has no console: a start that fails must say why on screen."""
from __future__ import annotations

import logging
import sys

import pytest

import ui.refusal
from kiosk.__main__ import main


@pytest.mark.qt_log_ignore("pipewire")     # QtMultimedia looks for PipeWire as ui.app loads
def test_a_windowed_start_with_unusable_settings_says_why_on_screen(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    unusable = tmp_path / "settings.toml"
    unusable.write_text('institution_code = "not ten digits"\n', encoding="utf-8")
    shown: list[str] = []

    class SeenRefusal(ui.refusal.RefusalWindow):
        def showEvent(self, event):
            shown.append(self.reason.text())
            super().showEvent(event)

    monkeypatch.setattr(ui.refusal, "RefusalWindow", SeenRefusal)
    monkeypatch.setattr(sys, "stderr", None)      # what pythonw and a windowed PyInstaller program have
    try:
        assert main(["--settings", str(unusable), "--windowed", "--quit-after", "0.3"]) == 2
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert len(shown) == 1 and "institution_code" in shown[0]
    assert "cannot start" in (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
