from __future__ import annotations

import dataclasses
import stat
import subprocess
import sys

import pytest

from kiosk.gateway.attestation import TerminalKey, terminal_key_path
from kiosk.gateway.messages import Validity
from kiosk.gateway.provision import provision
from kiosk.gateway.record import (ElderlyRecipient, InsuredRecord, LimitCertificate,
                                  SpecificDisease, record_from_mapping)
from kiosk.gateway.registry import Registry, simulator_registry_path

CARD_PERSONAS = {"valid_adult", "expiring_soon", "grace_expired", "expired", "revoked",
                 "pin_one_try_left", "pin_locked", "infant_no_photo", "face_only_no_pin", "forged",
                 "android_phone", "iphone"}


def test_seed_has_every_card_persona_and_every_validity(registry):
    ids = set(registry.persona_ids())
    assert CARD_PERSONAS <= ids
    assert {registry.person(i)[0] for i in ids} == set(Validity)


def test_seed_fills_every_field_of_the_layout(registry):
    records = [r for _, r in map(registry.person, registry.persona_ids()) if r]
    nested = {"elderly_recipient": ElderlyRecipient, "limit_certificate": LimitCertificate,
              "specific_diseases": SpecificDisease}
    for field in dataclasses.fields(InsuredRecord):
        values = [getattr(r, field.name) for r in records if getattr(r, field.name)]
        assert values, f"no persona has {field.name}"
        if field.name in nested:
            first = values[0][0] if field.name == "specific_diseases" else values[0]
            assert all(getattr(first, f.name) for f in dataclasses.fields(first)), field.name


def test_seed_values_follow_the_layout(registry):
    for _, record in map(registry.person, registry.persona_ids()):
        if record is None:
            continue
        assert len(record.insurer_number) == 8 and len(record.birthdate) == 8
        assert "　" in record.name  # full-width space between family and given name
        assert all("\uff61" <= c <= "\uff9f" or c == " " for c in record.name_kana)


@pytest.mark.parametrize("mapping, message", [
    ({"name": "A", "birthdate": "20000101", "insurer_name": "X", "pin": "1234"}, "unknown"),
    ({"name": "A", "birthdate": 20000101, "insurer_name": "X"}, "must be a string"),
    ({"name": "", "birthdate": "20000101", "insurer_name": "X"}, "required")])
def test_records_are_strict(mapping, message):
    with pytest.raises(ValueError, match=message):
        record_from_mapping(mapping)


def test_validity_and_record_must_agree(registry):
    _, record = registry.person("valid_adult")
    with pytest.raises(ValueError):
        registry.put_person("x", Validity.NOT_FOUND, record)
    with pytest.raises(ValueError):
        registry.put_person("x", Validity.VALID, None)


def test_linking_needs_a_known_person(registry):
    with pytest.raises(KeyError):
        registry.link_certificate("nobody", b"cert")
    registry.link_certificate("iphone", b"cert")
    assert registry.persona_for(b"cert") == "iphone" and registry.persona_for(b"other") is None


@pytest.mark.posix
def test_provisioning_is_idempotent(tmp_path):
    first = provision(tmp_path)
    registry_bytes = Registry(first.registry_path).terminal_key(first.terminal_id)
    registered = list(Registry(first.registry_path)._db["terminals"].rows)
    key_file = terminal_key_path(tmp_path)
    key_bytes = key_file.read_bytes()
    second = provision(tmp_path)
    assert second.terminal_id == first.terminal_id and key_file.read_bytes() == key_bytes
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    registry = Registry(simulator_registry_path(tmp_path))
    assert registry.terminal_key(first.terminal_id) == registry_bytes
    assert registry_bytes == TerminalKey.load_or_create(key_file).public_key_pem
    assert list(registry._db["terminals"].rows) == registered and len(registered) == 1


def test_provisioning_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kiosk.gateway.provision", "--data-dir",
                           str(tmp_path)], capture_output=True, text=True, check=True, encoding="utf-8")
    assert "registered" in done.stdout and simulator_registry_path(tmp_path).exists()
