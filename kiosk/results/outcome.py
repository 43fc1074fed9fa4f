"""A confirmed check-in as the result file reports it: the gateway's answer plus the patient's
answers on the consent and prescription screens."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from kiosk.core.choices import ConsentItem
from kiosk.gateway.messages import QualificationAnswer


class ConsentFlag(enum.IntEnum):
    NO_CONSENT = 0
    GIVEN = 1
    EXPIRED = 2
    IMPOSSIBLE = 3


class Prescription(enum.IntEnum):
    """PrescriptionIssueSelect."""
    ELECTRONIC = 1
    PAPER = 2


@dataclass(frozen=True)
class CheckinOutcome:
    """Only confirmed check-ins have an outcome; a refused or failed one is never written.

    ``consented_at`` is when the patient answered the consent screens; it is required as soon as
    any consent was given. Items missing from ``consents`` are written as 0 (no consent).
    """
    answer: QualificationAnswer
    consents: Mapping[ConsentItem, ConsentFlag] = field(default_factory=dict)
    consented_at: datetime | None = None
    limit_certificate_consent: bool = False
    specific_diseases_consent: bool = False
    prescription: Prescription | None = None

    def __post_init__(self) -> None:
        any_consent = (any(flag == ConsentFlag.GIVEN for flag in self.consents.values())
                       or self.limit_certificate_consent or self.specific_diseases_consent)
        if any_consent and self.consented_at is None:
            raise ValueError("a consent was given but consented_at is missing")
        if any_consent and self.answer.status_only:
            raise ValueError("certificate in grace: insurance status only, no consent applies")
        if any_consent and self.answer.record is None:
            raise ValueError("no qualification record: there is nothing to consent to")

    def consent(self, item: ConsentItem) -> ConsentFlag:
        return ConsentFlag(self.consents.get(item, ConsentFlag.NO_CONSENT))
