"""The link between the kiosk and the qualification service: the embedded simulator behind a
wire codec, a deadline and the fault switch; and bounded retries where a retry is safe."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from kiosk.gateway.errors import (CommunicationError, GatewayRefused, GatewayTimeout,
                                  MalformedAnswer)
from kiosk.gateway.faults import Fault, FaultSwitch
from kiosk.gateway.interface import QualificationGateway
from kiosk.gateway.messages import QualificationAnswer, QualificationRequest
from kiosk.gateway.simulator import SimulatedGateway
from kiosk.gateway.wire import decode_answer, encode_answer

T = TypeVar("T")


class SimulatorLink:
    """The simulator as if it were remote: answers travel as bytes and may be late, refused or
    truncated (by the fault switch); an answer slower than ``timeout_s`` is a GatewayTimeout."""

    def __init__(self, simulator: SimulatedGateway, faults: FaultSwitch | None = None,
                 timeout_s: float = 10.0):
        self.simulator = simulator
        self.faults = faults or FaultSwitch()
        self._timeout_s = timeout_s

    def issue_nonce(self) -> bytes:
        fault = self.faults.next_fault("issue_nonce")
        if fault is Fault.REFUSED:
            raise GatewayRefused("connection refused (injected)")
        nonce = self.simulator.issue_nonce()
        if fault is Fault.TIMEOUT:
            raise GatewayTimeout("no nonce within the deadline (injected)")
        if fault is Fault.MALFORMED:
            raise MalformedAnswer("nonce answer unreadable (injected)")
        return nonce

    def confirm(self, request: QualificationRequest) -> QualificationAnswer:
        fault = self.faults.next_fault("confirm")
        if fault is Fault.REFUSED:
            raise GatewayRefused("connection refused (injected)")
        started = time.monotonic()
        payload = encode_answer(self.simulator.confirm(request))
        if fault is Fault.TIMEOUT or time.monotonic() - started > self._timeout_s:
            raise GatewayTimeout("no answer within the deadline")
        if fault is Fault.MALFORMED:
            payload = payload[: len(payload) // 2]
        return decode_answer(payload)


class RetryingGateway:
    """Bounded retries, only where repeating cannot do harm.

    ``issue_nonce`` is retried on any communication error. ``confirm`` is retried only when the
    request was refused (it never arrived): after a timeout or a malformed answer the nonce may
    be spent, so the error goes to the state machine, which asks for a new nonce and has the card
    (still verified) sign again or the kiosk attest again.
    """

    def __init__(self, inner: QualificationGateway, attempts: int = 3, backoff_s: float = 0.2,
                 sleep: Callable[[float], None] = time.sleep):
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.inner = inner
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._sleep = sleep

    def _with_retries(self, call: Callable[[], T], retry_on: type[Exception]) -> T:
        attempt = 1
        while True:
            try:
                return call()
            except retry_on:
                if attempt == self._attempts:
                    raise
                self._sleep(self._backoff_s * attempt)
                attempt += 1

    def issue_nonce(self) -> bytes:
        return self._with_retries(self.inner.issue_nonce, CommunicationError)

    def confirm(self, request: QualificationRequest) -> QualificationAnswer:
        return self._with_retries(lambda: self.inner.confirm(request), GatewayRefused)
