"""Check-in outcomes for every seeded persona, as the state machine would hand them over."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kiosk.gateway.messages import GatewayNotice, QualificationAnswer, Validity
from kiosk.gateway.registry import Registry
from kiosk.core.choices import ConsentItem
from kiosk.results.layout import RenderedResult, encoding_named, render_result
from kiosk.results.outcome import CheckinOutcome, ConsentFlag, Prescription

CONFIRMED_AT = datetime(2026, 11, 23, 0, 48, 35, tzinfo=timezone.utc)   # 09:48:35 JST
CONSENTED_AT = CONFIRMED_AT + timedelta(seconds=12)
PROCESSED_AT = CONSENTED_AT + timedelta(seconds=3)
FILE_IDENTIFIER = "ArnHCeDfNjMCFzg="
INSTITUTION = "1311111111"
NOTICES = {"expiring_soon": (GatewayNotice.CERT_EXPIRES_SOON,), "grace_expired": (GatewayNotice.CERT_IN_GRACE,)}
FACILITY_DEFAULT = {ConsentItem.MEDICATION: ConsentFlag.GIVEN,
                    ConsentItem.HEALTH_CHECKUPS: ConsentFlag.GIVEN}
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


def render(outcome: CheckinOutcome, encoding: str = "utf-8") -> RenderedResult:
    """The result file of ``outcome`` for the test facility, processed at the fixed time."""
    return render_result(outcome, INSTITUTION, encoding_named(encoding), PROCESSED_AT, FILE_IDENTIFIER)
