from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def share(tmp_path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder
