"""Virtual persona cards on the in-process reader, and rendered card fronts, for the surface tests."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from faceauth.surface import CardValues, Perturbation, render_card_front
from kiosk.composition.demo_cards import card_values_from_persona
from reader import MyNumberCard, commands
from reader.trust import load_test_anchors
from reader.virtual.card import VirtualCard
from reader.virtual.inprocess import InProcessReader
from reader.virtual.personas import load_record, open_card


@dataclass
class InsertedCard:
    card: MyNumberCard
    virtual: VirtualCard
    record: dict
    values: CardValues

    def verifies_with_value(self) -> int:
        """VERIFY commands that carried a value (the empty VERIFY only asks the tries)."""
        return sum(1 for c in self.virtual.log if c.ins == commands.INS_VERIFY and c.data)

    def number_b_tries(self) -> int:
        return self.virtual.tries_left(commands.AID_CARD_FACE, commands.EF_CARD_FACE_NUMBER_B)


def insert(folder: Path, persona_id: str) -> InsertedCard:
    reader = InProcessReader()
    virtual = open_card(folder, persona_id)
    reader.insert(virtual)
    card = MyNumberCard(reader.connect(reader.name), load_test_anchors())
    return InsertedCard(card, virtual, load_record(folder, persona_id),
                        card_values_from_persona(folder, persona_id))


def tray_pictures(values: CardValues, count: int, seed: int, severity: float = 0.5) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [render_card_front(values, Perturbation.random(rng, severity), rng) for _ in range(count)]
