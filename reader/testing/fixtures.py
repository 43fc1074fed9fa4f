"""pytest fixtures for tests in any package. In a conftest.py:

    from reader.testing.fixtures import persona_folder, personas, private_pcscd  # noqa: F401

`persona_folder` (session): every persona built for today, read-only by convention.
`personas`: a private copy per test, so PIN counters start fresh.
`private_pcscd` (session): the shared private pcscd; both vpcd slots are empty before each use.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from .pcscd import PrivatePcscd, shared_pcscd
from ..virtual.personas import build_personas


@pytest.fixture(scope="session")
def persona_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("personas")
    build_personas(folder, date.today())
    return folder


@pytest.fixture
def personas(persona_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "personas"
    shutil.copytree(persona_folder, folder)
    return folder


@pytest.fixture
def private_pcscd() -> Iterator[PrivatePcscd]:
    pcscd = shared_pcscd()
    for slot in range(len(pcscd.reader_names)):
        pcscd.remove(slot)
    yield pcscd
    for slot in range(len(pcscd.reader_names)):
        pcscd.remove(slot)
