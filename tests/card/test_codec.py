"""Unit tests of the pieces: APDUs, TLV, status words, T=0 exchange, 照合番号B, card-face trust."""
from __future__ import annotations

from datetime import date

import pytest

from reader import cardface, commands, errors, tlv
from reader.apdu import Command, Response, raise_for_status
from reader.era import era_of, number_b
from reader.transport import Channel
from reader.issuer_keys import load_issuer_keys
from reader.trust import load_test_anchors


@pytest.mark.parametrize("command, encoded", [
    (commands.SELECT_DF(commands.AID_JPKI), "00A4040C0AD392F000260100000001"),
    (commands.SELECT_EF(0x000A), "00A4020C02000A"),
    (commands.READ_BINARY(0x0123, 256), "00B0012300"),
    (commands.VERIFY_STATUS(), "00200080"),
    (commands.VERIFY("1234"), "002000800431323334"),
    (commands.GET_CHALLENGE(), "0084000010"),
    (commands.SIGN_WITH_USER_KEY(commands.DIGEST_INFO_SHA256 + bytes(32)),
     "802A008033" + commands.DIGEST_INFO_SHA256.hex().upper() + "00" * 32 + "00"),
])
def test_commands_encode_as_the_card_expects(command, encoded):
    assert command.encode().hex().upper() == encoded
    assert Command.decode(command.encode()) == command


def test_command_repr_never_shows_the_pin():
    assert "1234" not in repr(commands.VERIFY("1234"))
    assert "3132" not in repr(commands.VERIFY("1234"))


@pytest.mark.parametrize("raw", ["00A4", "00A4020C0300", "00A4020C020001FFFF"])
def test_malformed_commands_are_rejected(raw):
    with pytest.raises(ValueError):
        Command.decode(bytes.fromhex(raw))


def test_read_binary_offset_is_15_bits():
    with pytest.raises(ValueError):
        commands.READ_BINARY(0x8000, 1)


@pytest.mark.parametrize("sw, error", [
    (0x63C2, errors.WrongPin), (0x63C0, errors.PinBlockedError), (0x6984, errors.PinBlockedError),
    (0x6982, errors.SecurityStatusNotSatisfied), (0x6A82, errors.FileNotFound),
    (0x6A86, errors.WrongParameters), (0x6B00, errors.OffsetOutOfRange),
    (0x6700, errors.WrongLength), (0x6A88, errors.PinNotSet), (0x6F00, errors.UnexpectedStatus),
])
def test_status_words_map_to_typed_errors(sw, error):
    with pytest.raises(error) as info:
        raise_for_status(Response(b"", sw))
    assert info.value.sw == sw


def test_wrong_pin_carries_tries_left():
    with pytest.raises(errors.WrongPin) as info:
        raise_for_status(Response(b"", 0x63C2))
    assert info.value.tries_left == 2


def test_tlv_round_trip_and_long_forms():
    for tag, size in ((0x04, 0), (0xDF27, 200), (0x7F21, 70000), (0x5F37, 256)):
        encoded = tlv.encode(tag, b"\xAB" * size)
        item = tlv.parse_one(encoded)
        assert (item.tag, len(item.value), item.end) == (tag, size, len(encoded))
        assert tlv.total_length(encoded[:8]) == len(encoded)


@pytest.mark.parametrize("raw", ["", "DF", "DF27", "DF2705AA", "8480000000", "9F8F8F0100",
                                 "0482FF"])
def test_tlv_rejects_truncation_and_unsupported_lengths(raw):
    with pytest.raises(errors.MalformedResponse):
        tlv.parse_one(bytes.fromhex(raw))


def test_number_b_uses_the_japanese_era():
    assert number_b(date(1980, 2, 17), date(2035, 1, 1), "2285") == "55021720352285"  # 昭和55
    assert era_of(date(1989, 1, 7)) == ("昭和", 64)
    assert era_of(date(1989, 1, 8)) == ("平成", 1)
    assert era_of(date(2019, 5, 1)) == ("令和", 1)
    assert number_b(date(2024, 8, 8), date(2029, 8, 8), "0606") == "06080820290606"
    with pytest.raises(ValueError):
        number_b(date(1980, 2, 17), date(2035, 1, 1), "228")


class Scripted:
    """A fake transport answering from a script, recording what was sent."""

    def __init__(self, *answers: str):
        self.answers = [bytes.fromhex(a) for a in answers]
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return self.answers.pop(0)


def test_t0_get_response_collects_every_part():
    t = Scripted("6104", "AABBCCDD6102", "EEFF9000")
    response = Channel(t).transceive(commands.GET_CHALLENGE())
    assert response == Response(bytes.fromhex("AABBCCDDEEFF"), 0x9000)
    assert [s.hex() for s in t.sent[1:]] == ["00c0000004", "00c0000002"]


def test_t0_wrong_le_is_retried_with_the_card_length():
    t = Scripted("6C03", "0102039000")
    response = Channel(t).transceive(commands.READ_BINARY(0, 8))
    assert response.data == b"\x01\x02\x03"
    assert t.sent[1].hex() == "00b0000003"


def test_a_card_that_never_stops_saying_61xx_is_malformed():
    t = Scripted(*["6101"] + ["AA6101"] * 100)
    with pytest.raises(errors.MalformedResponse):
        Channel(t).transceive(commands.GET_CHALLENGE())


@pytest.fixture(scope="module")
def signed_face(persona_folder):
    base = persona_folder / "valid_adult" / "card-face"
    return (base / "card-face.bin").read_bytes(), (base / "cvc.bin").read_bytes()


def test_a_virtual_card_face_verifies_under_the_project_test_hierarchy(signed_face):
    face = cardface.verify(*signed_face, load_test_anchors().card_issuer_keys)
    assert face.birth_date == date(1980, 2, 17)
    assert face.hierarchy == "project-test"


def test_a_virtual_card_is_unknown_to_a_kiosk_holding_only_jlis_keys(signed_face):
    jlis_only = load_issuer_keys(hierarchies=("jlis-production", "jlis-test"))
    with pytest.raises(errors.UnknownIssuerKey):
        cardface.verify(*signed_face, jlis_only)


def test_revocation_list_names_the_revoked_persona(persona_folder):
    from cryptography import x509
    import json

    crl = x509.load_der_x509_crl((persona_folder / "crl.der").read_bytes())
    ca = load_test_anchors().jpki_cas[0]
    assert crl.is_signature_valid(ca.public_key())
    records = json.loads((persona_folder / "personas.json").read_text(encoding="utf-8"))
    revoked = {format(r.serial_number, "x") for r in crl}
    assert revoked == {records["revoked"]["auth_cert_serial"]}
    assert (persona_folder / "revoked-serials.txt").read_text(encoding="utf-8").split() == [
        records["revoked"]["auth_cert_serial"]]


def test_cards_without_jpki_or_with_an_unknown_label_are_not_my_number_cards(personas):
    from reader.card import MyNumberCard
    from reader.virtual.card import Application, Ef, VirtualCard

    empty = VirtualCard(b"\x3B\x00", [], personas / "none.json")
    with pytest.raises(errors.NotAMyNumberCard):
        MyNumberCard(empty).token_kind()
    odd = VirtualCard(b"\x3B\x00", [Application(commands.AID_JPKI, files={
        commands.EF_JPKI_TOKEN_INFO: Ef(b"SOMEOTHERTOKEN".ljust(32))})], personas / "odd.json")
    with pytest.raises(errors.NotAMyNumberCard):
        MyNumberCard(odd).token_kind()
