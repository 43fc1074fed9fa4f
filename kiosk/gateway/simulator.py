"""The embedded qualification service: verifies the card and the proof as the real one would and
answers from the local registry."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kiosk.gateway.attestation import Attestation, certificate_fingerprint, verify_attestation_signature
from kiosk.gateway.certificates import CertificateStanding, TrustStore, load_certificate
from kiosk.gateway.errors import BadAttestation, BadSignature, UnregisteredTerminal
from kiosk.gateway.messages import (AttestedRequest, GatewayNotice, QualificationAnswer,
                                    QualificationRequest, SignedNonceRequest, Validity)
from kiosk.gateway.provision import provision
from kiosk.gateway.registry import Registry
from kiosk.config.paths import resource_path

NONCE_LIFETIME_S = 300.0
_NOTICES = {CertificateStanding.VALID: (),
            CertificateStanding.EXPIRES_SOON: (GatewayNotice.CERT_EXPIRES_SOON,),
            CertificateStanding.IN_GRACE: (GatewayNotice.CERT_IN_GRACE,)}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SimulatedGateway:
    """Implements the gateway interface (``issue_nonce``, ``confirm``) in-process.

    ``clock`` returns an aware UTC datetime; tests move it to exercise expiry and the grace.
    """

    def __init__(self, registry: Registry, trust: TrustStore,
                 clock: Callable[[], datetime] = utc_now,
                 nonce_lifetime_s: float = NONCE_LIFETIME_S):
        self.registry = registry
        self.trust = trust
        self._clock = clock
        self._nonce_lifetime_s = nonce_lifetime_s

    @classmethod
    def open(cls, base: Path | None = None, trust_folder: Path | None = None,
             revoked_serials: Iterable[int] = (), clock: Callable[[], datetime] = utc_now
             ) -> "SimulatedGateway":
        """The installed simulator: registry under ``data_dir()``, trusting the test JPKI CA in
        ``resources/trust/`` (or every certificate and CRL in ``trust_folder``). Provisioning (normally done at install) is repeated here, a no-op
        when done, so that a frozen build on a fresh PC works from its first start."""
        registry_path = provision(base).registry_path
        if trust_folder is not None:
            trust = TrustStore.from_folder(trust_folder, revoked_serials)
        else:   # only the user-authentication CA: the card-issuer key certifies card faces, not people
            anchor = resource_path("trust", "test-jpki-ca.crt.pem").read_bytes()
            trust = TrustStore.build([anchor], revoked_serials)
        return cls(Registry(registry_path), trust, clock)

    def revoke(self, cert_der: bytes) -> None:
        """Put this certificate's serial on the revocation list (for virtual personas whose
        certificates are made at run time)."""
        serial = load_certificate(cert_der).serial_number
        self.trust = dataclasses.replace(self.trust, revoked=self.trust.revoked | {(None, serial)})

    def issue_nonce(self) -> bytes:
        now = self._clock().timestamp()
        return self.registry.issue_nonce(now, forget_before=now - 2 * self._nonce_lifetime_s)

    def confirm(self, request: QualificationRequest) -> QualificationAnswer:
        now = self._clock()
        standing = self.trust.check(request.cert_der, now, request.ca_cert_der)
        if isinstance(request, SignedNonceRequest):
            self._spend(request.nonce, now)
            self._check_card_signature(request)
        elif isinstance(request, AttestedRequest):
            statement = Attestation.from_bytes(request.attestation)
            self._spend(statement.nonce, now)
            self._check_attestation(request, statement, now)
        else:
            raise TypeError(f"not a qualification request: {type(request).__name__}")
        persona_id = self.registry.persona_for(request.cert_der)
        validity, record = (Validity.NOT_FOUND, None) if persona_id is None \
            else self.registry.person(persona_id)
        return QualificationAnswer(validity, record, now, _NOTICES[standing])

    def _spend(self, nonce: bytes, now: datetime) -> None:
        """A nonce is spent by the first request naming it, whether its proof holds or not."""
        self.registry.spend_nonce(nonce, now.timestamp(), self._nonce_lifetime_s)

    def _check_card_signature(self, request: SignedNonceRequest) -> None:
        public_key = load_certificate(request.cert_der).public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise BadSignature("the card key is not RSA")
        try:
            public_key.verify(request.signature, request.nonce, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise BadSignature("card signature over the nonce does not verify") from None

    def _check_attestation(self, request: AttestedRequest, statement: Attestation,
                           now: datetime) -> None:
        public_key_pem = self.registry.terminal_key(statement.terminal_id)
        if public_key_pem is None:
            raise UnregisteredTerminal(f"terminal {statement.terminal_id} is not registered")
        verify_attestation_signature(public_key_pem, request.attestation, request.signature)
        if statement.cert_sha256 != certificate_fingerprint(request.cert_der):
            raise BadAttestation("attestation is about another certificate")
        if abs((now - statement.verified_at).total_seconds()) > self._nonce_lifetime_s:
            raise BadAttestation("attestation time is not now")
