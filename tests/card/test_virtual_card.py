"""The virtual card answers raw APDUs as the real card does (status words, files, counters)."""
from __future__ import annotations

import pytest

from reader import commands
from reader.apdu import Command, Response
from reader.virtual.personas import CARD_ATR, open_card


@pytest.fixture
def card(personas):
    return open_card(personas, "valid_adult")


def send(card, command: Command | str) -> Response:
    raw = command.encode() if isinstance(command, Command) else bytes.fromhex(command)
    return Response.parse(card.process(raw))


def test_status_words_of_the_real_card(card):
    assert card.atr == CARD_ATR
    assert send(card, commands.SELECT_DF(bytes(10))).sw == 0x6A82
    assert send(card, commands.READ_BINARY(0, 4)).sw == 0x6986  # nothing selected
    assert send(card, commands.SELECT_DF(commands.AID_JPKI)).sw == 0x9000
    assert send(card, commands.SELECT_EF(0x0003)).sw == 0x6A82  # no such file
    assert send(card, commands.SELECT_EF(0x0001)).sw == 0x9000  # the signature certificate…
    assert send(card, commands.READ_BINARY(0, 4)).sw == 0x6982  # …behind the signature password
    assert send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_CERT)).sw == 0x9000
    size = len((card.apps[commands.AID_JPKI].files[commands.EF_JPKI_AUTH_CERT]).data)
    tail = send(card, commands.READ_BINARY(size - 3, 8))
    assert (len(tail.data), tail.sw) == (3, 0x6282)  # fewer bytes than Le: end of file
    assert send(card, commands.READ_BINARY(size, 1)).sw == 0x6B00
    assert send(card, "00A4FF0C020001").sw == 0x6A86
    assert send(card, "00FE000000").sw == 0x6D00
    assert send(card, "A0A4040C00").sw == 0x6E00
    assert send(card, "00A4020C0300").sw == 0x6700


def test_the_card_face_needs_number_b_and_the_my_number_needs_a_pin(card):
    send(card, commands.SELECT_DF(commands.AID_CARD_FACE))
    send(card, commands.SELECT_EF(commands.EF_CARD_FACE))
    assert send(card, commands.READ_BINARY(0, 8)).sw == 0x6982
    send(card, commands.SELECT_DF(commands.AID_TEXT_INPUT))
    assert send(card, commands.SELECT_EF(0x0001)).sw == 0x9000
    assert send(card, commands.READ_BINARY(0, 8)).sw == 0x6982


def test_verify_counts_down_and_security_status_ends_with_the_application(card):
    send(card, commands.SELECT_DF(commands.AID_JPKI))
    send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_PIN))
    assert send(card, commands.VERIFY_STATUS()).sw == 0x63C3
    assert send(card, commands.VERIFY("0000")).sw == 0x63C2
    assert send(card, commands.VERIFY("1234")).sw == 0x9000
    assert send(card, commands.VERIFY_STATUS()).sw == 0x9000
    send(card, commands.SELECT_DF(commands.AID_CARD_FACE))
    send(card, commands.SELECT_DF(commands.AID_JPKI))
    send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_PIN))
    assert send(card, commands.VERIFY_STATUS()).sw == 0x63C3  # reset to 3, no longer verified


def test_chip_signature_needs_a_fresh_challenge(card):
    digest_info = commands.DIGEST_INFO_SHA256 + bytes(32)
    send(card, commands.SELECT_DF(commands.AID_CARD_FACE))
    assert send(card, commands.SIGN_WITH_CARD_FACE_KEY(digest_info)).sw == 0x6985
    assert len(send(card, commands.GET_CHALLENGE()).data) == 16
    signed = send(card, commands.SIGN_WITH_CARD_FACE_KEY(digest_info))
    assert (len(signed.data), signed.sw) == (256, 0x9000)
    assert send(card, commands.SIGN_WITH_CARD_FACE_KEY(digest_info)).sw == 0x6985  # used up
    send(card, commands.GET_CHALLENGE())
    assert send(card, commands.SIGN_WITH_CARD_FACE_KEY(bytes(51))).sw == 0x6A80  # not DigestInfo


def test_t0_mode_uses_procedure_bytes(personas):
    card = open_card(personas, "valid_adult", t0=True)
    send(card, commands.SELECT_DF(commands.AID_JPKI))
    send(card, commands.SELECT_EF(commands.EF_JPKI_TOKEN_INFO))
    assert send(card, commands.READ_BINARY(0, 256)).sw == 0x6CA0  # 160-byte file: Le must be 0xA0
    send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_PIN))
    send(card, commands.VERIFY("1234"))
    send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_KEY))
    first = send(card, commands.SIGN_WITH_USER_KEY(commands.DIGEST_INFO_SHA256 + bytes(32)))
    assert (first.data, first.sw) == (b"", 0x6100)  # 256 bytes waiting
    rest = send(card, commands.GET_RESPONSE(256))
    assert (len(rest.data), rest.sw) == (256, 0x9000)


def test_a_blocked_pin_answers_63C0_to_the_status_query_and_6984_to_a_value(personas):
    """As a real card does (soltia48/myna-card src/ap/text.rs, the blocked EF 0012: "answers the
    non-consuming VERIFY query with 63C0, and a VERIFY against it with 6984"); OpenSC's JPKI driver
    needs 63xx to list a PIN at all."""
    card = open_card(personas, "pin_locked")
    send(card, commands.SELECT_DF(commands.AID_JPKI))
    send(card, commands.SELECT_EF(commands.EF_JPKI_AUTH_PIN))
    assert send(card, commands.VERIFY_STATUS()).sw == 0x63C0
    assert send(card, commands.VERIFY("4826")).sw == 0x6984
