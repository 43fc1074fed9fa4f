"""Real parts: virtual cards of the personas, rendered card fronts, the shipped OCR model
(helpers in tests/surface/cards.py)."""
from __future__ import annotations

import pytest

from faceauth.surface import SurfaceReader
from reader import era
from tests.surface.cards import InsertedCard, insert


@pytest.fixture(scope="session")
def surface_reader() -> SurfaceReader:
    return SurfaceReader(era.from_era)


@pytest.fixture
def valid_adult(personas) -> InsertedCard:
    return insert(personas, "valid_adult")
