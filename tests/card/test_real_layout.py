"""The card-face record and EF 0004 as real cards hold them, built by the test itself from the
published layout (tests/card/layout.py: its own TLV writer, RSA by pow), then handed to the
kiosk's parser and verifier. Every tampering is refused with its own typed error."""
from __future__ import annotations

import json
from datetime import date

import pytest

from reader import cardface, cvc, errors
from reader.issuer_keys import load_issuer_keys

from . import layout

ISSUER_ID = layout.key_id("0000023", padding=b"OQS\x00")  # a project-test id
SUBJECT_ID = layout.key_id("1322121", "000")
PHOTO = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + bytes(range(256)) * 4  # a JP2 signature, then bytes
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(scope="module")
def keys():
    return {"issuer": layout.rsa_key(1), "signer": layout.rsa_key(2), "chip": layout.rsa_key(3)}


@pytest.fixture(scope="module")
def table(keys, tmp_path_factory):
    """An issuer key table holding only the test's issuer key, written as the shipped file is."""
    path = tmp_path_factory.mktemp("keys") / "card-issuer-keys.json"
    issuer = keys["issuer"]
    path.write_text(json.dumps({"keys": [{
        "key_id": ISSUER_ID.hex(), "name": "0000023/001", "hierarchy": "project-test",
        "purpose": "test", "exponent": f"{issuer.e:06x}", "modulus": f"{issuer.n:0512x}",
        "source": "tests/card/test_real_layout.py"}]}), encoding="utf-8")
    return load_issuer_keys(path)


def fields(keys) -> dict[int, bytes]:
    return {0xDF22: b"19800217", 0xDF23: b"1", 0xDF24: keys["chip"].public_tlvs(),
            0xDF25: PNG + b"name", 0xDF26: PNG + b"address", 0xDF27: PHOTO,
            0xDF29: b"20350217", 0xDF2A: PNG + b"code"}


@pytest.fixture(scope="module")
def record(keys):
    face = layout.card_face(fields(keys), keys["signer"])
    cert = layout.certificate(keys["issuer"], ISSUER_ID, keys["signer"], SUBJECT_ID)
    return face, cert


def flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1:]


def value_position(raw: bytes, tag: int) -> int:
    """Where the value of the (first) object with `tag` starts in `raw`."""
    marker = tag.to_bytes(2, "big")
    at = raw.index(marker)
    length = raw[at + 2]
    return at + 3 + (length & 0x7F if length & 0x80 else 0)


def test_a_record_built_from_the_published_layout_verifies(record, table, keys):
    face = cardface.verify(*record, table)
    assert (face.birth_date, face.sex, face.expiry) == (date(1980, 2, 17), "1", date(2035, 2, 17))
    assert face.photo_jp2 == PHOTO
    assert face.issuer_key_id == ISSUER_ID and face.hierarchy == "project-test"
    assert face.public_key.public_numbers().n == keys["chip"].n  # DF24: the chip's own key


def test_the_certificate_body_splits_into_two_ids_and_the_certified_key(record, keys):
    cert = cvc.parse(record[1])
    assert (cert.issuer_key_id, cert.subject_key_id) == (ISSUER_ID, SUBJECT_ID)
    assert len(cert.body) == 297 and cert.issuer_name == "0000023/001"
    assert cert.public_key.public_numbers().n == keys["signer"].n


@pytest.mark.parametrize("tag", [0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27])
def test_a_changed_byte_in_any_signed_segment_is_refused(record, table, tag):
    face, cert = record
    at = value_position(face, tag)
    if tag == 0xDF24:
        at += 10  # inside the modulus, so the key still parses
    with pytest.raises(errors.CardFaceSignatureInvalid):
        cardface.verify(flip(face, at), cert, table)


def test_the_unsigned_expiry_is_not_covered(record, table):
    """DF29 sits after DF28 and is not signed: changing it keeps the signature (as on real cards);
    the kiosk therefore takes the expiry from the face reading, never trusts it alone."""
    face, cert = record
    changed = face.replace(b"20350217", b"20360217")
    assert cardface.verify(changed, cert, table).expiry == date(2036, 2, 17)


@pytest.mark.parametrize("where", ["subject id", "exponent", "modulus"])
def test_a_changed_byte_in_the_5F4E_body_is_refused(record, table, where):
    face, cert = record
    body = value_position(cert, 0x5F4E)
    at = body + {"subject id": 20, "exponent": 32 + 3, "modulus": 32 + 5 + 4 + 100}[where]
    with pytest.raises(errors.CertificateSignatureInvalid):
        cardface.verify(face, flip(cert, at), table)


def test_a_changed_byte_in_the_5F37_signature_is_refused(record, table):
    face, cert = record
    with pytest.raises(errors.CertificateSignatureInvalid):
        cardface.verify(face, flip(cert, value_position(cert, 0x5F37) + 100), table)


def test_a_record_signed_by_the_chip_key_is_refused_as_such(keys, table):
    """DF24 never signs the record on a real card; a record that verifies only under DF24 was made
    by whoever holds the chip key (the old virtual cards did exactly this)."""
    face = layout.card_face(fields(keys), keys["chip"])
    cert = layout.certificate(keys["issuer"], ISSUER_ID, keys["signer"], SUBJECT_ID)
    with pytest.raises(errors.CardFaceSignedByChipKey):
        cardface.verify(face, cert, table)


def test_a_signature_over_the_hash_of_the_96_bytes_is_refused(keys, table):
    """The library mistake: verify(96 bytes, SHA256) hashes them again. Real cards sign the
    DigestInfo that holds the 96 bytes themselves."""
    import hashlib

    digests = layout.segment_digests(layout.card_face(fields(keys), keys["signer"]))
    wrong = keys["signer"].sign_digest_info(layout.digest_info(hashlib.sha256(digests).digest()))
    face = layout.card_face(fields(keys), keys["signer"], signature=wrong)
    cert = layout.certificate(keys["issuer"], ISSUER_ID, keys["signer"], SUBJECT_ID)
    with pytest.raises(errors.CardFaceSignatureInvalid):
        cardface.verify(face, cert, table)


@pytest.mark.parametrize("issuer_id", [
    layout.key_id("5000023"),                       # a real J-LIS id this table lacks
    layout.key_id("0000023", padding=b"OQS\x01"),   # the known id but for its last byte
    layout.key_id("0000024", padding=b"OQS\x00"),
])
def test_an_unknown_issuer_key_id_is_its_own_error_never_forged(keys, table, issuer_id):
    face = layout.card_face(fields(keys), keys["signer"])
    cert = layout.certificate(keys["issuer"], issuer_id, keys["signer"], SUBJECT_ID)
    with pytest.raises(errors.UnknownIssuerKey) as raised:
        cardface.verify(face, cert, table)
    assert not isinstance(raised.value, errors.VerificationFailed)
    assert raised.value.key_id == issuer_id
    assert "update" in str(raised.value)


def test_filler_after_the_objects_changes_nothing(keys, table):
    face = layout.card_face(fields(keys), keys["signer"], filler=64)
    cert = layout.certificate(keys["issuer"], ISSUER_ID, keys["signer"], SUBJECT_ID)
    assert cardface.verify(face, cert, table).photo_jp2 == PHOTO
    assert cardface.verify(face + b"\xff" * 300, cert, table).photo_jp2 == PHOTO


def test_df21_offsets_are_checked_against_the_objects(record):
    face, _ = record
    first_offset = value_position(face, 0xDF21) + 1
    with pytest.raises(errors.MalformedResponse, match="DF21"):
        cardface.parse(flip(face, first_offset))


def test_a_der_public_key_in_df24_is_malformed(keys):
    from cryptography.hazmat.primitives import serialization

    der = keys["chip"].public_key().public_bytes(serialization.Encoding.DER,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    face = layout.card_face({**fields(keys), 0xDF24: der}, keys["signer"])
    with pytest.raises(errors.MalformedResponse, match="DF24"):
        cardface.parse(face)


def test_the_old_7F4E_certificate_layout_is_malformed(keys):
    old = layout.tlv(0x7F21, layout.tlv(0x7F4E, layout.tlv(0x42, b"JPTESTISSUER0001"))
                     + layout.tlv(0x5F37, bytes(256)))
    with pytest.raises(errors.MalformedResponse):
        cvc.parse(old)


# Golden bytes from a JPKI test card, published as hex in soltia48/myna-card src/ap/text.rs
# (`attributes_file`, "EF 0002 of the test card, byte for byte"): the 入力補助AP's basic facts,
# behind the same kind of DF21 offset table as the card face. Holder data is synthetic.
SOLTIA48_TEXT_EF0002 = bytes.fromhex(
    "ff2065df2108000e002000590064df22"
    "0fe9bb92e6a190e38080e5b9b9e4b99f"
    "df2336e69db1e4baace983bde6b885e7"
    "80ace5b882e8a6b3e5b883e5ad90e58d"
    "97efbc91efbc92efbc8defbc97efbc8d"
    "efbc92efbc90efbc92df240831393830"
    "30323137df250131")


def test_real_card_offsets_count_from_the_first_byte_of_the_file():
    from reader import tlv

    objects = cardface.read_objects(SOLTIA48_TEXT_EF0002, tlv.parse_one(SOLTIA48_TEXT_EF0002))
    assert [hex(t) for t in objects] == ["0xdf21", "0xdf22", "0xdf23", "0xdf24", "0xdf25"]
    assert [objects[t].start for t in (0xDF22, 0xDF23, 0xDF24, 0xDF25)] == [0x0E, 0x20, 0x59, 0x64]
    assert objects[0xDF24].value == b"19800217"
    broken = SOLTIA48_TEXT_EF0002[:7] + b"\x0f" + SOLTIA48_TEXT_EF0002[8:]  # first offset 000F
    with pytest.raises(errors.MalformedResponse, match="DF21"):
        cardface.read_objects(broken, tlv.parse_one(broken))
