from __future__ import annotations

import pytest

from kiosk.gateway.errors import (CommunicationError, GatewayRefused, GatewayTimeout,
                                  MalformedAnswer, NonceReused)
from kiosk.gateway.faults import Fault, FaultSwitch
from kiosk.gateway.link import RetryingGateway, SimulatorLink
from kiosk.gateway.messages import GatewayNotice, QualificationAnswer, Validity
from kiosk.gateway.wire import decode_answer, encode_answer
from tests.gateway.pki import pin_request
from tests.gateway.pki import NOW


@pytest.fixture
def link(gateway) -> SimulatorLink:
    return SimulatorLink(gateway, FaultSwitch())


@pytest.fixture
def cert(registry, ca) -> bytes:
    cert_der = ca.issue()
    registry.link_certificate("valid_adult", cert_der)
    return cert_der


def test_every_persona_survives_the_wire(registry):
    for persona_id in registry.persona_ids():
        validity, record = registry.person(persona_id)
        answer = QualificationAnswer(validity, record, NOW, (GatewayNotice.CERT_EXPIRES_SOON,))
        assert decode_answer(encode_answer(answer)) == answer


@pytest.mark.parametrize("payload", [
    b"", b"{", b"[]", b'{"validity": 1}', "ü".encode("latin-1"),
    b'{"validity": 9, "record": null, "confirmed_at": "2026-11-23T03:00:00+00:00", "notices": []}',
    b'{"validity": 1, "record": null, "confirmed_at": "2026-11-23T03:00:00+00:00", "notices": []}',
    b'{"validity": 4, "record": null, "confirmed_at": "2026-11-23T03:00:00", "notices": []}',
    b'{"validity": 4, "record": null, "confirmed_at": "2026-11-23T03:00:00+00:00", "notices": ["X"]}',
    b'{"validity": 1, "record": {"name": 5}, "confirmed_at": "2026-11-23T03:00:00+00:00", "notices": []}',
])
def test_odd_answers_are_malformed(payload):
    with pytest.raises(MalformedAnswer) as refused:
        decode_answer(payload)
    assert refused.value.communication_error and refused.value.problem.code == "009"


def test_healthy_link_confirms(link, cert):
    assert link.confirm(pin_request(link, cert)).record.name == "山田　太郎"


def test_injected_malformed_answer(link, cert):
    link.faults.arm(Fault.MALFORMED)
    with pytest.raises(MalformedAnswer):
        link.confirm(pin_request(link, cert))


def test_timeout_after_processing_spends_the_nonce(link, cert):
    request = pin_request(link, cert)
    link.faults.arm(Fault.TIMEOUT)
    with pytest.raises(GatewayTimeout):
        link.confirm(request)
    with pytest.raises(NonceReused):  # so a timed-out confirm must never be resent as is
        link.confirm(request)


def test_refused_request_was_not_processed(link, cert):
    request = pin_request(link, cert)
    link.faults.arm(Fault.REFUSED)
    with pytest.raises(GatewayRefused):
        link.confirm(request)
    assert link.confirm(request).validity is Validity.VALID


def test_slow_service_is_a_timeout(gateway, cert):
    link = SimulatorLink(gateway, timeout_s=-1.0)
    with pytest.raises(GatewayTimeout):
        link.confirm(pin_request(link, cert))


class CountingLink(SimulatorLink):
    def __init__(self, *args):
        super().__init__(*args)
        self.confirm_calls = 0

    def confirm(self, request):
        self.confirm_calls += 1
        return super().confirm(request)


def test_refusals_are_retried_with_the_same_request(gateway, cert):
    link = CountingLink(gateway, FaultSwitch())
    retrying = RetryingGateway(link, attempts=3, sleep=lambda s: None)
    request = pin_request(retrying, cert)
    link.faults.arm(Fault.REFUSED, 2)
    assert retrying.confirm(request).validity is Validity.VALID
    assert link.confirm_calls == 3


def test_retries_are_bounded(gateway, cert):
    link = CountingLink(gateway, FaultSwitch())
    waits = []
    retrying = RetryingGateway(link, attempts=3, backoff_s=0.5, sleep=waits.append)
    request = pin_request(retrying, cert)
    link.faults.arm(Fault.REFUSED, 5)
    with pytest.raises(GatewayRefused):
        retrying.confirm(request)
    assert link.confirm_calls == 3 and waits == [0.5, 1.0]


@pytest.mark.parametrize("fault, error", [(Fault.TIMEOUT, GatewayTimeout),
                                          (Fault.MALFORMED, MalformedAnswer)])
def test_confirm_is_not_retried_once_the_request_may_have_been_processed(gateway, cert, fault,
                                                                         error):
    link = CountingLink(gateway, FaultSwitch())
    retrying = RetryingGateway(link, attempts=3, sleep=lambda s: None)
    request = pin_request(retrying, cert)
    link.faults.arm(fault)
    with pytest.raises(error):
        retrying.confirm(request)
    assert link.confirm_calls == 1
    # what the state machine does next: a new nonce, signed again by the (still verified) card
    assert retrying.confirm(pin_request(retrying, cert)).validity is Validity.VALID


@pytest.mark.parametrize("fault", list(Fault))
def test_nonce_issue_is_retried_on_any_communication_fault(link, fault):
    link.faults.arm(fault, 2)
    assert len(RetryingGateway(link, attempts=3, sleep=lambda s: None).issue_nonce()) == 32


def test_fault_switch_from_environment(monkeypatch):
    monkeypatch.setenv(FaultSwitch.ENVIRONMENT_VARIABLE, "refused:2, timeout@confirm,malformed")
    switch = FaultSwitch.from_environment()
    assert [switch.next_fault("issue_nonce") for _ in range(4)] == [
        Fault.REFUSED, Fault.REFUSED, Fault.MALFORMED, None]
    assert [switch.next_fault("confirm") for _ in range(2)] == [Fault.TIMEOUT, None]


def test_every_communication_error_says_see_staff():
    for error in (GatewayTimeout, GatewayRefused, MalformedAnswer):
        assert issubclass(error, CommunicationError)
        assert error.communication_error and error.problem.code == "009"
