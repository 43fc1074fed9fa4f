from __future__ import annotations

import stat

import pytest

from kiosk.store.cipher import DecryptionError, FieldCipher
from kiosk.store.keyfile import KeyFileError


@pytest.fixture
def cipher(tmp_path) -> FieldCipher:
    return FieldCipher.from_key_file(tmp_path / "keys" / "store.key")


def test_round_trip_and_fresh_nonces(cipher):
    plain = "山田".encode()
    first, second = cipher.encrypt(plain, "t:c:1"), cipher.encrypt(plain, "t:c:1")
    assert first != second and plain not in first
    assert cipher.decrypt(first, "t:c:1") == plain


def test_value_moved_to_another_row_or_column_does_not_decrypt(cipher):
    sealed = cipher.encrypt(b"19800217", "checkins:birthdate:row1")
    for context in ("checkins:birthdate:row2", "checkins:name:row1"):
        with pytest.raises(DecryptionError):
            cipher.decrypt(sealed, context)


def test_tampered_value_does_not_decrypt(cipher):
    sealed = bytearray(cipher.encrypt(b"x", "c"))
    sealed[-1] ^= 1
    with pytest.raises(DecryptionError):
        cipher.decrypt(bytes(sealed), "c")


def test_other_key_does_not_decrypt(cipher, tmp_path):
    other = FieldCipher.from_key_file(tmp_path / "other.key")
    with pytest.raises(DecryptionError):
        other.decrypt(cipher.encrypt(b"x", "c"), "c")


@pytest.mark.posix
def test_key_file_is_private_and_kept(tmp_path, cipher):
    path = tmp_path / "keys" / "store.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(path.read_bytes()) == 32
    sealed = cipher.encrypt(b"x", "c")
    assert FieldCipher.from_key_file(path).decrypt(sealed, "c") == b"x"
    path.chmod(0o640)
    with pytest.raises(KeyFileError):
        FieldCipher.from_key_file(path)
