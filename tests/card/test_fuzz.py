"""Property-based fuzzing: truncated, oversized, wrong-tag and wrong-length input to every parser
and to the whole card API. Nothing may escape but typed card errors."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from reader import cardface, cvc, errors, tlv
from reader.apdu import Response
from reader.card import MyNumberCard
from reader.trust import load_test_anchors
from reader.virtual.personas import load_record, open_card

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CARD_LEVEL = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw, original: bytes):
    """The original with one damage: cut, padded, a byte changed (tags, lengths), or spliced."""
    data = bytearray(original)
    kind = draw(st.sampled_from(["truncate", "extend", "flip", "set", "splice"]))
    if not data:
        return bytes(draw(st.binary(max_size=64)))
    pos = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return bytes(data[:pos])
    if kind == "extend":
        return bytes(data) + draw(st.binary(min_size=1, max_size=300))
    if kind == "flip":
        data[pos] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if kind == "set":  # e.g. a length byte set to 0x80/0x84/0xFF, a tag to something else
        data[pos] = draw(st.sampled_from([0x00, 0x01, 0x1F, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84,
                                          0xFF]))
        return bytes(data)
    end = draw(st.integers(pos, len(data)))
    return bytes(data[:pos]) + draw(st.binary(max_size=40)) + bytes(data[end:])


@pytest.fixture(scope="module")
def samples(persona_folder):
    base = persona_folder / "valid_adult"
    return {"face": (base / "card-face" / "card-face.bin").read_bytes(),
            "cvc": (base / "card-face" / "cvc.bin").read_bytes()}


@FAST
@given(st.binary(max_size=600))
def test_tlv_parser_on_random_bytes(data):
    try:
        items = tlv.parse_all(data)
    except errors.MalformedResponse:
        return
    assert sum(i.end - i.start for i in items) == len(data)


@FAST
@given(st.binary(max_size=40))
def test_response_parser(data):
    try:
        response = Response.parse(data)
    except errors.MalformedResponse:
        assert len(data) < 2
        return
    assert response.encode() == data


@FAST
@given(data=st.data())
def test_card_face_parser_and_verifier_on_damaged_records(samples, data):
    damaged = data.draw(mutated(samples["face"]))
    keys = load_test_anchors().card_issuer_keys
    try:
        cardface.verify(damaged, samples["cvc"], keys)
    except errors.CardError:
        return
    # accepted: only the unsigned parts (expiry, security-code image, offsets, padding) may differ
    assert cardface.parse(damaged).photo_jp2 == cardface.parse(samples["face"]).photo_jp2


@FAST
@given(data=st.data())
def test_cvc_parser_on_damaged_certificates(samples, data):
    damaged = data.draw(mutated(samples["cvc"]))
    try:
        cert = cvc.parse(damaged)
    except errors.CardError:
        return
    try:
        cvc.verify(cert, load_test_anchors().card_issuer_keys)
    except (errors.UnknownIssuerKey, errors.CertificateSignatureInvalid):
        return
    assert cert.body == cvc.parse(samples["cvc"]).body  # only the framing may differ


class Damaging:
    """Between the card API and a virtual card: damages the answer to one chosen APDU."""

    def __init__(self, card, victim: int, damage):
        self.card, self.victim, self.damage, self.count = card, victim, damage, 0

    def transmit(self, apdu: bytes) -> bytes:
        answer = self.card.process(apdu)
        self.count += 1
        return self.damage(answer) if self.count == self.victim else answer


@CARD_LEVEL
@given(data=st.data(), persona=st.sampled_from(["valid_adult", "android_phone", "iphone"]))
def test_the_card_api_raises_only_card_errors_on_damaged_answers(personas, data, persona):
    card = open_card(personas, persona)
    record = load_record(personas, persona)
    victim = data.draw(st.integers(1, 60))
    transport = Damaging(card, victim, lambda answer: data.draw(mutated(answer)))
    api = MyNumberCard(transport, load_test_anchors())
    steps = [api.token_kind, api.auth_certificate, api.auth_ca_certificate, api.pin_tries_left,
             lambda: api.chip_challenge(api.card_face(record["number_b"])),
             lambda: api.verify_pin(record["pin"] or "0000"),
             lambda: api.sign(hashlib.sha256(b"n").digest())]
    for step in steps:
        try:
            step()
        except errors.CardError:
            pass


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(apdus=st.lists(st.one_of(
    st.binary(max_size=300),
    st.builds(lambda ins, p1, p2, body: bytes([0x00, ins, p1, p2]) + body,
              st.sampled_from([0xA4, 0xB0, 0x20, 0x2A, 0x84, 0xC0]), st.integers(0, 255),
              st.integers(0, 255), st.binary(max_size=40))), max_size=8))
def test_the_virtual_card_answers_any_bytes_with_a_status_word(personas, apdus):
    card = open_card(personas, "valid_adult")
    for apdu in apdus:
        answer = card.process(apdu)
        assert len(answer) >= 2 and answer[-2] in (0x61, 0x62, 0x63, 0x67, 0x69, 0x6A, 0x6B,
                                                   0x6C, 0x6D, 0x6E, 0x90)
