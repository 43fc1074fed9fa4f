"""GatewayPort over kiosk.gateway: a fresh nonce, then the card's signature or this kiosk's
attestation, and the answer turned into the machine's event."""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone

from kiosk.core.events import Method, QualificationConfirmed
from kiosk.gateway import (GatewayError, GatewayNotice, GatewayTimeout, MalformedAnswer,
                           QualificationGateway, QualificationRequest, SignedNonceRequest,
                           TerminalKey)
from kiosk.core.ports import CardPort, PortProblem

log = logging.getLogger("kiosk.gateway")

ATTESTED = {Method.FACE: "face", Method.STAFF: "visual_check"}


class SignedGateway:
    def __init__(self, gateway: QualificationGateway, terminal_key: TerminalKey,
                 attempts: int = 2) -> None:
        self.gateway, self.terminal_key, self.attempts = gateway, terminal_key, attempts

    def confirm(self, method: Method, card: CardPort, face_score: float | None) -> QualificationConfirmed:
        cert, ca_cert = card.certificates()
        for attempt in range(1, self.attempts + 1):
            try:
                answer = self.gateway.confirm(self._request(method, card, cert, ca_cert, face_score))
                break
            except (GatewayTimeout, MalformedAnswer) as error:
                # The nonce may be spent already: only a new nonce and a new proof may try again.
                log.warning("gateway attempt %d/%d: %s", attempt, self.attempts, error)
                if attempt == self.attempts:
                    raise PortProblem(error.problem, str(error)) from error
            except GatewayError as error:
                raise PortProblem(error.problem, f"{type(error).__name__}: {error}") from error
        return QualificationConfirmed(answer, validity=answer.validity,
                                      insurance_only=answer.status_only,
                                      expires_soon=GatewayNotice.CERT_EXPIRES_SOON in answer.notices)

    def _request(self, method: Method, card: CardPort, cert: bytes, ca_cert: bytes,
                 face_score: float | None) -> QualificationRequest:
        try:
            nonce = self.gateway.issue_nonce()
        except GatewayError as error:
            raise PortProblem(error.problem, str(error)) from error
        if method in ATTESTED:
            return self.terminal_key.attest(cert, nonce, ATTESTED[method], datetime.now(timezone.utc),
                                            score=face_score, ca_cert_der=ca_cert)
        signature = card.sign(hashlib.sha256(nonce).digest())
        return SignedNonceRequest(cert, nonce, signature, ca_cert_der=ca_cert)
