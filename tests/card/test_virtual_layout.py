"""The virtual cards hold what real cards hold, read through APDUs and checked with the test's own
reading of the published layout (tests/card/layout.py), not with the kiosk's parser."""
from __future__ import annotations

import hashlib

import pytest
from cryptography import x509

from reader.resources import resource_dir
from reader.virtual.issuing import load_key
from reader.virtual.personas import PERSONAS, load_record, open_card

from . import layout

AID_JPKI = bytes.fromhex("D392F000260100000001")
AID_FACE = bytes.fromhex("D3921000310001010402")
AID_TEXT = bytes.fromhex("D3921000310001010408")
CARDS = [p.id for p in PERSONAS.values() if p.token.value == "card"]


class Apdu:
    """Plain APDUs to a virtual card, written out by hand."""

    def __init__(self, card):
        self.card = card

    def send(self, hex_or_bytes) -> tuple[bytes, int]:
        raw = bytes.fromhex(hex_or_bytes) if isinstance(hex_or_bytes, str) else hex_or_bytes
        answer = self.card.process(raw)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def select_ap(self, aid: bytes) -> int:
        return self.send(b"\x00\xa4\x04\x0c\x0a" + aid)[1]

    def select_ef(self, fid: int) -> int:
        return self.send(b"\x00\xa4\x02\x0c\x02" + fid.to_bytes(2, "big"))[1]

    def verify(self, value: str | None) -> int:
        data = value.encode() if value else b""
        return self.send(b"\x00\x20\x00\x80" + (bytes([len(data)]) + data if data else b""))[1]

    def read_all(self) -> bytes:
        """READ BINARY in 256-byte steps to the end of the file, filler and all."""
        out = b""
        while True:
            data, sw = self.send(b"\x00\xb0" + len(out).to_bytes(2, "big") + b"\x00")
            if sw == 0x6B00:
                return out
            assert sw in (0x9000, 0x6282), hex(sw)
            out += data
            if sw == 0x6282 or not data:
                return out


def open_ap(folder, aid: bytes, issuer_file: str, issuer_id: bytes):
    """(card, record, the key its EF 0004 certifies) for valid_adult, with `aid` selected."""
    card = Apdu(open_card(folder, "valid_adult"))
    assert card.select_ap(aid) == 0x9000
    assert card.select_ef(0x0004) == 0x9000
    signer = certified_key(card.read_all(), project_key(issuer_file), issuer_id)
    return card, load_record(folder, "valid_adult"), signer


def project_key(name: str) -> layout.Rsa:
    return layout.rsa_from_private(load_key(resource_dir() / "trust" / name))


def certified_key(cert: bytes, issuer: layout.Rsa, issuer_id: bytes) -> layout.Rsa:
    """Check EF 0004 by hand and return the key it certifies (public part only)."""
    _, content, _, _ = next(layout.read_tlvs(cert))
    parts = {tag: value for tag, value, _, _ in layout.read_tlvs(content)}
    body, signature = parts[0x5F4E], parts[0x5F37]
    assert len(body) == 297 and body[:16] == issuer_id
    assert layout.is_signed(issuer, signature, layout.digest_info(hashlib.sha256(body).digest()))
    key = {tag: value for tag, value, _, _ in layout.read_tlvs(body[32:])}
    return layout.Rsa(int.from_bytes(key[0x91], "big"), int.from_bytes(key[0x90], "big"), 0)


@pytest.mark.parametrize("persona", [p for p in CARDS if p != "forged"])
def test_the_card_face_ap_is_laid_out_and_signed_as_on_real_cards(persona_folder, persona):
    record = load_record(persona_folder, persona)
    card = Apdu(open_card(persona_folder, persona))
    assert card.select_ap(AID_FACE) == 0x9000
    assert card.select_ef(0x0004) == 0x9000
    signer = certified_key(card.read_all(), project_key("test-card-issuer.key.pem"),
                           b"0000023\x08\x05001OQS\x00")
    card.select_ef(0x0012)
    assert card.verify(record["number_b"]) == 0x9000
    card.select_ef(0x0002)
    face = card.read_all()
    # DF21: one offset per later object, counted from the first byte of the file
    _, content, _, end = next(layout.read_tlvs(face, filler=()))
    objects = list(layout.read_tlvs(face, end - len(content), end))
    assert objects[0][0] == 0xDF21 and [o[0] for o in objects[1:]] == list(range(0xDF22, 0xDF2B))
    table = objects[0][1]
    assert [int.from_bytes(table[i:i + 2], "big") for i in range(0, len(table), 2)] == [
        o[2] for o in objects[1:]]
    by_tag = {o[0]: o[1] for o in objects}
    chip = {t: v for t, v, _, _ in layout.read_tlvs(by_tag[0xDF24])}
    assert set(chip) == {0x90, 0x91} and len(chip[0x91]) == 256
    assert int.from_bytes(chip[0x91], "big") != signer.n  # DF24 is not the signing key
    expected = layout.digest_info(layout.segment_digests(face))
    assert expected[:2] == b"\x30\x71" and len(expected) == 115
    assert layout.is_signed(signer, by_tag[0xDF28], expected)
    assert by_tag[0xDF22] == record["birth_date"].replace("-", "").encode()


def test_the_age_record_and_the_my_number_image_are_signed_records(persona_folder):
    """EF 0001 (FF10 {DF11, DF12, DF13}, opened by the era birth date alone) and EF 0005
    (FF40 {DF41, DF42, DF43}, 照合番号A only: the kiosk never has it)."""
    card, record, signer = open_ap(persona_folder, AID_FACE, "test-card-issuer.key.pem",
                                   b"0000023\x08\x05001OQS\x00")
    assert card.select_ef(0x0005) == 0x9000
    assert card.send("00B0000004")[1] == 0x6982  # reading EF 0005 needs 照合番号A
    card.select_ef(0x0011)
    assert card.verify(record["number_b"][:6]) == 0x9000
    card.select_ef(0x0001)
    age = card.read_all()
    _, content, _, _ = next(layout.read_tlvs(age, filler=()))
    items = list(layout.read_tlvs(content))
    assert age[:2] == b"\xff\x10" and [i[0] for i in items] == [0xDF11, 0xDF12, 0xDF13]
    signed = content[:items[2][2]]
    assert layout.is_signed(signer, items[2][1], layout.digest_info(hashlib.sha256(signed).digest()))
    card.select_ef(0x0002)
    assert card.send("00B0000004")[1] == 0x6982  # the birth-date key does not open the card face


def test_the_text_ap_holds_its_files_as_real_cards_do(persona_folder):
    """入力補助AP: EF 0001 FF10 0C + 2 filler bytes (17), EF 0002 with DF21, EF 0003 FF30 whose
    digests cover EF 0001 as stored and EF 0002 after its offset table, EF 0004 by 0000033."""
    card, record, signer = open_ap(persona_folder, AID_TEXT, "test-text-issuer.key.pem",
                                   b"0000033\x08\x05001OQS\x00")
    card.select_ef(0x0011)
    assert card.verify(record["pin"]) == 0x9000  # the test may read what the kiosk never does
    card.select_ef(0x0001)
    my_number_file = card.read_all()
    assert len(my_number_file) == 17 and my_number_file[:3] == b"\xff\x10\x0c"
    card.select_ef(0x0002)
    facts = card.read_all()
    _, content, _, end = next(layout.read_tlvs(facts, filler=()))
    objects = list(layout.read_tlvs(facts, end - len(content), end))
    assert [o[0] for o in objects] == [0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25]
    card.select_ef(0x0003)
    integrity = card.read_all()
    _, content, _, _ = next(layout.read_tlvs(integrity, filler=()))
    items = {t: (v, s) for t, v, s, _ in layout.read_tlvs(content)}
    assert items[0xDF31][0] == hashlib.sha256(my_number_file).digest()
    after_table = facts[objects[1][2]:end]
    assert items[0xDF32][0] == hashlib.sha256(after_table).digest()
    signed = content[:items[0xDF33][1]]
    assert layout.is_signed(signer, items[0xDF33][0],
                            layout.digest_info(hashlib.sha256(signed).digest()))


@pytest.mark.parametrize("persona", CARDS)
def test_the_jpki_signature_side_is_there_behind_its_password(persona_folder, persona):
    record = load_record(persona_folder, persona)
    card = Apdu(open_card(persona_folder, persona))
    card.select_ap(AID_JPKI)
    card.select_ef(0x0006)
    token = card.read_all()
    assert len(token) == 160 and token[:32].rstrip(b" ") == b"JPKIAPICCTOKEN2"
    assert card.select_ef(0x0002) == 0x9000
    sign_ca = x509.load_der_x509_certificate(card.read_all())
    assert card.select_ef(0x0001) == 0x9000
    assert card.send("00B0000004")[1] == 0x6982
    assert card.select_ef(0x001B) == 0x9000
    assert card.verify(None) == 0x63C5  # 5 tries
    assert card.verify("12345") == 0x6700  # shorter than 6: refused, no try spent
    assert card.verify("X" * 17) == 0x6700
    assert card.verify(None) == 0x63C5
    assert card.verify("WRONGPASS") == 0x63C4
    assert card.verify(record["signature_password"]) == 0x9000
    card.select_ef(0x0001)
    sign_cert = x509.load_der_x509_certificate(card.read_all())
    sign_cert.verify_directly_issued_by(sign_ca)
    assert card.select_ef(0x001A) == 0x9000

