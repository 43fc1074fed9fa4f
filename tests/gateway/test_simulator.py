from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from kiosk.gateway.certificates import TrustStore, add_months
from kiosk.gateway import open_simulator_gateway
from kiosk.gateway.errors import (BadSignature, CertificateExpired, CertificateRevoked,
                                  CertificateUntrusted, GatewayRefused, NonceReused, NonceUnknown)
from kiosk.gateway.faults import FaultSwitch
from kiosk.gateway.messages import GatewayNotice, SignedNonceRequest, Validity
from kiosk.gateway.simulator import SimulatedGateway
from tests.gateway.pki import pin_request
from tests.gateway.pki import NOW, TestCA, card_sign, rsa_key, subject_name


def linked(registry, ca, persona_id: str, **cert_args) -> bytes:
    cert_der = ca.issue(**cert_args)
    registry.link_certificate(persona_id, cert_der)
    return cert_der


def test_valid_card_gets_its_record(gateway, registry, ca):
    answer = gateway.confirm(pin_request(gateway, linked(registry, ca, "valid_adult")))
    assert answer.validity is Validity.VALID
    assert answer.record.name == "山田　太郎" and answer.record.insurer_number == "01130012"
    assert answer.notices == () and not answer.status_only
    assert answer.confirmed_at == NOW


@pytest.mark.parametrize("persona_id, validity", [
    ("lapsed_insurance", Validity.INVALID), ("newer_qualification", Validity.NEWER_EXISTS),
    ("not_insured", Validity.NOT_FOUND), ("several_found", Validity.SEVERAL_FOUND)])
def test_validity_follows_the_registry(gateway, registry, ca, persona_id, validity):
    answer = gateway.confirm(pin_request(gateway, linked(registry, ca, persona_id)))
    assert answer.validity is validity
    assert (answer.record is None) == (validity >= Validity.NOT_FOUND)


def test_unlinked_certificate_is_not_found(gateway, ca):
    answer = gateway.confirm(pin_request(gateway, ca.issue()))
    assert answer.validity is Validity.NOT_FOUND and answer.record is None


def test_expiry_within_three_months_is_announced(gateway, registry, ca):
    cert = linked(registry, ca, "expiring_soon", not_after=NOW + timedelta(days=60))
    answer = gateway.confirm(pin_request(gateway, cert))
    assert answer.notices == (GatewayNotice.CERT_EXPIRES_SOON,) and not answer.status_only


def test_expired_within_grace_gives_insurance_status_only(gateway, registry, ca):
    cert = linked(registry, ca, "grace_expired", not_after=NOW - timedelta(days=30))
    answer = gateway.confirm(pin_request(gateway, cert))
    assert answer.validity is Validity.VALID and answer.record.name == "鈴木　次郎"
    assert answer.notices == (GatewayNotice.CERT_IN_GRACE,) and answer.status_only


def test_expired_beyond_grace_is_error_006(gateway, registry, ca):
    cert = linked(registry, ca, "expired", not_after=NOW - timedelta(days=100))
    with pytest.raises(CertificateExpired) as refused:
        gateway.confirm(pin_request(gateway, cert))
    assert refused.value.problem.code == "006"


@pytest.mark.parametrize("expiry_shift, expected", [
    (timedelta(seconds=1), GatewayNotice.CERT_IN_GRACE), (timedelta(0), GatewayNotice.CERT_IN_GRACE),
    (-timedelta(seconds=1), CertificateExpired)])
def test_grace_ends_exactly_three_calendar_months_after_expiry(gateway, ca, clock, expiry_shift,
                                                                expected):
    expiry = NOW - timedelta(days=200)
    cert = ca.issue(not_before=expiry - timedelta(days=900), not_after=expiry)
    clock.now = add_months(expiry, 3) - expiry_shift
    if expected is CertificateExpired:
        with pytest.raises(CertificateExpired):
            gateway.confirm(pin_request(gateway, cert))
    else:
        assert gateway.confirm(pin_request(gateway, cert)).notices == (expected,)


def test_add_months_clamps_to_month_end():
    assert add_months(NOW.replace(month=11, day=30), 3).date().isoformat() == "2027-02-28"
    assert add_months(NOW.replace(month=1, day=31), -2).date().isoformat() == "2025-11-30"


def test_revoked_serial_is_error_006(registry, ca, clock):
    cert = linked(registry, ca, "revoked", serial=0x5EED)
    gateway = SimulatedGateway(registry, TrustStore.build([ca.der], revoked_serials=[0x5EED]), clock)
    with pytest.raises(CertificateRevoked) as refused:
        gateway.confirm(pin_request(gateway, cert))
    assert refused.value.problem.code == "006"


def test_revocation_from_a_signed_crl(registry, ca, clock):
    cert = linked(registry, ca, "revoked", serial=0xBAD)
    gateway = SimulatedGateway(registry, TrustStore.build([ca.der], crls=[ca.crl([0xBAD, 2])]), clock)
    with pytest.raises(CertificateRevoked):
        gateway.confirm(pin_request(gateway, cert))


def test_crl_not_signed_by_an_anchor_is_rejected(ca):
    impostor = TestCA(key_slot=3)  # same name as ``ca``, another key
    with pytest.raises(ValueError, match="not signed by an anchor"):
        TrustStore.build([ca.der], crls=[impostor.crl([1])])


def test_forged_certificate_with_the_same_ca_name_is_untrusted(gateway, registry):
    forger = TestCA(key_slot=3)  # same subject name as the real CA, different key
    cert = forger.issue()
    registry.link_certificate("forged", cert)
    with pytest.raises(CertificateUntrusted) as refused:
        gateway.confirm(pin_request(gateway, cert))
    assert refused.value.problem.code == "007"


def test_garbage_is_not_a_certificate(gateway):
    with pytest.raises(CertificateUntrusted):
        gateway.confirm(pin_request(gateway, b"\x30\x03\x02\x01\x00"))


def test_not_yet_valid_certificate_is_untrusted(gateway, ca):
    with pytest.raises(CertificateUntrusted):
        gateway.confirm(pin_request(gateway, ca.issue(not_before=NOW + timedelta(days=1))))


def test_chain_through_the_cards_ca_certificate(registry, clock):
    root = TestCA("JPKI Test Root", key_slot=4)
    issuing = TestCA("JPKI Test Issuing CA", key_slot=5, issuer=root)
    gateway = SimulatedGateway(registry, TrustStore.build([root.der]), clock)
    cert = issuing.issue()
    registry.link_certificate("valid_adult", cert)
    request = pin_request(gateway, cert)
    with pytest.raises(CertificateUntrusted):  # without EF 000B there is no path to the root
        gateway.confirm(request)
    with_ca = pin_request(gateway, cert)
    answer = gateway.confirm(SignedNonceRequest(cert, with_ca.nonce, with_ca.signature, issuing.der))
    assert answer.record.name == "山田　太郎"
    rogue = TestCA("JPKI Test Issuing CA", key_slot=6)  # self-made "issuing CA"
    forged = rogue.issue()
    attempt = pin_request(gateway, forged)
    with pytest.raises(CertificateUntrusted):
        gateway.confirm(SignedNonceRequest(forged, attempt.nonce, attempt.signature, rogue.der))


def test_replayed_nonce_is_refused(gateway, registry, ca):
    request = pin_request(gateway, linked(registry, ca, "valid_adult"))
    gateway.confirm(request)
    with pytest.raises(NonceReused) as refused:
        gateway.confirm(request)
    assert refused.value.problem.code == "008"


def test_nonce_not_issued_here_is_refused(gateway, registry, ca):
    cert = linked(registry, ca, "valid_adult")
    made_up = b"\x01" * 32
    with pytest.raises(NonceUnknown):
        gateway.confirm(SignedNonceRequest(cert, made_up, card_sign(10, made_up)))


def test_stale_nonce_is_refused(gateway, registry, ca, clock):
    request = pin_request(gateway, linked(registry, ca, "valid_adult"))
    clock.now += timedelta(seconds=301)
    with pytest.raises(NonceUnknown):
        gateway.confirm(request)


def test_tampered_signature_is_refused_and_spends_the_nonce(gateway, registry, ca):
    request = pin_request(gateway, linked(registry, ca, "valid_adult"))
    tampered = bytearray(request.signature)
    tampered[100] ^= 0x01
    with pytest.raises(BadSignature) as refused:
        gateway.confirm(SignedNonceRequest(request.cert_der, request.nonce, bytes(tampered)))
    assert refused.value.problem.code == "008"
    with pytest.raises(NonceReused):
        gateway.confirm(request)


def test_signature_by_another_key_is_refused(gateway, registry, ca):
    cert = linked(registry, ca, "valid_adult", key_slot=10)
    with pytest.raises(BadSignature):
        gateway.confirm(pin_request(gateway, cert, key_slot=11))


def test_signature_over_another_nonce_is_refused(gateway, registry, ca):
    cert = linked(registry, ca, "valid_adult")
    nonce, other = gateway.issue_nonce(), gateway.issue_nonce()
    with pytest.raises(BadSignature):
        gateway.confirm(SignedNonceRequest(cert, nonce, card_sign(10, other)))


def test_revoking_a_certificate_at_run_time(gateway, registry, ca):
    cert = linked(registry, ca, "revoked")
    gateway.revoke(cert)
    with pytest.raises(CertificateRevoked):
        gateway.confirm(pin_request(gateway, cert))
    assert gateway.confirm(pin_request(gateway, linked(registry, ca, "valid_adult"))).record


def test_installed_simulator_behind_the_default_link(tmp_path, ca, monkeypatch):
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "jpki-test-ca.der").write_bytes(ca.der)
    (trust / "jpki-test-ca.crl").write_bytes(ca.crl([0x1234]))
    simulator = SimulatedGateway.open(tmp_path, trust)
    cert = ca.issue()
    simulator.registry.link_certificate("valid_adult", cert)
    revoked = ca.issue(serial=0x1234)
    monkeypatch.setenv(FaultSwitch.ENVIRONMENT_VARIABLE, "refused:3")
    gateway = open_simulator_gateway(simulator, attempts=3)
    with pytest.raises(GatewayRefused):  # three refusals exhaust three attempts
        gateway.issue_nonce()
    assert gateway.confirm(pin_request(gateway, cert)).record.name == "山田　太郎"
    with pytest.raises(CertificateRevoked):
        gateway.confirm(pin_request(gateway, revoked))


def test_old_nonces_are_forgotten_and_stay_refused(gateway, registry, ca, clock):
    request = pin_request(gateway, linked(registry, ca, "valid_adult"))
    clock.now += timedelta(hours=1)
    gateway.issue_nonce()
    assert registry._db["nonces"].count == 1
    with pytest.raises(NonceUnknown):
        gateway.confirm(request)


def test_a_card_certificate_cannot_act_as_a_ca(gateway, registry, ca):
    """A genuine end-entity certificate (no CA flag) presented as EF 000B signs nothing."""
    holder = ca.issue(key_slot=12, subject="Mallory")
    forged = (x509.CertificateBuilder().subject_name(subject_name("victim"))
              .issuer_name(subject_name("Mallory")).public_key(rsa_key(10).public_key())
              .serial_number(7).not_valid_before(NOW - timedelta(days=1))
              .not_valid_after(NOW + timedelta(days=99)).sign(rsa_key(12), hashes.SHA256()))
    cert = forged.public_bytes(Encoding.DER)
    registry.link_certificate("valid_adult", cert)
    attempt = pin_request(gateway, cert)
    with pytest.raises(CertificateUntrusted):
        gateway.confirm(SignedNonceRequest(cert, attempt.nonce, attempt.signature, holder))
