"""What happens to a check-in (events in) and what the core asks the outside to do (effects out)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from kiosk.core.choices import ConsentItem
from kiosk.core.codes import Problem


class TokenKind(enum.Enum):
    """What the patient placed on the reader: the card, or a phone carrying it. The card adapter
    derives it from the reader's `JpkiToken` (the core imports nothing of `reader`)."""

    CARD = "card"
    ANDROID = "android"
    IPHONE = "iphone"


class Method(enum.Enum):
    FACE = "face"
    PIN = "pin"
    STAFF = "staff"      # 目視: staff compare the chip photo with the patient
    PHONE = "phone"      # iPhone: the patient authenticated on the phone itself


class Secret:
    """A PIN in transit: never shown by repr or str, so it cannot reach a log line."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(****)"

    __str__ = __repr__


@dataclass(frozen=True)
class CardFacts:
    """What reading the card (or phone) told us, before anyone authenticates."""

    kind: TokenKind
    has_photo: bool = True
    pin_set: bool = True
    pin_tries_left: int | None = 3


class Validity(enum.IntEnum):
    """QualificationValidity: the gateway's verdict on the insurance, as the result file writes it
    (6 is never written)."""
    VALID = 1
    INVALID = 2
    NEWER_EXISTS = 3
    NOT_FOUND = 4
    SEVERAL_FOUND = 5


class GatewayAnswer(Protocol):
    """The gateway's answer as the core sees it: carried to the result port untouched."""

    @property
    def validity(self) -> Validity: ...


class ComprehensiveChoice(enum.Enum):
    ALL = "all"
    NONE = "none"
    INDIVIDUALLY = "individually"


# ---- events -------------------------------------------------------------------------------------

class Event:
    """Base of everything the machine reacts to."""


@dataclass(frozen=True)
class CardPlaced(Event):
    pass


@dataclass(frozen=True)
class CardRemoved(Event):
    pass


@dataclass(frozen=True)
class SmartphoneChosen(Event):
    pass


@dataclass(frozen=True)
class CardRead(Event):
    facts: CardFacts


@dataclass(frozen=True)
class CardReadFailed(Event):
    problem: Problem


@dataclass(frozen=True)
class MethodChosen(Event):
    method: Method


@dataclass(frozen=True)
class ChipPhotoLoaded(Event):
    photo: bytes = field(default=b"", repr=False)   # JPEG 2000 for the staff check; memory only


@dataclass(frozen=True)
class FaceUnavailable(Event):
    """No chip photo, no camera, or no usable face: the face path is closed for this visit."""
    problem: Problem


@dataclass(frozen=True)
class FaceMatched(Event):
    score: float


@dataclass(frozen=True)
class FaceNotMatched(Event):
    pass


@dataclass(frozen=True)
class PinEntered(Event):
    pin: Secret


@dataclass(frozen=True)
class PinAccepted(Event):
    pass


@dataclass(frozen=True)
class PinRejected(Event):
    tries_left: int


@dataclass(frozen=True)
class PinBlocked(Event):
    pass


@dataclass(frozen=True)
class StaffConfirmed(Event):
    pass


@dataclass(frozen=True)
class StaffDeclined(Event):
    pass


@dataclass(frozen=True)
class QualificationConfirmed(Event):
    answer: GatewayAnswer
    validity: Validity = Validity.VALID
    insurance_only: bool = False
    expires_soon: bool = False


@dataclass(frozen=True)
class QualificationFailed(Event):
    problem: Problem


@dataclass(frozen=True)
class ComprehensiveConsentAnswered(Event):
    choice: ComprehensiveChoice


@dataclass(frozen=True)
class ConsentAnswered(Event):
    item: ConsentItem
    agreed: bool


@dataclass(frozen=True)
class PrescriptionChosen(Event):
    electronic: bool


@dataclass(frozen=True)
class ResultWritten(Event):
    file_name: str = ""


@dataclass(frozen=True)
class ResultQueued(Event):
    file_name: str = ""     # committed to the outbox; the file follows when the folder is back


@dataclass(frozen=True)
class ResultFailed(Event):
    pass


@dataclass(frozen=True)
class PauseOver(Event):
    pass


@dataclass(frozen=True)
class Acknowledged(Event):
    pass


@dataclass(frozen=True)
class Cancelled(Event):
    pass


@dataclass(frozen=True)
class TimedOut(Event):
    pass


# ---- effects ------------------------------------------------------------------------------------

class Effect:
    """Base of the work the machine asks for; a runner carries it out and answers with events."""


@dataclass(frozen=True)
class ReadCard(Effect):
    pass


@dataclass(frozen=True)
class LoadChipPhoto(Effect):
    enrol: bool = True      # False for the staff check: staff compare by eye, no face template


@dataclass(frozen=True)
class MatchFace(Effect):
    pass


@dataclass(frozen=True)
class ShowCamera(Effect):
    """Live camera picture for the staff visual check: preview only, nothing is matched."""


@dataclass(frozen=True)
class StopFace(Effect):
    """Stop matching or previewing: the camera closes."""


@dataclass(frozen=True)
class Pause(Effect):
    """Wait, then answer PauseOver: a beat the patient should notice (identity confirmed)."""
    seconds: float


@dataclass(frozen=True)
class VerifyPin(Effect):
    pin: Secret


@dataclass(frozen=True)
class ConfirmQualification(Effect):
    method: Method
    face_score: float | None = None


@dataclass(frozen=True)
class WriteResult(Effect):
    visit: CompletedVisit


@dataclass(frozen=True)
class EndVisit(Effect):
    """Drop everything held for the patient: photo, template, certificate, answers."""


@dataclass(frozen=True)
class CompletedVisit:
    """Everything the result file needs, gathered by the machine (the result port turns it into
    the result file's own terms)."""

    answer: GatewayAnswer
    method: Method
    consents: dict[ConsentItem, bool] = field(default_factory=dict)
    consent_time: datetime | None = None     # when consent was given
    prescription_electronic: bool | None = None
