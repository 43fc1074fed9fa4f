"""What can go wrong for a patient, each with the code staff look up and the next thing to do."""
from __future__ import annotations

import enum


class Problem(enum.Enum):
    """Value: (code shown on screen, what the patient should do next, as a key the UI translates)."""

    CARD_UNREADABLE = ("001", "replace_card")
    NOT_MYNUMBER_CARD = ("002", "replace_card")
    PIN_LOCKED = ("003", "municipal_office")
    FACE_NOT_MATCHED = ("004", "other_method")
    SMARTPHONE_NOT_ACCEPTED = ("005", "use_card")
    CERTIFICATE_INVALID = ("006", "municipal_office")      # expired beyond the grace, or revoked
    CERTIFICATE_UNTRUSTED = ("007", "see_staff")           # no chain to a trusted JPKI CA
    IDENTITY_PROOF_REFUSED = ("008", "see_staff")          # signature, nonce or attestation refused
    GATEWAY_UNREACHABLE = ("009", "see_staff")             # communication error
    INSURANCE_INVALID = ("010", "see_staff")
    INSURANCE_NOT_FOUND = ("011", "see_staff")
    RESULT_FOLDER_UNAVAILABLE = ("012", "see_staff")
    CARD_REMOVED = ("013", "start_again")
    TIMED_OUT = ("014", "start_again")
    STAFF_DECLINED = ("015", "see_staff")
    NO_METHOD_AVAILABLE = ("016", "see_staff")
    CARD_SURFACE_UNREADABLE = ("017", "other_method")      # 照合番号B not read with confidence
    NO_CHIP_PHOTO = ("018", "other_method")                # infants' cards carry no photo
    CAMERA_UNAVAILABLE = ("019", "other_method")
    # The insurance was confirmed and the result written, but the consent / prescription questions
    # were left unanswered (written as not given, not chosen).
    CARD_REMOVED_BEFORE_ANSWERS = ("020", "sent_to_reception")
    NO_ANSWER_IN_TIME = ("021", "sent_to_reception")
    CARD_ISSUER_KEY_UNKNOWN = ("022", "other_method")      # EF 0004 names a key not shipped: update
    INTERNAL_ERROR = ("099", "see_staff")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def next_step(self) -> str:
        return self.value[1]


class Notice(enum.Enum):
    """Information that does not stop the check-in."""

    CERTIFICATE_EXPIRES_SOON = "certificate_expires_soon"    # within 3 months: renew
    CERTIFICATE_IN_GRACE = "certificate_in_grace"            # expired < 3 months: insurance only
    PIN_LAST_TRY = "pin_last_try"
    RESULT_QUEUED = "result_queued"                          # written later; staff see an alert
