"""Typed errors of the card layer. Nothing else escapes `reader` (the fuzz tests check it)."""


class CardError(Exception):
    """Base of every error the card layer raises."""


class ReaderUnavailable(CardError):
    """The PC/SC service (pcscd) is not running, or no reader is attached."""


class NoCard(CardError):
    """No card or phone is on the reader."""


class CardRemoved(CardError):
    """The card or phone left the reader, possibly in the middle of a command."""


class MalformedResponse(CardError):
    """The card answered something that does not parse (truncated, wrong tag, wrong length)."""


class NotAMyNumberCard(CardError):
    """The card has no JPKI application or an unknown token label."""


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


class PinBlocked(StatusWordError):
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


class ChipSignatureInvalid(VerificationFailed):
    """The card-face application's answer to the chip challenge does not verify."""
