"""Every persona through the gateway simulator and into the result folder: what is confirmed is
written once, what is refused leaves nothing behind (the core's flow minus the card and screens)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.gateway.attestation import TerminalKey
from kiosk.gateway.certificates import TrustStore
from kiosk.gateway.errors import GatewayError
from kiosk.gateway.faults import Fault, FaultSwitch
from kiosk.gateway.link import RetryingGateway, SimulatorLink
from kiosk.gateway.messages import SignedNonceRequest
from kiosk.gateway.registry import Registry
from kiosk.gateway.simulator import SimulatedGateway
from kiosk.results.naming import RESULT_FILE_PATTERN
from kiosk.results.outcome import CheckinOutcome
from tests.gateway.pki import NOW, TestCA, card_sign
from tests.results.sinks import make_sink
from tests.results.outcomes import CONSENTED_AT, FACILITY_DEFAULT
from tests.results.parse import parse_result

CERTIFICATE_VALIDITY = {"expiring_soon": NOW + timedelta(days=45),
                        "grace_expired": NOW - timedelta(days=20),
                        "expired": NOW - timedelta(days=120)}
FACE_PERSONAS = {"pin_locked", "face_only_no_pin"}
REFUSED = {"expired": "006", "revoked": "006", "forged": "007"}
PERSONAS = Registry(":memory:").seed()


@pytest.fixture(scope="module")
def ca():
    return TestCA()


@pytest.fixture
def kiosk(tmp_path, ca):
    registry = Registry(tmp_path / "registry.sqlite")
    registry.seed()
    terminal = TerminalKey.generate()
    registry.register_terminal(terminal.terminal_id, terminal.public_key_pem)
    simulator = SimulatedGateway(registry, TrustStore.build([ca.der]), lambda: NOW)
    link = SimulatorLink(simulator, FaultSwitch())
    (tmp_path / "share").mkdir()
    return simulator, RetryingGateway(link, sleep=lambda s: None), terminal, make_sink(tmp_path)


def card_for(persona_id, simulator, ca) -> bytes:
    issuer = TestCA(key_slot=3) if persona_id == "forged" else ca
    cert = issuer.issue(not_after=CERTIFICATE_VALIDITY.get(persona_id, NOW + timedelta(days=900)),
                        not_before=NOW - timedelta(days=1000))
    simulator.registry.link_certificate(persona_id, cert)
    if persona_id == "revoked":
        simulator.revoke(cert)
    return cert


def check_in(persona_id, simulator, gateway, terminal, sink, ca):
    """Confirm, then write: the order the state machine follows."""
    cert = card_for(persona_id, simulator, ca)
    nonce = gateway.issue_nonce()
    if persona_id in FACE_PERSONAS:
        request = terminal.attest(cert, nonce, "face", NOW, score=0.62)
    else:
        request = SignedNonceRequest(cert, nonce, card_sign(10, nonce))
    answer = gateway.confirm(request)
    consent = answer.record is not None and not answer.status_only and answer.validity == 1
    outcome = CheckinOutcome(answer, FACILITY_DEFAULT, CONSENTED_AT) if consent \
        else CheckinOutcome(answer)
    return sink.write(outcome)


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_persona_check_in(kiosk, ca, persona_id):
    simulator, gateway, terminal, sink = kiosk
    if persona_id in REFUSED:
        with pytest.raises(GatewayError) as refused:
            check_in(persona_id, simulator, gateway, terminal, sink, ca)
        assert refused.value.problem.code == REFUSED[persona_id]
        assert list(sink.folder.iterdir()) == [] and sink._db["outbox"].count == 0
        return
    delivery = check_in(persona_id, simulator, gateway, terminal, sink, ca)
    assert delivery.written and [p.name for p in sink.folder.iterdir()] == [delivery.file_name]
    assert RESULT_FILE_PATTERN.match(delivery.file_name)
    root = parse_result(delivery.path.read_bytes())
    _, record = simulator.registry.person(persona_id)
    name = root.findtext("MessageBody/ResultList/ResultOfQualificationConfirmation/Name")
    assert name == (record.name if record else None)
    pharmacists = root.findtext(
        "MessageBody/ResultList/ResultOfQualificationConfirmation/PharmacistsInfoConsFlg")
    if persona_id == "grace_expired":
        assert pharmacists == "0" and root.findtext("MessageBody/ProcessingResultCode") == "W02"


def test_communication_failure_writes_nothing(kiosk, ca):
    simulator, gateway, terminal, sink = kiosk
    gateway.inner.faults.arm(Fault.TIMEOUT, call="confirm")
    with pytest.raises(GatewayError) as failed:
        check_in("valid_adult", simulator, gateway, terminal, sink, ca)
    assert failed.value.communication_error
    assert list(sink.folder.iterdir()) == [] and sink._db["outbox"].count == 0
