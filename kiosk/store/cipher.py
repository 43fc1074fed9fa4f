"""AES-256-GCM for personal fields at rest. Each value is bound to its context (table, column,
row key) as associated data, so a ciphertext moved to another row or column does not decrypt."""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.store.keyfile import read_or_create_secret

_FORMAT = b"\x01"  # format byte, then a 12-byte nonce, then ciphertext and tag
_NONCE_BYTES = 12


class DecryptionError(Exception):
    """Wrong key, wrong context, or a tampered value."""


class FieldCipher:
    def __init__(self, key: bytes):
        if len(key) != 32:
            raise ValueError("an AES-256 key is 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def from_key_file(cls, path: Path) -> "FieldCipher":
        """The key in ``path`` (32 raw bytes, mode 0600), created there on first use."""
        return cls(read_or_create_secret(path, lambda: AESGCM.generate_key(bit_length=256)))

    def encrypt(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _FORMAT + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes:
        if not blob.startswith(_FORMAT):
            raise DecryptionError("unknown ciphertext format")
        nonce, sealed = blob[1:1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, sealed, context.encode())
        except InvalidTag:
            raise DecryptionError(f"cannot decrypt the value for {context}") from None

    def encrypt_text(self, text: str | None, context: str) -> bytes | None:
        return None if text is None else self.encrypt(text.encode("utf-8"), context)

    def decrypt_text(self, blob: bytes | None, context: str) -> str | None:
        return None if blob is None else self.decrypt(blob, context).decode("utf-8")
