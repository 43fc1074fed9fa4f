"""CardPort over reader/: the card the reader service says is present, opened when it arrives."""
from __future__ import annotations

import logging
import threading
from typing import Callable, Protocol

from reader import EventKind, JpkiToken, MyNumberCard, ReaderEvent, ReaderService
from reader import errors as card_errors
from reader.cardface import CardFace
from reader.transport import Transport
from reader.trust import TrustAnchors

from kiosk.core.codes import Problem
from kiosk.core.events import CardFacts, TokenKind
from kiosk.core.ports import PinLocked, PinWrong, PortProblem

log = logging.getLogger("kiosk.card")

TOKEN_KINDS = {JpkiToken.CARD: TokenKind.CARD, JpkiToken.ANDROID: TokenKind.ANDROID,
               JpkiToken.IPHONE: TokenKind.IPHONE}


class CardFaceUnlocker(Protocol):
    """Opens the card's signed face record (and so its photo) with 照合番号B from the card surface."""

    def unlock(self, card: MyNumberCard) -> CardFace: ...


CARD_PROBLEMS = (  # the first that matches; anything else is "card not recognised"
    (card_errors.NotAMyNumberCard, Problem.NOT_MYNUMBER_CARD),
    (card_errors.UnknownIssuerKey, Problem.CARD_ISSUER_KEY_UNKNOWN),  # nothing checked: not forged
    (card_errors.VerificationFailed, Problem.CERTIFICATE_UNTRUSTED),  # forged or altered card face
)


def card_problem(error: card_errors.CardError) -> PortProblem:
    problem = next((p for kind, p in CARD_PROBLEMS if isinstance(error, kind)),
                   Problem.CARD_UNREADABLE)
    return PortProblem(problem, f"{type(error).__name__}: {error}")


class ReaderCard:
    """One reader, one card at a time. `on_presence(True/False)` reports a card placed/removed."""

    def __init__(self, service: ReaderService, trust: TrustAnchors, unlocker: CardFaceUnlocker,
                 on_presence: Callable[[bool], None]) -> None:
        self.service, self.trust, self.unlocker, self.on_presence = service, trust, unlocker, on_presence
        self._lock = threading.Lock()
        self._reader: str | None = None
        self._transport: Transport | None = None
        self._card: MyNumberCard | None = None

    def start(self) -> None:
        self.service.start(self._on_event)

    def stop(self) -> None:
        self.service.stop()
        self.release()

    def _on_event(self, event: ReaderEvent) -> None:
        if event.kind is EventKind.CARD_INSERTED:
            self._reader = event.reader
            self.on_presence(True)
        elif event.kind is EventKind.CARD_REMOVED:
            self.release()
            self.on_presence(False)
        elif event.kind is EventKind.READER_ADDED:
            log.info("card reader: %s", event.reader)
        elif event.kind in (EventKind.SERVICE_DOWN, EventKind.READER_REMOVED):
            log.warning("card reader: %s (%s)", event.kind.name, event.reader)

    # ---- CardPort ------------------------------------------------------------------------------

    def read(self) -> CardFacts:
        try:
            with self._lock:
                self._close()
                if self._reader is None:
                    raise card_errors.NoCard("no card on the reader")
                transport = self._transport = self.service.connect(self._reader)
                self._card = MyNumberCard(transport, self.trust)
                card = self._card
            kind = card.token_kind()
            if kind is JpkiToken.IPHONE:
                return CardFacts(TokenKind.IPHONE, has_photo=False, pin_set=False, pin_tries_left=None)
            try:
                tries, pin_set = card.pin_tries_left(), True
            except card_errors.PinNotSet:
                tries, pin_set = None, False
            except card_errors.PinBlockedError:
                tries, pin_set = 0, True
            has_photo = kind is JpkiToken.CARD   # known for sure only once the face record is open
            return CardFacts(TOKEN_KINDS[kind], has_photo=has_photo, pin_set=pin_set, pin_tries_left=tries)
        except card_errors.CardError as error:
            raise card_problem(error) from error

    def load_chip_photo(self) -> bytes:
        """The verified card face's photo, once the chip itself has answered a fresh challenge with
        its DF24 key (a copied record on another chip fails here: 007)."""
        card = self._current()
        try:
            face = self.unlocker.unlock(card)
            card.chip_challenge(face)
        except card_errors.CardError as error:
            raise card_problem(error) from error
        if not face.photo_jp2:
            raise PortProblem(Problem.NO_CHIP_PHOTO, "the card carries no face photo")
        return face.photo_jp2

    def verify_pin(self, pin: str) -> None:
        try:
            self._current().verify_pin(pin)
        except card_errors.WrongPin as wrong:
            raise PinWrong(wrong.tries_left) from None
        except card_errors.PinBlockedError:
            raise PinLocked() from None
        except card_errors.CardError as error:
            raise card_problem(error) from error

    def certificates(self) -> tuple[bytes, bytes]:
        card = self._current()
        try:
            return card.auth_certificate(), card.auth_ca_certificate()
        except card_errors.CardError as error:
            raise card_problem(error) from error

    def sign(self, digest: bytes) -> bytes:
        try:
            return self._current().sign(digest)
        except card_errors.CardError as error:
            raise card_problem(error) from error

    def release(self) -> None:
        with self._lock:
            self._close()

    def _current(self) -> MyNumberCard:
        card = self._card
        if card is None:
            raise PortProblem(Problem.CARD_UNREADABLE, "no card open")
        return card

    def _close(self) -> None:
        # The old exclusive connection must go, or the next card meets a sharing violation.
        transport, self._transport, self._card = self._transport, None, None
        close = getattr(transport, "close", None)   # PC/SC connections close; in-process ones need not
        if close is not None:
            try:
                close()
            except Exception:
                log.debug("closing the card connection failed", exc_info=True)
