"""The project's own import-linter contract, on a made-up import graph."""
from __future__ import annotations

import grimp

from tests.import_contracts import ForbiddenNamesContract


def graph_of(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for number, (importer, imported) in enumerate(imports, start=1):
        graph.add_import(importer=importer, imported=imported, line_number=number,
                         line_contents=f"import {imported}")
    return graph


def broken(*imports: tuple[str, str]) -> list[tuple[str, str, list[int]]]:
    contract = ForbiddenNamesContract("names", {}, {"packages": ["tests"], "names": ["conftest", "test_*"]})
    check = contract.check(graph_of(*imports), verbose=False)
    assert check.kept == (not check.metadata["broken"])
    return [(b["importer"], b["imported"], b["lines"]) for b in check.metadata["broken"]]


def test_a_test_module_or_a_conftest_imported_breaks_it():
    assert broken(("tests.ui.test_endings", "tests.ui.test_window"),
                  ("tests.ui.driving", "tests.conftest"),
                  ("tests.ui.test_window", "tests.ui.driving")) == [
        ("tests.ui.driving", "tests.conftest", [2]),
        ("tests.ui.test_endings", "tests.ui.test_window", [1])]


def test_helpers_and_names_merely_containing_test_are_allowed():
    assert broken(("tests.ui.test_window", "tests.ui.driving"),
                  ("tests.staff.test_selftest", "kiosk.tools.selftest_checks"),
                  ("tests.results.test_layout", "tests.results.outcomes"),
                  ("tests.card.test_codec", "tests.card.latest_test_data")) == []
