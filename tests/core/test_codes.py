"""Patient codes: one per problem, each in the README's table."""
from __future__ import annotations

from pathlib import Path

from kiosk.core.codes import Problem

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_codes_are_unique_and_documented():
    codes = [p.code for p in Problem]
    assert len(codes) == len(set(codes))
    for problem in Problem:
        if problem is not Problem.INTERNAL_ERROR:
            assert f"| {problem.code} " in README or f"{problem.code} /" in README or \
                f"/ {problem.code} " in README, problem
    assert "099" in README

