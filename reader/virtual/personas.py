"""Virtual personas: card-face values, PINs and counters, and the certificates and chip files
built for a given day so tests never rot as the calendar moves.

`build_personas(folder, today)` writes every persona under `folder` (layout in
resources/personas/README.md); `open_card(folder, persona_id)` returns its `VirtualCard`.
Keys come from resources/personas/keys (TEST ONLY); issuers from resources/trust (TEST ONLY).
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

from .. import cardkey, commands, tlv
from ..era import era_yymmdd, number_b
from ..resources import resource_dir
from ..transport import JpkiToken
from . import records
from .card import Application, Ef, Key, Pin, VirtualCard
from .issuing import (FACE_ISSUER_ID, FACE_SIGNER_ID, TEXT_ISSUER_ID, TEXT_SIGNER_ID, Issuers, der,
                      keys_dir, load_key, text_image)

LABELS = {JpkiToken.CARD: "JPKIAPICCTOKEN2", JpkiToken.ANDROID: "JPKIAPGPSETOKEN",
          JpkiToken.IPHONE: "JPKIAPIOSTOKEN"}
CARD_ATR = bytes.fromhex("3BE000FF8131FE4514")  # contact interface, T=1
CONTACTLESS_ATR = bytes.fromhex("3B8880010000000000000000")  # PC/SC part 3 style, TCK added below
T0_ATR = bytes.fromhex("3B00")  # contact interface, T=0 only (no interface bytes)
AUTH_PIN_TRIES, NUMBER_B_TRIES, TEXT_PIN_TRIES, SIGNATURE_PASSWORD_TRIES = 3, 10, 3, 5
# The JPKI signature side. The kiosk has no constant for these files (reader.commands): only the
# virtual card knows them.
EF_SIGN_CERT, EF_SIGN_CA_CERT, EF_SIGN_KEY, EF_SIGN_PASSWORD = 0x0001, 0x0002, 0x001A, 0x001B
SIGNATURE_PASSWORD = "OQSTEST1"  # 6-16 characters on real cards; TEST ONLY
TOKEN_INFO_SIZE, LABEL_FIELD = 160, 32
TEXT_ADDRESS = "東京都千代田区霞が関１－１（TEST ONLY）"


def with_tck(atr: bytes) -> bytes:
    check = 0
    for byte in atr[1:]:
        check ^= byte
    return atr + bytes((check,))


@dataclass(frozen=True)
class Persona:
    id: str
    description: str
    token: JpkiToken
    name: str
    birth_date: date
    sex: str
    security_code: str
    pin: str | None  # None: no PIN set on the card (face-only card)
    cert_expiry_days: int = 1500  # certificate (and card) expiry, days after `today`
    pin_tries: int = AUTH_PIN_TRIES
    photo: bool = True
    revoked: bool = False
    forged: bool = False


PERSONAS = {p.id: p for p in (
    Persona("valid_adult", "valid card, everything in order", JpkiToken.CARD,
            "山田　太郎", date(1980, 2, 17), "1", "2285", "1234"),
    Persona("expiring_soon", "certificate expires within 3 months", JpkiToken.CARD,
            "佐藤　花子", date(1955, 7, 1), "2", "4821", "2468", cert_expiry_days=45),
    Persona("grace_expired", "certificate expired less than 3 months ago", JpkiToken.CARD,
            "鈴木　次郎", date(1962, 11, 23), "1", "7310", "1357", cert_expiry_days=-30),
    Persona("expired", "certificate expired beyond the 3-month grace", JpkiToken.CARD,
            "高木　健", date(1948, 3, 3), "1", "1029", "9753", cert_expiry_days=-200),
    Persona("revoked", "certificate revoked (on the test CA's CRL)", JpkiToken.CARD,
            "田中　美穂", date(1990, 5, 5), "2", "5566", "8642", revoked=True),
    Persona("pin_one_try_left", "authentication PIN has 1 try left", JpkiToken.CARD,
            "髙橋　誠", date(1975, 9, 30), "1", "3141", "3690", pin_tries=1),
    Persona("pin_locked", "authentication PIN blocked", JpkiToken.CARD,
            "伊藤　和子", date(1969, 12, 12), "2", "2718", "4826", pin_tries=0),
    Persona("infant_no_photo", "infant card without a face photo", JpkiToken.CARD,
            "渡辺　陽葵", date(2024, 8, 8), "2", "0606", "5050", photo=False),
    Persona("face_only_no_pin", "face-authentication card, no PIN set", JpkiToken.CARD,
            "中村　清", date(1938, 4, 29), "1", "9012", None),
    Persona("forged", "valid layout, signed by untrusted keys", JpkiToken.CARD,
            "小林　翔", date(1985, 1, 15), "1", "6666", "1111", forged=True),
    Persona("android_phone", "Android smartphone certificate (PIN before the certificate)",
            JpkiToken.ANDROID, "スミス　ジョン", date(1995, 6, 15), "1", "8080", "2580", photo=False),
    Persona("iphone", "iPhone; the patient authenticates on the phone", JpkiToken.IPHONE,
            "𠮷野　美咲", date(2000, 1, 1), "2", "1212", None, photo=False),
)}


def card_expiry(persona: Persona, today: date) -> date:
    return today + timedelta(days=persona.cert_expiry_days)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _fake_my_number(persona: Persona) -> str:
    """12 digits that are clearly not anybody's: 9s, then a per-persona tail."""
    return "999999" + f"{zlib.crc32(persona.id.encode()) % 10**6:06d}"


def _build_one(persona: Persona, today: date, out: Path, issuers: Issuers) -> dict[str, Any]:
    auth_key = load_key(keys_dir() / f"{persona.id}.auth.key.pem")
    expiry = card_expiry(persona, today)
    cert = issuers.auth_certificate(persona.id, auth_key.public_key(), today, expiry,
                                    persona.forged)
    record = {
        "id": persona.id, "description": persona.description, "token_kind": persona.token.value,
        "name": persona.name, "birth_date": persona.birth_date.isoformat(), "sex": persona.sex,
        "card_expiry": expiry.isoformat(), "security_code": persona.security_code,
        "number_b": number_b(persona.birth_date, expiry, persona.security_code),
        "pin": persona.pin, "pin_tries": persona.pin_tries, "has_photo": persona.photo,
        "revoked": persona.revoked, "forged": persona.forged,
        "auth_cert_serial": format(cert.serial_number, "x"),
        "auth_cert_not_after": cert.not_valid_after_utc.isoformat(),
        "auth_cert": f"{persona.id}/jpki/auth-cert.der",
    }
    _write(out / "jpki" / "auth-cert.der", der(cert))
    _write(out / "jpki" / "auth-ca-cert.der", der(issuers.jpki(persona.forged)[0]))
    _write(out / "jpki" / "token-info.bin", token_info(LABELS[persona.token]))
    if persona.token is JpkiToken.CARD:
        record["signature_password"] = SIGNATURE_PASSWORD
        _build_card_files(persona, today, expiry, out, issuers)
    (out / "persona.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return record


def token_info(label: str) -> bytes:
    """JPKI EF 0006, 160 bytes as on real cards: the space-padded 32-byte label, then a version
    byte and zeros (what follows the label is not used by any reader we know of)."""
    return label.encode().ljust(LABEL_FIELD, b" ") + b"\x02" + bytes(TOKEN_INFO_SIZE - LABEL_FIELD - 1)


def _build_card_files(persona: Persona, today: date, expiry: date, out: Path,
                      issuers: Issuers) -> None:
    """The signature side of the JPKI AP and the two 券面 applications, as real cards hold them."""
    sign_key = load_key(keys_dir() / f"{persona.id}.sign.key.pem")
    _write(out / "jpki" / "sign-cert.der", der(issuers.signature_certificate(
        persona.id, sign_key.public_key(), today, expiry)))
    _write(out / "jpki" / "sign-ca-cert.der", der(issuers.sign_ca_cert))
    chip_key = load_key(keys_dir() / f"{persona.id}.card-face.key.pem").public_key()
    signer = issuers.face_signer_key
    photo = (resource_dir() / "personas" / "photos" / "astronaut.jp2").read_bytes()
    _write(out / "card-face" / "card-face.bin", records.card_face(
        birth_date=persona.birth_date, sex=persona.sex, expiry=expiry,
        photo_jp2=photo if persona.photo else None,
        name_image=text_image(f"TEST {persona.id}"),
        address_image=text_image("TEST ONLY 1-1 Kasumigaseki"),
        security_code_image=text_image(persona.security_code), chip_key=chip_key, signer=signer))
    _write(out / "card-face" / "cvc.bin", records.certificate(
        FACE_ISSUER_ID, FACE_SIGNER_ID, signer.public_key(), issuers.card_issuer(persona.forged)))
    _write(out / "card-face" / "age.bin", records.signed_record(
        0xFF10, [(0xDF11, persona.birth_date.strftime("%Y%m%d").encode()),
                 (0xDF12, cardkey.encode(chip_key))], 0xDF13, signer))
    _write(out / "card-face" / "my-number-image.bin", records.signed_record(
        0xFF40, [(0xDF41, text_image("9999 9999 9999")), (0xDF42, cardkey.encode(chip_key))],
        0xDF43, signer))
    my_number = records.my_number_file(_fake_my_number(persona))
    facts = records.text_facts(persona.name, TEXT_ADDRESS, persona.birth_date, persona.sex)
    _write(out / "text" / "my-number.bin", my_number)
    _write(out / "text" / "facts.bin", facts)
    _write(out / "text" / "integrity.bin",
           records.text_integrity(my_number, facts, issuers.text_signer_key))
    _write(out / "text" / "cvc.bin", records.certificate(
        TEXT_ISSUER_ID, TEXT_SIGNER_ID, issuers.text_signer_key.public_key(),
        issuers.text_issuer_key))


def build_personas(folder: Path, today: date,
                   ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Write the personas (all, or `ids`) under `folder`, valid relative to `today`; return their
    records (persona.json contents). PIN counters already in the folder are kept."""
    folder = Path(folder)
    issuers = Issuers()
    records = {pid: _build_one(PERSONAS[pid], today, folder / pid, issuers)
               for pid in (ids or PERSONAS)}
    revoked = [int(r["auth_cert_serial"], 16) for r in records.values() if r["revoked"]]
    _write(folder / "crl.der", issuers.crl(today, revoked))
    (folder / "revoked-serials.txt").write_text("".join(f"{s:x}\n" for s in revoked), encoding="utf-8")
    (folder / "personas.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return records


def load_record(folder: Path, persona_id: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((Path(folder) / persona_id / "persona.json")
                                        .read_text(encoding="utf-8"))
    return record


ReadFile = Callable[..., bytes]   # the bytes of a persona's file, by its path parts


def open_card(folder: Path, persona_id: str, *, t0: bool = False) -> VirtualCard:
    """The virtual card of a persona built under `folder`; counters persist in counters.json."""
    base = Path(folder) / persona_id
    record = load_record(folder, persona_id)
    persona = PERSONAS[persona_id]
    token = JpkiToken(record["token_kind"])

    def read(*parts: str) -> bytes:
        return base.joinpath(*parts).read_bytes()

    pin = Pin(persona.pin, AUTH_PIN_TRIES, persona.pin_tries,
              verified_by_device=token is JpkiToken.IPHONE)
    cert_needs = (commands.EF_JPKI_AUTH_PIN,) if token is JpkiToken.ANDROID else ()
    jpki = Application(
        commands.AID_JPKI,
        files={commands.EF_JPKI_TOKEN_INFO: Ef(read("jpki", "token-info.bin")),
               commands.EF_JPKI_AUTH_CERT: Ef(read("jpki", "auth-cert.der"), cert_needs),
               commands.EF_JPKI_AUTH_CA_CERT: Ef(read("jpki", "auth-ca-cert.der"), cert_needs)},
        pins={commands.EF_JPKI_AUTH_PIN: pin},
        keys={commands.EF_JPKI_AUTH_KEY: Key(load_key(keys_dir() / f"{persona_id}.auth.key.pem"),
                                         (commands.EF_JPKI_AUTH_PIN,))})
    apps = [jpki]
    if token is JpkiToken.CARD:
        _add_signature_side(jpki, persona_id, read)
        apps += _card_face_and_text_apps(persona_id, record, read)
    atr = T0_ATR if t0 else with_tck(CONTACTLESS_ATR) if token is not JpkiToken.CARD else CARD_ATR
    return VirtualCard(atr, apps, base / "counters.json", t0=t0)


def _add_signature_side(jpki: Application, persona_id: str, read: ReadFile) -> None:
    """署名用: certificate EF 0001 and key EF 001A behind the signature password EF 001B
    (5 tries, 6–16 characters); its CA certificate EF 0002 is readable by anyone."""
    jpki.files[EF_SIGN_CERT] = Ef(read("jpki", "sign-cert.der"), (EF_SIGN_PASSWORD,))
    jpki.files[EF_SIGN_CA_CERT] = Ef(read("jpki", "sign-ca-cert.der"))
    jpki.pins[EF_SIGN_PASSWORD] = Pin(SIGNATURE_PASSWORD, SIGNATURE_PASSWORD_TRIES,
                                      lengths=(6, 16))
    jpki.keys[EF_SIGN_KEY] = Key(load_key(keys_dir() / f"{persona_id}.sign.key.pem"),
                                 (EF_SIGN_PASSWORD,))


def _card_face_and_text_apps(persona_id: str, record: dict[str, Any],
                             read: ReadFile) -> list[Application]:
    number_a = tlv.parse_one(read("text", "my-number.bin")).value.decode()
    birth = date.fromisoformat(record["birth_date"])
    face_ap = Application(
        commands.AID_CARD_FACE,
        files={0x0001: Ef(read("card-face", "age.bin"), (0x0011, 0x0012, 0x0013)),
               commands.EF_CARD_FACE: Ef(read("card-face", "card-face.bin"), (0x0012, 0x0013)),
               commands.EF_CARD_FACE_CVC: Ef(read("card-face", "cvc.bin")),
               0x0005: Ef(read("card-face", "my-number-image.bin"), (0x0013,))},
        pins={0x0011: Pin(era_yymmdd(birth), NUMBER_B_TRIES),
              0x0012: Pin(record["number_b"], NUMBER_B_TRIES),
              0x0013: Pin(number_a, NUMBER_B_TRIES)},
        challenge_key=load_key(keys_dir() / f"{persona_id}.card-face.key.pem"))
    text_ap = Application(
        commands.AID_TEXT_INPUT,
        files={0x0001: Ef(read("text", "my-number.bin"), (0x0011, 0x0014)),
               0x0002: Ef(read("text", "facts.bin"), (0x0011, 0x0015)),
               0x0003: Ef(read("text", "integrity.bin"), (0x0011, 0x0014, 0x0015)),
               0x0004: Ef(read("text", "cvc.bin"))},
        pins={0x0011: Pin(PERSONAS[persona_id].pin, TEXT_PIN_TRIES),
              0x0014: Pin(number_a, NUMBER_B_TRIES),
              0x0015: Pin(record["number_b"], NUMBER_B_TRIES)})
    return [face_ap, text_ap]
