"""Golden result files, one per persona and outcome: any change to the bytes shows up in review.
Regenerate after a deliberate layout change with ``UPDATE_GOLDEN=1 pytest tests/results``."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.results.outcomes import outcome_for, render, seeded_registry

GOLDEN = Path(__file__).parent / "golden"
CASES = [(p, "default", e) for p in seeded_registry().persona_ids() for e in ("utf-8", "shift_jis")]
CASES += [("valid_adult", variant, "utf-8") for variant in ("everything", "nothing")]


@pytest.mark.parametrize("persona_id, variant, encoding", CASES)
def test_result_file_matches_its_golden_copy(persona_id, variant, encoding):
    content = render(outcome_for(persona_id, variant), encoding).content
    golden = GOLDEN / f"{persona_id}.{variant}.{encoding}.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(content)
    assert content == golden.read_bytes()


def test_no_stale_golden_files():
    expected = {f"{p}.{v}.{e}.xml" for p, v, e in CASES}
    assert {path.name for path in GOLDEN.iterdir()} == expected
