from __future__ import annotations

from kiosk.gateway.attestation import TerminalKey, terminal_key_path
from kiosk.results import RESULT_FILE_PATTERN, open_result_sink
from kiosk.store import open_audit_store
from tests.results.outcomes import outcome_for
from tests.results.sinks import opened


def test_sink_from_settings_names_files_after_this_kiosk(tmp_path):
    folder = tmp_path / "OQS" / "face"
    folder.mkdir(parents=True)
    sink = opened(open_result_sink(folder, "1311111111", "shift_jis", base=tmp_path / "data"))
    delivery = sink.write(outcome_for("valid_adult"))
    tag = TerminalKey.load_or_create(terminal_key_path(tmp_path / "data")).terminal_id[:6]
    assert delivery.written and RESULT_FILE_PATTERN.match(delivery.file_name)
    assert delivery.file_name.startswith(f"OQSsiquc01res_face_1311111111{tag}")
    assert b'encoding="Shift_JIS"' in delivery.path.read_bytes()


def test_sink_starts_while_the_share_is_offline(tmp_path):
    offline = tmp_path / "not-a-folder"
    offline.write_text("a file where the share should be", encoding="utf-8")
    sink = opened(open_result_sink(offline / "face", "1311111111", base=tmp_path / "data"))
    assert not sink.write(outcome_for("valid_adult")).written and sink.status().alert


def test_audit_store_from_settings(tmp_path):
    store = open_audit_store(30, base=tmp_path)
    assert store.checkins() == [] and (tmp_path / "audit.sqlite").exists()
