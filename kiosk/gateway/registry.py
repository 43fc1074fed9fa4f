"""The simulator's SQLite registry: insured persons by persona id, the certificates linked to them,
the registered terminal keys and the issued nonces."""
from __future__ import annotations

import json
import os
import threading
import time
import tomllib
from pathlib import Path

from kiosk.gateway.attestation import certificate_fingerprint
from kiosk.gateway.errors import NonceReused, NonceUnknown
from kiosk.gateway.messages import Validity
from kiosk.gateway.record import InsuredRecord, record_from_mapping, record_to_mapping
from kiosk.config.paths import data_dir, resource_path
from kiosk.store.sqlite import open_database

NONCE_BYTES = 32


def simulator_registry_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / "simulator" / "registry.sqlite"


def default_seed_file() -> Path:
    return resource_path("insurance", "personas.toml")


class Registry:
    """Thread-safe; every change is committed (and fsynced) before the method returns."""

    def __init__(self, path: Path | str):
        self._db = open_database(path)
        self._lock = threading.Lock()
        with self._lock, self._db.atomic():
            self._db.table("persons").create({"persona_id": str, "validity": int, "record": str},
                                       pk="persona_id", if_not_exists=True)
            self._db.table("certificate_links").create({"cert_sha256": str, "persona_id": str},
                                                 pk="cert_sha256", if_not_exists=True)
            self._db.table("terminals").create({"terminal_id": str, "public_key_pem": str,
                                          "registered_at": float}, pk="terminal_id",
                                         if_not_exists=True)
            self._db.table("nonces").create({"nonce": str, "issued_at": float, "spent_at": float},
                                      pk="nonce", if_not_exists=True)
            self._db.table("nonces").create_index(["issued_at"], if_not_exists=True)

    # insured persons --------------------------------------------------------------------------
    def put_person(self, persona_id: str, validity: Validity, record: InsuredRecord | None) -> None:
        with self._lock, self._db.atomic():
            self._put_person(persona_id, validity, record)

    def seed(self, toml_path: Path | None = None) -> list[str]:
        """Load (or reload) every persona of the seed file, in one transaction; returns the ids."""
        personas = tomllib.loads(Path(toml_path or default_seed_file()).read_text("utf-8"))
        with self._lock, self._db.atomic():
            for persona_id, entry in personas.items():
                record = entry.get("record")
                self._put_person(persona_id, Validity(entry["validity"]),
                                 None if record is None else record_from_mapping(record))
        return list(personas)

    def _put_person(self, persona_id: str, validity: Validity, record: InsuredRecord | None) -> None:
        if (record is None) != (validity in (Validity.NOT_FOUND, Validity.SEVERAL_FOUND)):
            raise ValueError(f"{persona_id}: validity {validity.value} and record presence disagree")
        row = {"persona_id": persona_id, "validity": int(validity),
               "record": None if record is None else json.dumps(record_to_mapping(record),
                                                                ensure_ascii=False)}
        existing = list(self._db.table("persons").rows_where("persona_id = ?", [persona_id]))
        if existing != [row]:  # re-seeding unchanged data writes nothing
            self._db.table("persons").upsert(row, pk="persona_id")

    def person(self, persona_id: str) -> tuple[Validity, InsuredRecord | None]:
        with self._lock:
            row = self._db.table("persons").get(persona_id)
        record = None if row["record"] is None else record_from_mapping(json.loads(row["record"]))
        return Validity(row["validity"]), record

    def persona_ids(self) -> list[str]:
        with self._lock:
            return [row["persona_id"] for row in self._db.table("persons").rows]

    # certificates -----------------------------------------------------------------------------
    def link_certificate(self, persona_id: str, cert_der: bytes) -> None:
        """From now on ``cert_der`` (a persona's authentication certificate) identifies them."""
        with self._lock, self._db.atomic():
            if not self._db.table("persons").count_where("persona_id = ?", [persona_id]):
                raise KeyError(f"no insured person {persona_id!r} in the registry")
            self._db.table("certificate_links").upsert(
                {"cert_sha256": certificate_fingerprint(cert_der), "persona_id": persona_id},
                pk="cert_sha256")

    def persona_for(self, cert_der: bytes) -> str | None:
        with self._lock:
            rows = list(self._db.table("certificate_links").rows_where(
                "cert_sha256 = ?", [certificate_fingerprint(cert_der)]))
        return rows[0]["persona_id"] if rows else None

    # terminals --------------------------------------------------------------------------------
    def register_terminal(self, terminal_id: str, public_key_pem: bytes) -> None:
        with self._lock, self._db.atomic():
            self._db.table("terminals").upsert({"terminal_id": terminal_id,
                                          "public_key_pem": public_key_pem.decode("ascii"),
                                          "registered_at": time.time()}, pk="terminal_id")

    def terminal_key(self, terminal_id: str) -> bytes | None:
        with self._lock:
            rows = list(self._db.table("terminals").rows_where("terminal_id = ?", [terminal_id]))
        return rows[0]["public_key_pem"].encode("ascii") if rows else None

    # nonces -----------------------------------------------------------------------------------
    def issue_nonce(self, now: float, forget_before: float) -> bytes:
        """A new random nonce; nonces issued before ``forget_before`` are dropped (a late
        request naming one is then refused as unknown)."""
        nonce = os.urandom(NONCE_BYTES)
        with self._lock, self._db.atomic():
            self._db.execute("DELETE FROM nonces WHERE issued_at < ?", [forget_before])
            self._db.table("nonces").insert({"nonce": nonce.hex(), "issued_at": now, "spent_at": None})
        return nonce

    def spend_nonce(self, nonce: bytes, now: float, lifetime_s: float) -> None:
        """Mark ``nonce`` used, once: raise NonceUnknown/NonceReused otherwise."""
        with self._lock, self._db.atomic():
            rows = list(self._db.table("nonces").rows_where("nonce = ?", [nonce.hex()]))
            if not rows:
                raise NonceUnknown("nonce was not issued here")
            if rows[0]["spent_at"] is not None:
                raise NonceReused("nonce already used")
            if now - rows[0]["issued_at"] > lifetime_s:
                raise NonceUnknown("nonce expired")
            spent = self._db.execute("UPDATE nonces SET spent_at = ? WHERE nonce = ? AND spent_at "
                                     "IS NULL", [now, nonce.hex()]).rowcount
            if spent != 1:  # another process sharing this registry spent it just now
                raise NonceReused("nonce already used")
