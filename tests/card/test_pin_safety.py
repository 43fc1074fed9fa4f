"""The PIN rules: no VERIFY the caller did not ask for, counters that survive restarts, and a lock
that holds — through both transports."""
from __future__ import annotations

import hashlib

import pytest

from reader import commands, errors
from reader.card import MyNumberCard
from reader.virtual.personas import open_card

JPKI_PIN = (commands.AID_JPKI, commands.EF_JPKI_AUTH_PIN)


def _value_verifies(card) -> list:
    return [c for c in card.log if c.ins == commands.INS_VERIFY and c.data]


def test_nothing_but_verify_pin_spends_a_try(slot):
    card = slot.open("pin_one_try_left")
    card.token_kind()
    card.auth_certificate()
    card.auth_ca_certificate()
    assert card.pin_tries_left() == 1
    assert card.pin_tries_left() == 1
    with pytest.raises(errors.SecurityStatusNotSatisfied):
        card.sign(hashlib.sha256(b"x").digest())  # refused, and no VERIFY sent on our behalf
    assert _value_verifies(slot.card) == []
    assert slot.card.tries_left(*JPKI_PIN) == 1


def test_wrong_pins_count_down_then_lock_and_the_lock_survives_a_restart(slot):
    card = slot.open("valid_adult")
    with pytest.raises(errors.WrongPin) as first:
        card.verify_pin("0000")
    assert first.value.tries_left == 2
    with pytest.raises(errors.WrongPin) as second:
        card.verify_pin("0001")
    assert second.value.tries_left == 1
    with pytest.raises(errors.PinBlockedError) as third:
        card.verify_pin("0002")
    assert third.value.by_this_attempt
    assert len(_value_verifies(slot.card)) == 3  # exactly the three the caller asked for
    slot.remove()

    card = slot.open("valid_adult")  # a new VirtualCard read from the same state file
    with pytest.raises(errors.PinBlockedError) as status:
        card.pin_tries_left()
    assert not status.value.by_this_attempt
    with pytest.raises(errors.PinBlockedError):
        card.verify_pin(slot.record("valid_adult")["pin"])  # even the right PIN
    assert (slot.personas / "valid_adult" / "counters.json").exists()


def test_a_correct_pin_resets_the_counter(slot):
    card = slot.open("valid_adult")
    with pytest.raises(errors.WrongPin):
        card.verify_pin("9999")
    card.verify_pin(slot.record("valid_adult")["pin"])
    assert slot.card.tries_left(*JPKI_PIN) == 3


def test_pin_format_is_checked_before_anything_is_sent():
    class Refuser:
        def transmit(self, apdu):
            raise AssertionError("nothing may be sent")

    mnc = MyNumberCard(Refuser())
    for bad in ("123", "12345", "12a4", "１２３４", ""):
        with pytest.raises(ValueError):
            mnc.verify_pin(bad)
    with pytest.raises(ValueError):
        mnc.card_face("5502172035228")
    with pytest.raises(ValueError, match="trust anchors"):  # never a silent default trust
        mnc.card_face("55021720352285")


def test_the_my_number_file_cannot_be_reached(personas):
    card = MyNumberCard(open_card(personas, "valid_adult"))
    for aid, fid in ((commands.AID_TEXT_INPUT, 0x0001), (commands.AID_TEXT_INPUT, 0x0002),
                     (commands.AID_CARD_FACE, 0x0013), (commands.AID_JPKI, 0x0001)):
        with pytest.raises(errors.ForbiddenFile):
            card._select_ef(aid, fid)
    assert not hasattr(commands, "EF_TEXT_MY_NUMBER")


def test_the_card_log_never_keeps_a_pin(personas):
    card = open_card(personas, "valid_adult")
    MyNumberCard(card).verify_pin("1234")
    assert b"1234" not in b"".join(c.data for c in card.log)


SIGNATURE_SIDE = (0x0001, 0x0002, 0x001A, 0x001B)  # cert, its CA, key, signature password


def test_the_signature_side_cannot_be_reached(personas):
    """The virtual card has the whole JPKI signature side; the kiosk API can select none of it, so
    no VERIFY of the signature password and no read of a signature file can ever be sent."""
    virtual = open_card(personas, "valid_adult")
    assert set(SIGNATURE_SIDE) <= set(virtual.apps[commands.AID_JPKI].files) | set(
        virtual.apps[commands.AID_JPKI].pins) | set(virtual.apps[commands.AID_JPKI].keys)
    card = MyNumberCard(virtual)
    for fid in SIGNATURE_SIDE:
        with pytest.raises(errors.ForbiddenFile):
            card._select_ef(commands.AID_JPKI, fid)
    assert not [name for name in dir(commands) if "SIGN" in name and name.startswith("EF_")]


def test_a_whole_visit_never_touches_the_signature_side(slot):
    card = slot.open("valid_adult")
    record = slot.record("valid_adult")
    card.token_kind()
    card.auth_certificate()
    card.auth_ca_certificate()
    card.pin_tries_left()
    card.verify_pin(record["pin"])
    card.sign(hashlib.sha256(b"nonce").digest())
    card.chip_challenge(card.card_face(record["number_b"]))
    in_jpki, selected = False, []
    for c in slot.card.log:
        if c.ins == commands.INS_SELECT and c.p1 == 0x04:
            in_jpki = c.data == commands.AID_JPKI
        elif c.ins == commands.INS_SELECT and in_jpki:
            selected.append(int.from_bytes(c.data, "big"))
    assert selected and not set(selected) & set(SIGNATURE_SIDE)
    assert slot.card.tries_left(commands.AID_JPKI, 0x001B) == 5
