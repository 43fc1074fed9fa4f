"""An import-linter contract the built-in ones cannot say: import-linter's wildcards stand for whole
module names, so "no module named test_*" needs its own check. pyproject.toml registers it under
`contract_types`; `lint-imports` (scripts/test.sh) runs it with the others."""
from __future__ import annotations

from fnmatch import fnmatchcase

import grimp
from importlinter import Contract, ContractCheck, fields, output


class ForbiddenNamesContract(Contract):
    """No module inside `packages` imports a module of those packages whose own name (the last
    part of its dotted name) matches one of `names` (fnmatch patterns, e.g. "test_*")."""

    type_name = "forbidden_names"

    packages = fields.ListField(subfield=fields.ModuleField())
    names = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        roots = [str(package) for package in self.packages]   # the fields hold the parsed options
        patterns = [str(name) for name in self.names]

        def inside(module: str) -> bool:
            return any(module == root or module.startswith(root + ".") for root in roots)

        broken = []
        for imported in sorted(m for m in graph.modules if inside(m)):
            if not any(fnmatchcase(imported.rsplit(".", 1)[-1], p) for p in patterns):
                continue
            for importer in sorted(graph.find_modules_that_directly_import(imported)):
                if inside(importer):
                    lines = [d["line_number"] for d in graph.get_import_details(importer=importer,
                                                                                 imported=imported)]
                    broken.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for link in check.metadata["broken"]:
            lines = ", ".join(map(str, link["lines"]))
            output.print_error(f"{link['importer']} -> {link['imported']} (l.{lines})", bold=False)
            output.new_line()
