"""Typed errors of the card layer. Nothing else escapes `reader` (the fuzz tests check it)."""


class CardError(Exception):
    """Base of every error the card layer raises."""


class ReaderUnavailable(CardError):
    """The PC/SC service (pcscd) is not running, or no reader is attached."""


class NoCard(CardError):
    """No card or phone is on the reader."""


class CardRemovedError(CardError):
    """The card or phone left the reader, possibly in the middle of a command."""


class MalformedResponse(CardError):
    """The card answered something that does not parse (truncated, wrong tag, wrong length)."""


class NotAMyNumberCard(CardError):
    """The card has no JPKI application, or a token label that is not a My Number card's (an unknown
    one, or `JPKIAPICCTOKEN`: the older 住基カード)."""


class ForbiddenFile(CardError):
    """A request for a file the kiosk must never touch (the My Number)."""


class StatusWordError(CardError):
    """The card refused a command; `sw` is the 2-byte status word."""

    def __init__(self, sw: int, message: str = ""):
        self.sw = sw
        super().__init__(f"{message or type(self).__name__} (SW {sw:04X})")


class WrongPin(StatusWordError):
    """A wrong PIN (or 照合番号B); `tries_left` ≥ 1 tries remain."""

    def __init__(self, sw: int, tries_left: int):
        self.tries_left = tries_left
        super().__init__(sw, f"wrong PIN, {tries_left} tries left")


class PinBlockedError(StatusWordError):
    """The PIN counter is exhausted; only a municipal office can unblock it.

    `by_this_attempt` is True when the VERIFY just sent used up the last try.
    """

    def __init__(self, sw: int, by_this_attempt: bool = False):
        self.by_this_attempt = by_this_attempt
        super().__init__(sw, "PIN blocked")


class PinNotSet(StatusWordError):
    """The card has no PIN (a face-authentication-only card)."""


class SecurityStatusNotSatisfied(StatusWordError):
    """The file or key needs a PIN that has not been verified."""


class ConditionsNotSatisfied(StatusWordError):
    """The command is not allowed in the card's current state."""


class FileNotFound(StatusWordError):
    """No such application or file."""


class WrongParameters(StatusWordError):
    """P1/P2 rejected."""


class OffsetOutOfRange(StatusWordError):
    """READ BINARY offset beyond the end of the file."""


class WrongLength(StatusWordError):
    """Lc or Le rejected."""


class InstructionNotSupported(StatusWordError):
    """INS or CLA not supported."""


class UnexpectedStatus(StatusWordError):
    """Any status word without a more specific meaning."""


class VerificationFailed(CardError):
    """Data read correctly but its signature does not check against the trust anchors."""


class UntrustedCardFace(VerificationFailed):
    """The card-face record is not signed by a trusted card issuer (a forged or altered card)."""


class CertificateSignatureInvalid(UntrustedCardFace):
    """EF 0004 (the CV certificate) does not verify under the issuer key its 証明者鍵ID names:
    its 5F4E body or its 5F37 signature was altered, or a forger signed it."""


class CardFaceSignatureInvalid(UntrustedCardFace):
    """DF28 does not verify under the key EF 0004 certifies: a signed segment (DF22–DF24, DF25–DF26,
    DF27) or the signature was altered."""


class CardFaceSignedByChipKey(UntrustedCardFace):
    """DF28 verifies only under DF24, the chip's own key, which never signs the record on a real
    card: a record made up by whoever holds that key."""


class UnknownIssuerKey(CardError):
    """EF 0004 names an issuer key (証明者鍵ID) this kiosk does not ship, so nothing was checked.
    Not a verdict on the card: the kiosk's issuer key table needs an update. `key_id` is the
    16-byte id, `name` its printable part (e.g. "5000023/001")."""

    def __init__(self, key_id: bytes, name: str):
        self.key_id, self.name = key_id, name
        super().__init__(f"this card's issuer key {name} is unknown to this kiosk: update it")


class ChipSignatureInvalid(VerificationFailed):
    """The card-face application's answer to the chip challenge does not verify."""
