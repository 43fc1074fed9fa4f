"""Check-in outcomes for every seeded persona, as the state machine would hand them over."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kiosk.gateway.messages import Notice, QualificationAnswer, Validity
from kiosk.gateway.registry import Registry
from kiosk.results.outcome import CheckinOutcome, ConsentFlag, ConsentItem, Prescription

CONFIRMED_AT = datetime(2026, 11, 23, 0, 48, 35, tzinfo=timezone.utc)   # 09:48:35 JST
CONSENTED_AT = CONFIRMED_AT + timedelta(seconds=12)
PROCESSED_AT = CONSENTED_AT + timedelta(seconds=3)
FILE_IDENTIFIER = "ArnHCeDfNjMCFzg="
NOTICES = {"expiring_soon": (Notice.CERT_EXPIRES_SOON,), "grace_expired": (Notice.CERT_IN_GRACE,)}
FACILITY_DEFAULT = {ConsentItem.PHARMACISTS: ConsentFlag.GIVEN,
                    ConsentItem.SPECIFIC_HEALTH_CHECKUPS: ConsentFlag.GIVEN}
EVERYTHING = {item: ConsentFlag.GIVEN for item in ConsentItem}

_registry: Registry | None = None


def seeded_registry() -> Registry:
    global _registry
    if _registry is None:
        _registry = Registry(":memory:")
        _registry.seed()
    return _registry


def answer_for(persona_id: str) -> QualificationAnswer:
    validity, record = seeded_registry().person(persona_id)
    return QualificationAnswer(validity, record, CONFIRMED_AT, NOTICES.get(persona_id, ()))


def outcome_for(persona_id: str, variant: str = "default") -> CheckinOutcome:
    """``default``: facility-default consents, limit and disease info, paper prescription (status
    only or no record: nothing to consent to); ``everything``; ``nothing``."""
    answer = answer_for(persona_id)
    if variant == "nothing" or answer.status_only or answer.record is None or \
            answer.validity is not Validity.VALID:
        return CheckinOutcome(answer)
    if variant == "everything":
        return CheckinOutcome(answer, EVERYTHING, CONSENTED_AT, True, True, Prescription.ELECTRONIC)
    return CheckinOutcome(answer, FACILITY_DEFAULT, CONSENTED_AT, True, True, Prescription.PAPER)
