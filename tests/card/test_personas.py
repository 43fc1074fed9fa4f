"""Every persona through both transports: what each read returns or which typed error it raises."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

from reader import errors
from reader.commands import AID_TEXT_INPUT, INS_SELECT, INS_VERIFY
from reader.transport import JpkiToken
from reader.trust import load_test_anchors

DIGEST = hashlib.sha256(b"gateway nonce").digest()
CARDS = ["valid_adult", "expiring_soon", "grace_expired", "expired", "revoked",
         "pin_one_try_left", "infant_no_photo", "forged"]


def _check_signature(cert_der: bytes, signature: bytes) -> None:
    cert = x509.load_der_x509_certificate(cert_der)
    cert.public_key().verify(signature, DIGEST, padding.PKCS1v15(),
                             utils.Prehashed(hashes.SHA256()))


def _never_touched_my_number(card) -> None:
    selects = [c.data for c in card.log if c.ins == INS_SELECT]
    assert AID_TEXT_INPUT not in selects


@pytest.mark.parametrize("persona", CARDS + ["pin_locked", "face_only_no_pin"])
def test_face_path_reads_label_certificate_card_face_and_proves_the_chip(slot, persona):
    card = slot.open(persona)
    record = slot.record(persona)
    assert card.token_kind() is JpkiToken.CARD
    cert = x509.load_der_x509_certificate(card.auth_certificate())
    assert format(cert.serial_number, "x") == record["auth_cert_serial"]
    ca = x509.load_der_x509_certificate(card.auth_ca_certificate())
    assert cert.issuer == ca.subject
    if persona == "forged":
        with pytest.raises(errors.UntrustedCardFace):
            card.card_face(record["number_b"])
        return
    face = card.card_face(record["number_b"])
    assert face.birth_date == date.fromisoformat(record["birth_date"])
    assert face.expiry == date.fromisoformat(record["card_expiry"])
    assert face.sex == record["sex"]
    if persona == "infant_no_photo":
        assert face.photo_jp2 is None
    else:
        assert face.photo_jp2[:12] == bytes.fromhex("0000000C6A5020200D0A870A")  # JP2 signature
    proof = card.chip_challenge(face)
    assert len(proof.challenge) == 16 and len(proof.signature) == 256
    verifies = [c for c in slot.card.log if c.ins == INS_VERIFY]
    assert [c.data for c in verifies] == [b"*" * 14]  # only the 照合番号B that was asked for
    _never_touched_my_number(slot.card)


def test_forged_certificate_does_not_chain_to_the_test_ca(slot):
    card = slot.open("forged")
    cert = x509.load_der_x509_certificate(card.auth_certificate())
    trusted = load_test_anchors().jpki_cas[0]
    assert cert.issuer == trusted.subject  # looks right…
    with pytest.raises(InvalidSignature):  # …but the test CA did not sign it
        cert.verify_directly_issued_by(trusted)


@pytest.mark.parametrize("persona", CARDS)
def test_pin_path_counts_verifies_and_signs(slot, persona):
    card = slot.open(persona)
    record = slot.record(persona)
    assert card.pin_tries_left() == record["pin_tries"]
    card.verify_pin(record["pin"])
    assert card.pin_tries_left() is None  # verified in this session
    signature = card.sign(DIGEST)
    _check_signature(card.auth_certificate(), signature)
    assert slot.card.tries_left(bytes.fromhex("D392F000260100000001"), 0x18) == 3


@pytest.mark.parametrize("persona, low, high", [
    ("valid_adult", 92, 5000), ("expiring_soon", 1, 91),  # within 3 months
    ("grace_expired", -91, -1), ("expired", -5000, -92),  # inside / beyond the 3-month grace
])
def test_certificate_validity_follows_the_persona(slot, persona, low, high):
    card = slot.open(persona)
    cert = x509.load_der_x509_certificate(card.auth_certificate())
    left = (cert.not_valid_after_utc.date() - date.today()).days
    assert low <= left <= high
    assert cert.not_valid_before_utc.date() < date.today()


def test_pin_locked_card_refuses_without_spending_anything(slot):
    card = slot.open("pin_locked")
    with pytest.raises(errors.PinBlockedError) as info:
        card.pin_tries_left()
    assert not info.value.by_this_attempt
    with pytest.raises(errors.PinBlockedError):
        card.verify_pin(slot.record("pin_locked")["pin"])
    with pytest.raises(errors.SecurityStatusNotSatisfied):
        card.sign(DIGEST)


def test_face_only_card_has_no_pin(slot):
    card = slot.open("face_only_no_pin")
    with pytest.raises(errors.PinNotSet):
        card.pin_tries_left()
    with pytest.raises(errors.PinNotSet):
        card.verify_pin("1234")
    with pytest.raises(errors.SecurityStatusNotSatisfied):
        card.sign(DIGEST)


def test_android_needs_the_pin_before_the_certificate(slot):
    card = slot.open("android_phone")
    record = slot.record("android_phone")
    assert card.token_kind() is JpkiToken.ANDROID
    with pytest.raises(errors.SecurityStatusNotSatisfied):
        card.auth_certificate()
    assert card.pin_tries_left() == 3
    card.verify_pin(record["pin"])
    _check_signature(card.auth_certificate(), card.sign(DIGEST))
    with pytest.raises(errors.FileNotFound):  # no card-face application on a phone
        card.card_face(record["number_b"])


def test_iphone_authenticates_on_the_phone(slot):
    card = slot.open("iphone")
    assert card.token_kind() is JpkiToken.IPHONE
    cert = card.auth_certificate()
    assert card.pin_tries_left() is None
    with pytest.raises(errors.ConditionsNotSatisfied):
        card.verify_pin("1234")
    _check_signature(cert, card.sign(DIGEST))
    with pytest.raises(errors.FileNotFound):
        card.card_face(slot.record("iphone")["number_b"])


def test_wrong_number_b_spends_one_of_ten_tries(slot):
    card = slot.open("valid_adult")
    assert card.number_b_tries_left() == 10
    with pytest.raises(errors.WrongPin) as info:
        card.card_face("00000000000000")
    assert info.value.tries_left == 9
    face = card.card_face(slot.record("valid_adult")["number_b"])
    assert face.photo_jp2


def test_t0_reader_gets_whole_answers_via_get_response_and_le_retry(slot):
    card = slot.open("valid_adult", t0=True)
    record = slot.record("valid_adult")
    face = card.card_face(record["number_b"])
    card.chip_challenge(face)
    card.verify_pin(record["pin"])
    _check_signature(card.auth_certificate(), card.sign(DIGEST))
    assert any(c.ins == 0xC0 for c in slot.card.log)  # GET RESPONSE was needed


def test_card_pulled_mid_read_raises_card_removed(slot):
    card = slot.open("valid_adult", pull_after=6)
    with pytest.raises(errors.CardRemovedError):
        card.card_face(slot.record("valid_adult")["number_b"])


def test_the_old_juki_card_label_is_not_a_my_number_card(personas):
    """JPKIAPICCTOKEN is the JPKI AP of the older 住基カード (jpki/myna refuses it too): code 002."""
    from reader.card import MyNumberCard
    from reader.commands import AID_JPKI, EF_JPKI_TOKEN_INFO
    from reader.virtual.personas import open_card

    virtual = open_card(personas, "valid_adult")
    token = virtual.apps[AID_JPKI].files[EF_JPKI_TOKEN_INFO]
    token.data = b"JPKIAPICCTOKEN".ljust(32, b" ") + token.data[32:]
    with pytest.raises(errors.NotAMyNumberCard, match="住基"):
        MyNumberCard(virtual).token_kind()
    from kiosk.adapters.card import card_problem
    from kiosk.core.codes import Problem

    assert card_problem(errors.NotAMyNumberCard("x")).problem is Problem.NOT_MYNUMBER_CARD
