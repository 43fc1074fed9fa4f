"""Issue 17, fault 8: settings that passed validation but broke the kiosk. Each file here is
written as a vendor might type it; the kiosk must refuse it naming the setting, or take it."""
from __future__ import annotations

import logging

import pytest

from kiosk.config import settings as st
from kiosk.tools.config_reference import reference
from kiosk.results.naming import check_institution_code

CODE = 'institution_code = "1311111111"\n'


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding=encoding)
    return path


@pytest.mark.parametrize("code", ["１３１１１１１１１１",     # full-width digits
                                  "١٣١١١١١١١١",           # Arabic-Indic digits
                                  "13111111١١"])
def test_only_ascii_digits_make_an_institution_code(tmp_path, code):
    with pytest.raises(st.SettingsError, match="institution_code"):
        st.load(write(tmp_path, f'institution_code = "{code}"\n'))
    with pytest.raises(ValueError):
        check_institution_code(code)


@pytest.mark.parametrize("name", [s.name for s in st.SCHEMA if s.type is int])
@pytest.mark.parametrize("too_big", [10 ** 20, 2 ** 31])
def test_every_number_is_bounded_by_what_its_consumer_takes(tmp_path, name, too_big):
    """A timer takes at most 2**31 - 1 ms; a retention of 10**20 days overflows a date."""
    with pytest.raises(st.SettingsError, match=name):
        st.load(write(tmp_path, CODE + f"{name} = {too_big}\n"))
    setting = st.SCHEMA_BY_NAME[name]
    assert setting.maximum is not None and setting.minimum is not None
    assert st.load(write(tmp_path, CODE + f"{name} = {setting.maximum}\n")).values[name] == setting.maximum
    if name.endswith("_seconds"):
        assert setting.maximum * 1000 < 2 ** 31
    with pytest.raises(st.SettingsError, match=name):
        st.load(write(tmp_path, CODE + f"{name} = {setting.minimum - 1}\n"))


def test_the_reference_shows_the_bounds():
    text = reference()
    for setting in st.SCHEMA:
        if setting.type is int:
            assert f"{setting.minimum} to {setting.maximum}" in text


@pytest.mark.parametrize("name", ["result_folder", "result_share_mount"])
@pytest.mark.parametrize("value", ["results\\u0000x", "relative/face", "face"])
def test_paths_are_absolute_and_without_nul(tmp_path, name, value):
    with pytest.raises(st.SettingsError, match=name):
        st.load(write(tmp_path, CODE + f'{name} = "{value}"\n'))


def test_an_absolute_result_folder_is_taken(tmp_path):
    loaded = st.load(write(tmp_path, CODE + f'result_folder = "{tmp_path / "face"}"\n'))
    assert loaded.result_folder_path() == tmp_path / "face"


def test_a_folder_named_settings_toml_is_refused_clearly(tmp_path):
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    with pytest.raises(st.SettingsError, match="cannot be read"):
        st.load(folder)


def test_a_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, "\ufeff" + CODE + 'staff_mode = "pin_only"\n')
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert st.load(path).staff_mode is st.StaffMode.PIN_ONLY


@pytest.mark.expect_log("colour")
def test_an_unknown_setting_is_a_warning_not_a_refusal(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.config.settings"):
        loaded = st.load(write(tmp_path, CODE + 'colour = "blue"\n'))
    assert loaded.institution_code == "1311111111"
    assert any("colour" in r.getMessage() for r in caplog.records)
    assert any("colour" in warning for warning in loaded.warnings)
