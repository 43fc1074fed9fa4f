"""What the patient and staff see when the card face does not verify, through the real card
adapter, an in-process reader and a virtual card: a forged record is 007, a card whose issuer key
the kiosk does not ship is its own code 022 (nothing was checked: update the kiosk), never 007."""
from __future__ import annotations

import threading

import pytest

from kiosk.adapters.card import ReaderCard
from kiosk.core.codes import Problem
from kiosk.core.ports import PortProblem
from reader.issuer_keys import load_issuer_keys
from reader.trust import TrustAnchors, load_test_anchors
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import load_record, open_card


class NumberBFromRecord:
    """The unlocker with the tray camera replaced by the persona's own 照合番号B."""

    def __init__(self, number_b: str):
        self.number_b = number_b

    def unlock(self, card):
        return card.card_face(self.number_b)


def chip_photo_problem(folder, persona: str, trust: TrustAnchors, card=None) -> Problem | None:
    reader = InProcessReader()
    reader.insert(card or open_card(folder, persona))
    placed = threading.Event()
    adapter = ReaderCard(reader, trust, NumberBFromRecord(load_record(folder, persona)["number_b"]),
                         lambda present: present and placed.set())
    adapter.start()
    try:
        assert placed.wait(5)
        adapter.read()
        adapter.load_chip_photo()
        return None
    except PortProblem as problem:
        return problem.problem
    finally:
        adapter.stop()


def test_a_genuine_virtual_card_gives_its_photo(personas):
    assert chip_photo_problem(personas, "valid_adult", load_test_anchors()) is None


def test_a_forged_card_face_is_code_007(personas):
    assert chip_photo_problem(personas, "forged", load_test_anchors()) is Problem.CERTIFICATE_UNTRUSTED


@pytest.mark.parametrize("hierarchies", [("jlis-production",), ("jlis-production", "jlis-test")])
def test_a_card_from_an_issuer_the_kiosk_lacks_is_code_022(personas, hierarchies):
    """A kiosk that ships only J-LIS keys meets a card of another hierarchy (here a demo card)."""
    trust = TrustAnchors(load_test_anchors().jpki_cas, load_issuer_keys(hierarchies=hierarchies))
    problem = chip_photo_problem(personas, "valid_adult", trust)
    assert problem is Problem.CARD_ISSUER_KEY_UNKNOWN and problem.code == "022"


def test_a_genuine_record_copied_onto_another_chip_is_code_007(personas):
    """The record verifies, but the chip answering the challenge does not hold its DF24 key."""
    from reader.commands import AID_CARD_FACE
    from reader.virtual.issuing import keys_dir, load_key

    copy = open_card(personas, "valid_adult")
    copy.apps[AID_CARD_FACE].challenge_key = load_key(keys_dir() / "expired.card-face.key.pem")
    problem = chip_photo_problem(personas, "valid_adult", load_test_anchors(), card=copy)
    assert problem is Problem.CERTIFICATE_UNTRUSTED
