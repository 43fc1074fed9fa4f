"""Settings: the schema's defaults, a real TOML file, and clear refusals naming the key."""
from __future__ import annotations

import re

import pytest

from kiosk.config import settings as st


def write(tmp_path, text: str):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_values_override_defaults(tmp_path):
    path = write(tmp_path, 'institution_code = "1311111111"\nstaff_mode = "pin_only"\n'
                           'consent_items = ["medication", "operations"]\nresult_encoding = "shift_jis"\n')
    loaded = st.load(path)
    assert loaded.institution_code == "1311111111"
    assert loaded.staff_mode is st.StaffMode.PIN_ONLY
    assert loaded.consent_items == [st.ConsentItem.MEDICATION, st.ConsentItem.OPERATIONS]
    assert loaded.result_encoding is st.ResultEncoding.SHIFT_JIS
    assert loaded.comprehensive_consent is True   # untouched keys keep their defaults


@pytest.mark.parametrize("text,named", [
    ('institution_code = "131111111"', "institution_code"),          # 9 digits
    ('institution_code = "13111111AB"', "institution_code"),
    ('institution_code = 1311111111', "institution_code"),           # a number loses leading zeros
    ('institution_code = "1311111111"\nstaff_mode = "sometimes"', "staff_mode"),
    ('institution_code = "1311111111"\nsmartphone_enabled = "yes"', "smartphone_enabled"),
    ('institution_code = "1311111111"\nscreen_timeout_seconds = 0', "screen_timeout_seconds"),
    ('institution_code = "1311111111"\nconsent_items = ["medication", "xray"]', "consent_items"),
    ('institution_code = "1311111111"\nlanguages = ["en", "ja"]', "languages"),
])
def test_bad_values_are_refused_naming_the_key(tmp_path, text, named):
    with pytest.raises(st.SettingsError, match=named):
        st.load(write(tmp_path, text))


def test_missing_institution_code_refuses_to_start(tmp_path):
    with pytest.raises(st.SettingsError, match="will not start"):
        st.load(tmp_path / "absent.toml")


def test_broken_toml_is_refused(tmp_path):
    with pytest.raises(st.SettingsError, match="not valid TOML"):
        st.load(write(tmp_path, 'institution_code = "131'))


def test_every_setting_is_described_and_its_default_passes_its_own_check():
    for setting in st.SCHEMA:
        assert setting.description.strip()
        if setting.name != "institution_code":     # no default code: each facility has its own
            assert st.coerce(setting, _as_toml(setting.default)) == setting.default


JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")   # hiragana, katakana, kanji


def test_every_setting_has_a_japanese_and_an_english_title():
    for setting in st.SCHEMA:
        assert JAPANESE.search(setting.title_ja), setting.name
        assert setting.title_en.strip() and setting.title_en.isascii(), setting.name
    titles = [(s.title_ja, s.title_en) for s in st.SCHEMA]
    assert len({ja for ja, _ in titles}) == len({en for _, en in titles}) == len(st.SCHEMA)   # none shared


def test_a_setting_cannot_be_declared_without_its_titles():
    with pytest.raises(TypeError, match="title_ja"):
        st.Setting("night_mode", bool, False, "A setting without titles.")   # type: ignore[call-arg]


def _as_toml(value):
    if isinstance(value, list):
        return [_as_toml(v) for v in value]
    return value.value if hasattr(value, "value") else value


def test_config_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("OQS_KIOSK_CONFIG_DIR", str(tmp_path))
    write(tmp_path, 'institution_code = "2712345678"')
    assert st.load().institution_code == "2712345678"


def test_camera_settings_name_a_device_index_a_path_or_the_face_camera_again():
    from kiosk.composition.installed import camera_sources
    assert camera_sources(st.defaults()) == (0, 0)
    chosen = st.defaults().with_changes(face_camera=" 2 ", tray_camera="/dev/video4")
    assert camera_sources(chosen) == (2, "/dev/video4")
    assert camera_sources(st.defaults().with_changes(face_camera="rtsp://cam/1")) == ("rtsp://cam/1",) * 2
    with pytest.raises(st.SettingsError, match="tray_camera"):
        st.defaults().with_changes(tray_camera="   ")
