"""Typed gateway errors, each carrying the code the patient sees and staff look up.

Codes (patient-flow.md names 001, 002 and 006; 007–009 are ours, reconcile at integration):
  006  certificate expired beyond the 3-month grace, or revoked: renew at the municipal office
  007  certificate not issued by a trusted JPKI CA (forged, foreign, not yet valid)
  008  identity proof refused: bad card signature, nonce unknown/expired/reused, attestation
       unsigned or from an unregistered terminal
  009  communication error with the qualification service: "please see staff"
"""
from __future__ import annotations


class GatewayError(Exception):
    """Base: the check-in was not confirmed; nothing may be written for it."""
    patient_code = "009"
    communication_error = False  # True: the UI shows "communication error, please see staff"


class CommunicationError(GatewayError):
    patient_code = "009"
    communication_error = True


class GatewayTimeout(CommunicationError):
    """No answer within the deadline (the request may or may not have been processed)."""


class GatewayRefused(CommunicationError):
    """The service could not be reached: the request was certainly not processed."""


class MalformedAnswer(CommunicationError):
    """An answer arrived but does not decode into a valid QualificationAnswer."""


class CertificateError(GatewayError):
    patient_code = "006"


class CertificateExpired(CertificateError):
    """Expired more than 3 months ago (within 3 months the gateway answers with a notice)."""


class CertificateRevoked(CertificateError):
    """The certificate's serial is on the issuer's revocation list."""


class CertificateUntrusted(CertificateError):
    """No trusted chain, a bad issuer signature, or not yet valid."""
    patient_code = "007"


class ProofRefused(GatewayError):
    patient_code = "008"


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
