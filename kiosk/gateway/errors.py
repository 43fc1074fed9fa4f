"""Typed gateway errors, each carrying the problem the patient is shown (codes in kiosk.core.codes)."""
from __future__ import annotations

from kiosk.core.codes import Problem


class GatewayError(Exception):
    """Base: the check-in was not confirmed; nothing may be written for it."""
    problem = Problem.GATEWAY_UNREACHABLE
    communication_error = False  # True: the UI shows "communication error, please see staff"


class CommunicationError(GatewayError):
    problem = Problem.GATEWAY_UNREACHABLE
    communication_error = True


class GatewayTimeout(CommunicationError):
    """No answer within the deadline (the request may or may not have been processed)."""


class GatewayRefused(CommunicationError):
    """The service could not be reached: the request was certainly not processed."""


class MalformedAnswer(CommunicationError):
    """An answer arrived but does not decode into a valid QualificationAnswer."""


class CertificateError(GatewayError):
    problem = Problem.CERTIFICATE_INVALID


class CertificateExpired(CertificateError):
    """Expired more than 3 months ago (within 3 months the gateway answers with a notice)."""


class CertificateRevoked(CertificateError):
    """The certificate's serial is on the issuer's revocation list."""


class CertificateUntrusted(CertificateError):
    """No trusted chain, a bad issuer signature, or not yet valid."""
    problem = Problem.CERTIFICATE_UNTRUSTED


class ProofRefused(GatewayError):
    problem = Problem.IDENTITY_PROOF_REFUSED


class BadSignature(ProofRefused):
    """The card signature over the nonce, or the attestation signature, does not verify."""


class NonceUnknown(ProofRefused):
    """The nonce was never issued by this gateway or is older than its lifetime."""


class NonceReused(ProofRefused):
    """The nonce was already spent by an earlier confirmation."""


class UnregisteredTerminal(ProofRefused):
    """The attestation names a terminal key the gateway does not know."""


class BadAttestation(ProofRefused):
    """The attestation is signed but does not fit: other certificate, unknown method, no score."""
