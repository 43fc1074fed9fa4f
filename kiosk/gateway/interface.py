"""The gateway as the state machine sees it: any of the simulator, a faulty link or a real service."""
from __future__ import annotations

from typing import Protocol

from kiosk.gateway.messages import QualificationAnswer, QualificationRequest


class QualificationGateway(Protocol):
    def issue_nonce(self) -> bytes:
        """A fresh single-use challenge for the card to sign or the kiosk to attest over."""

    def confirm(self, request: QualificationRequest) -> QualificationAnswer:
        """The qualification, or a ``kiosk.gateway.errors.GatewayError`` subclass."""
