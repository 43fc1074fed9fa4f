from __future__ import annotations

import json
import os
import stat

import pytest

from kiosk.gateway.attestation import Attestation, TerminalKey
from kiosk.gateway.errors import BadAttestation, BadSignature, NonceReused, UnregisteredTerminal
from kiosk.gateway.messages import AttestedRequest, Validity
from tests.gateway.pki import NOW


@pytest.fixture
def terminal(registry) -> TerminalKey:
    key = TerminalKey.generate()
    registry.register_terminal(key.terminal_id, key.public_key_pem)
    return key


@pytest.fixture
def cert(registry, ca) -> bytes:
    cert_der = ca.issue()
    registry.link_certificate("face_only_no_pin", cert_der)
    return cert_der


def test_face_attestation_from_a_registered_terminal_confirms(gateway, terminal, cert):
    request = terminal.attest(cert, gateway.issue_nonce(), "face", NOW, score=0.71)
    answer = gateway.confirm(request)
    assert answer.validity is Validity.VALID and answer.record.name == "中村　清"
    statement = Attestation.from_bytes(request.attestation)
    assert (statement.method, statement.score, statement.verified_at) == ("face", 0.71, NOW)


def test_visual_check_needs_no_score(gateway, terminal, cert):
    assert gateway.confirm(terminal.attest(cert, gateway.issue_nonce(), "visual_check", NOW)).record


def test_attestation_from_an_unregistered_key_is_refused(gateway, terminal, cert):
    stranger = TerminalKey.generate()
    with pytest.raises(UnregisteredTerminal) as refused:
        gateway.confirm(stranger.attest(cert, gateway.issue_nonce(), "face", NOW, score=0.9))
    assert refused.value.problem.code == "008"


def test_attestation_claiming_a_registered_id_but_signed_by_another_key_is_refused(
        gateway, terminal, cert):
    genuine = terminal.attest(cert, gateway.issue_nonce(), "face", NOW, score=0.9)
    impostor = TerminalKey.generate()
    forged_signature = impostor._private_key.sign(genuine.attestation)
    with pytest.raises(BadSignature):
        gateway.confirm(AttestedRequest(cert, genuine.attestation, forged_signature))


def test_tampered_attestation_is_refused(gateway, terminal, cert):
    genuine = terminal.attest(cert, gateway.issue_nonce(), "face", NOW, score=0.31)
    fields = json.loads(genuine.attestation)
    fields["score"] = 0.99
    tampered = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    with pytest.raises(BadSignature):
        gateway.confirm(AttestedRequest(cert, tampered, genuine.signature))


def test_attestation_about_another_card_is_refused(gateway, terminal, cert, ca):
    other_card = ca.issue()
    genuine = terminal.attest(other_card, gateway.issue_nonce(), "face", NOW, score=0.9)
    with pytest.raises(BadAttestation):
        gateway.confirm(AttestedRequest(cert, genuine.attestation, genuine.signature))


def test_replayed_attestation_is_refused(gateway, terminal, cert):
    request = terminal.attest(cert, gateway.issue_nonce(), "face", NOW, score=0.9)
    gateway.confirm(request)
    with pytest.raises(NonceReused):
        gateway.confirm(request)


@pytest.mark.parametrize("method, score", [("face", None), ("fingerprint", 0.9)])
def test_incomplete_attestation_is_refused(gateway, terminal, cert, method, score):
    with pytest.raises(BadAttestation):
        gateway.confirm(terminal.attest(cert, gateway.issue_nonce(), method, NOW, score=score))


@pytest.mark.posix
def test_terminal_key_file_is_private_and_stable(tmp_path):
    path = tmp_path / "keys" / "terminal.pem"
    first = TerminalKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert TerminalKey.load_or_create(path).terminal_id == first.terminal_id
    os.chmod(path, 0o644)
    with pytest.raises(Exception, match="readable by other users"):
        TerminalKey.load_or_create(path)


def test_attestation_dated_outside_the_nonce_lifetime_is_refused(gateway, terminal, cert):
    from datetime import timedelta
    stale = terminal.attest(cert, gateway.issue_nonce(), "face", NOW - timedelta(hours=1), score=0.9)
    with pytest.raises(BadAttestation):
        gateway.confirm(stale)
