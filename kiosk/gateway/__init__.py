"""The qualification gateway: interface, typed errors, the embedded simulator and its link."""
from __future__ import annotations

from kiosk.gateway.attestation import Attestation, TerminalKey, terminal_key_path
from kiosk.gateway.errors import (BadAttestation, BadSignature, CertificateExpired,
                                  CertificateRevoked, CertificateUntrusted, CommunicationError,
                                  GatewayError, GatewayRefused, GatewayTimeout, MalformedAnswer,
                                  NonceReused, NonceUnknown, ProofRefused, UnregisteredTerminal)
from kiosk.gateway.faults import Fault, FaultSwitch
from kiosk.gateway.interface import QualificationGateway
from kiosk.gateway.link import RetryingGateway, SimulatorLink
from kiosk.gateway.messages import (AttestedRequest, GatewayNotice, QualificationAnswer,
                                    QualificationRequest, SignedNonceRequest, Validity)
from kiosk.gateway.record import InsuredRecord
from kiosk.gateway.simulator import SimulatedGateway


def open_simulator_gateway(simulator: SimulatedGateway | None = None,
                           faults: FaultSwitch | None = None, timeout_s: float = 10.0,
                           attempts: int = 3) -> QualificationGateway:
    """The embedded default the core talks to: the simulator (default: the installed one,
    ``SimulatedGateway.open()``) behind the link with its deadline, bounded retries, and the
    fault switch (default: armed from ``OQS_KIOSK_GATEWAY_FAULTS``)."""
    link = SimulatorLink(simulator or SimulatedGateway.open(),
                         faults or FaultSwitch.from_environment(), timeout_s)
    return RetryingGateway(link, attempts)


__all__ = [
    "Attestation", "AttestedRequest", "BadAttestation", "BadSignature", "CertificateExpired",
    "CertificateRevoked", "CertificateUntrusted", "CommunicationError", "Fault", "FaultSwitch",
    "GatewayError", "GatewayNotice", "GatewayRefused", "GatewayTimeout", "InsuredRecord", "MalformedAnswer",
    "NonceReused", "NonceUnknown", "ProofRefused", "QualificationAnswer",
    "QualificationGateway", "QualificationRequest", "RetryingGateway", "SignedNonceRequest",
    "SimulatedGateway", "SimulatorLink", "TerminalKey", "UnregisteredTerminal", "Validity",
    "open_simulator_gateway", "terminal_key_path",
]
