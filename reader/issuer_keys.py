"""The card-issuer keys that sign EF 0004 of the 券面 applications, as data shipped in
`resources/trust/card-issuer-keys.json` and looked up by the whole 16-byte 証明者鍵ID.

Three hierarchies: `jlis-production` (5000020/5000023/5000033), `jlis-test` (the same numbers with
a leading 6: JPKI test cards), `project-test` (this project's virtual cards). J-LIS ids have zero
bytes 12–14; the project's carry "OQS" there, so a demo card can never pass as real and a real
card is never checked against a demo key. The loader refuses a table that breaks this rule.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from .resources import resource_dir

TABLE_FILE = "card-issuer-keys.json"
KEY_ID_LENGTH = 16
JLIS_HIERARCHIES = ("jlis-production", "jlis-test")
PROJECT_HIERARCHY = "project-test"
PROJECT_MARK = b"OQS"  # bytes 12–14 of every project id; zero in every J-LIS id


def key_id_name(key_id: bytes) -> str:
    """The printable part of a key id, "5000023/001" (digits only, so it never leaks data)."""
    number, group = key_id[:7], key_id[9:12]
    if not (number.isdigit() and group.isdigit()):
        return key_id.hex()
    return f"{number.decode()}/{group.decode()}"


@dataclass(frozen=True)
class IssuerKey:
    key_id: bytes
    hierarchy: str
    public_key: rsa.RSAPublicKey
    source: str

    @property
    def name(self) -> str:
        return key_id_name(self.key_id)


class IssuerKeyTable:
    def __init__(self, keys: list[IssuerKey]):
        self._by_id: dict[bytes, IssuerKey] = {}
        for key in keys:
            _check_id(key.key_id, key.hierarchy)
            if key.key_id in self._by_id:
                raise ValueError(f"issuer key {key.name} listed twice")
            self._by_id[key.key_id] = key

    def find(self, key_id: bytes) -> IssuerKey | None:
        return self._by_id.get(bytes(key_id))

    def __iter__(self) -> Iterator[IssuerKey]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def _check_id(key_id: bytes, hierarchy: str) -> None:
    if len(key_id) != KEY_ID_LENGTH or key_id[7:9] != b"\x08\x05":
        raise ValueError(f"{key_id.hex()} is not a 16-byte 証明者鍵ID")
    mark = key_id[12:15]
    if hierarchy in JLIS_HIERARCHIES and mark != b"\x00\x00\x00":
        raise ValueError(f"J-LIS key id {key_id.hex()} must have zero bytes 12-14")
    if hierarchy == PROJECT_HIERARCHY and mark != PROJECT_MARK:
        raise ValueError(f"project key id {key_id.hex()} must carry {PROJECT_MARK!r} in bytes 12-14")
    if hierarchy not in (*JLIS_HIERARCHIES, PROJECT_HIERARCHY):
        raise ValueError(f"unknown hierarchy {hierarchy!r}")


def load_issuer_keys(path: Path | None = None,
                     hierarchies: tuple[str, ...] | None = None) -> IssuerKeyTable:
    """The shipped table (or `path`), optionally only some hierarchies."""
    path = path or resource_dir() / "trust" / TABLE_FILE
    keys = []
    for entry in json.loads(Path(path).read_text(encoding="utf-8"))["keys"]:
        if hierarchies is not None and entry["hierarchy"] not in hierarchies:
            continue
        public_key = rsa.RSAPublicNumbers(int(entry["exponent"], 16),
                                          int(entry["modulus"], 16)).public_key()
        keys.append(IssuerKey(bytes.fromhex(entry["key_id"]), entry["hierarchy"], public_key,
                              entry["source"]))
    return IssuerKeyTable(keys)
