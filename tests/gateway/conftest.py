from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.gateway.certificates import TrustStore
from kiosk.gateway.registry import Registry
from kiosk.gateway.simulator import SimulatedGateway
from tests.gateway.pki import NOW, TestCA


class Clock:
    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def ca() -> TestCA:
    return TestCA()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(tmp_path) -> Registry:
    registry = Registry(tmp_path / "registry.sqlite")
    registry.seed()
    return registry


@pytest.fixture
def gateway(registry, ca, clock) -> SimulatedGateway:
    return SimulatedGateway(registry, TrustStore.build([ca.der]), clock)
