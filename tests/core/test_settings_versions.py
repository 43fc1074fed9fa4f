"""settings.toml's schema_version: a file of every earlier version loads in this kiosk with the
values it held; renamed keys carry their value over, removed ones go; a file from a newer kiosk
or with a nonsense version is refused naming the key."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import settings as st
from kiosk.config import settings_versions as sv

FILES = Path(__file__).parent / "settings_files"
EARLIER = range(1, sv.SETTINGS_VERSION)


def test_there_is_a_sample_file_of_every_earlier_version():
    assert sorted(p.name for p in FILES.glob("v*.toml")) == [f"v{v}.toml" for v in EARLIER]


@pytest.mark.parametrize("version", EARLIER)
def test_a_file_of_every_earlier_version_loads_with_its_values(version, tmp_path):
    path = FILES / f"v{version}.toml"
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    loaded = st.load(path)
    assert loaded.warnings == ()
    for name, value in sv.migrate(written).items():
        assert st.plain_value(loaded.values[name]) == value
    saved = st.save(loaded, tmp_path / "settings.toml")       # saved again: the latest version
    again = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert again[sv.VERSION_KEY] == sv.SETTINGS_VERSION
    assert st.load(saved).values == loaded.values


def test_renamed_keys_carry_their_value_and_removed_keys_go():
    steps = (sv.Migration(renamed={"face_tries": "face_attempts"}, removed=frozenset({"beep"})),
             sv.Migration(renamed={"volume": "voice_volume"}))
    assert sv.migrate({"face_tries": 3, "beep": True, "volume": 20}, steps) == \
        {"face_attempts": 3, "voice_volume": 20}
    assert sv.migrate({"schema_version": 2, "face_tries": 3, "volume": 20}, steps) == \
        {"face_tries": 3, "voice_volume": 20}     # at version 2 the first migration is behind it
    assert sv.migrate({"schema_version": 3, "volume": 20}, steps) == {"volume": 20}


@pytest.mark.parametrize("version,problem", [(sv.SETTINGS_VERSION + 1, "newer kiosk"),
                                             ('"2"', "whole number"), (0, "whole number")])
def test_a_wrong_version_is_refused_naming_the_key(tmp_path, version, problem):
    path = tmp_path / "settings.toml"
    path.write_text(f'schema_version = {version}\ninstitution_code = "1312345678"\n', encoding="utf-8")
    with pytest.raises(st.SettingsError, match=f"schema_version.*{problem}"):
        st.load(path)


def test_the_current_file_names_its_version(tmp_path):
    saved = st.save(st.defaults().with_changes(institution_code="1312345678"), tmp_path / "s.toml")
    assert saved.read_text(encoding="utf-8").startswith(f"{sv.VERSION_KEY} = {sv.SETTINGS_VERSION}\n")
