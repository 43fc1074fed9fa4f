"""The virtual card and the simulator's insured person are the same person."""
from __future__ import annotations

from kiosk.gateway.registry import Registry
from reader.virtual.personas import PERSONAS


def test_card_and_insurance_records_describe_the_same_people():
    registry = Registry(":memory:")
    registry.seed()
    for persona_id, persona in PERSONAS.items():
        _, record = registry.person(persona_id)
        assert (record.name, record.birthdate, record.sex1) == (
            persona.name, persona.birth_date.strftime("%Y%m%d"), persona.sex), persona_id
