#!/usr/bin/env python3
"""Regroup oqs-kiosk's flat kiosk/ package into folders that show the architecture (issue 20).

    python3 /work/tools/regroup/regroup.py [--repo PATH] [--dry-run] [--also kiosk.new_module=tools]

Deterministic and idempotent: run it on any checkout of oqs-kiosk (a branch, or main after the
merges) and it
  1. `git mv`s every module named in MOVES into its folder (kiosk/core, kiosk/config, ...),
     writing each new folder's __init__.py;
  2. rewrites every reference to a moved module in the files git tracks:
       - Python imports (`from kiosk.x import`, `import kiosk.x`, `from kiosk import x, y`),
       - dotted names and paths in strings and comments (patch targets, `python -m kiosk.x`,
         logger names, subprocess code, `kiosk/x.py`),
       - the same in Markdown, TOML, shell scripts, the Makefile and kiosk.spec;
  3. applies the small mechanical clean-ups listed in UNALIAS (one name per concept);
  4. prints every module under kiosk/ it does not know (left where it is) and every change.
A second run changes nothing. Attribute access on a variable called `kiosk` (`kiosk.runner`) is
never touched: in Python only imports, strings and comments are rewritten.
"""
from __future__ import annotations

import argparse
import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

# old dotted module -> new folder (the module keeps its file name)
FOLDERS: dict[str, tuple[str, ...]] = {
    "core": ("codes", "choices", "clock", "events", "session", "runner", "ports", "patient", "prompts"),
    "config": ("settings", "paths", "atomic", "platform_calls", "logs"),
    "adapters": ("surface", "audit_trail"),
    "staff": ("staff_access", "passwords", "dashboard", "settings_editor"),
    "composition": ("wiring", "installed", "demo", "demo_cards"),
    "tools": ("checkin", "selftest", "selftest_checks", "config_reference", "speech", "card_glyphs"),
}

PACKAGE_DOCS = {
    "core": "The check-in core: the state machine and its rule table, events and effects, the runner "
            "that carries effects out, the ports it needs from outside, the clock, the codes and the "
            "voice sentences. Plain Python: nothing of the card, the camera, files or Qt.",
    "config": "Where the kiosk keeps its files and what the facility set: settings, folders, atomic "
              "writes, the few calls that differ by operating system, logging.",
    "staff": "What staff do on the kiosk: the staff password and panel access, the 目視 password, "
             "the dashboard's figures, changing settings (all audited).",
    "composition": "Assembling a kiosk: the generic wiring, the kiosk as installed, and the demo's "
                   "embedded defaults (virtual cards, recorded camera, local simulator).",
    "tools": "Commands beside the window: the headless check-in, the self-test, the configuration "
             "reference, and the set-up steps that render voice prompts and card glyphs.",
}

# Kept where they are (already grouped, or the package's entry points).
KEPT = {"__init__", "__main__", "adapters", "gateway", "results", "store", *FOLDERS}

# Mechanical clean-ups that belong with the regroup: (file after the move, alias line, name).
UNALIAS = [("kiosk/core/prompts.py", "P = Prompt", "P", "Prompt")]

TEXT_SUFFIXES = {".py", ".md", ".toml", ".sh", ".spec", ".txt", ".cfg", ".ini", ".yml", ".yaml"}
TEXT_NAMES = {"Makefile", "run"}


def build_moves(extra: dict[str, str]) -> dict[str, str]:
    moves = {f"kiosk.{name}": f"kiosk.{folder}.{name}" for folder, names in FOLDERS.items() for name in names}
    for old, folder in extra.items():
        moves[old] = f"kiosk.{folder}.{old.split('.')[-1]}"
    return moves


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


# ---- moving files -------------------------------------------------------------------------------

def move_files(repo: Path, moves: dict[str, str], dry: bool, log: list[str]) -> None:
    for folder, doc in PACKAGE_DOCS.items():
        init = repo / "kiosk" / folder / "__init__.py"
        if not init.exists():
            log.append(f"create {init.relative_to(repo)}")
            if not dry:
                init.parent.mkdir(exist_ok=True)
                init.write_text(f'"""{doc}"""\n', encoding="utf-8")
                git(repo, "add", str(init.relative_to(repo)))
    for old, new in moves.items():
        source = repo / (old.replace(".", "/") + ".py")
        target = repo / (new.replace(".", "/") + ".py")
        if source.exists() and not target.exists():
            log.append(f"move {source.relative_to(repo)} -> {target.relative_to(repo)}")
            if not dry:
                target.parent.mkdir(exist_ok=True)
                git(repo, "mv", str(source.relative_to(repo)), str(target.relative_to(repo)))
        elif source.exists():
            raise SystemExit(f"both {source} and {target} exist: resolve by hand first")


def unknown_modules(repo: Path, moves: dict[str, str]) -> list[str]:
    known = {old.split(".")[-1] for old in moves} | KEPT
    found = []
    for path in sorted((repo / "kiosk").iterdir()):
        name = path.stem if path.suffix == ".py" else path.name
        if (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists())) and name not in known:
            found.append(str(path.relative_to(repo)))
    return found


# ---- rewriting references -----------------------------------------------------------------------

def name_patterns(moves: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    olds = sorted(moves, key=len, reverse=True)
    dotted = re.compile(r"(?<![\w.])(" + "|".join(re.escape(o) for o in olds) + r")(?![\w])")
    paths = re.compile(r"(?<![\w/.])(" + "|".join(re.escape(o.replace(".", "/")) for o in olds) + r")(\.py)(?!\w)")
    return dotted, paths


def rewrite_text(text: str, moves: dict[str, str]) -> str:
    dotted, paths = name_patterns(moves)
    text = dotted.sub(lambda m: moves[m.group(1)], text)
    return paths.sub(lambda m: moves[m.group(1).replace("/", ".")].replace(".", "/") + m.group(2), text)


def offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def from_kiosk_import(node: ast.ImportFrom, moves: dict[str, str], indent: str) -> str | None:
    """`from kiosk import a, b as c`: one statement per new parent package, in first-seen order."""
    groups: dict[str, list[str]] = {}
    changed = False
    for alias in node.names:
        old = f"kiosk.{alias.name}"
        parent = moves[old].rsplit(".", 1)[0] if old in moves else "kiosk"
        changed |= old in moves
        groups.setdefault(parent, []).append(alias.name + (f" as {alias.asname}" if alias.asname else ""))
    if not changed:
        return None
    return f"\n{indent}".join(f"from {parent} import {', '.join(names)}" for parent, names in groups.items())


def rewrite_python(source: str, moves: dict[str, str]) -> str:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return rewrite_text(source, moves)
    starts = offsets(source)
    edits: list[tuple[int, int, str]] = []
    dotted, _ = name_patterns(moves)
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        start = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[operator]
        statement = source[start:end]
        if isinstance(node, ast.ImportFrom) and node.module == "kiosk" and node.level == 0:
            indent = source[starts[node.lineno - 1]:start]
            replacement = from_kiosk_import(node, moves, indent if indent.strip() == "" else "")
            if replacement is not None:
                edits.append((start, end, replacement))
        else:
            new = dotted.sub(lambda m: moves[m.group(1)], statement)
            if new != statement:
                edits.append((start, end, new))
    import_spans = [(s, e) for s, e, _ in edits]
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in (tokenize.STRING, tokenize.COMMENT):
            continue
        start = starts[token.start[0] - 1] + token.start[1]
        end = starts[token.end[0] - 1] + token.end[1]
        if any(s <= start < e for s, e in import_spans):
            continue
        new = rewrite_text(token.string, moves)
        if new != token.string:
            edits.append((start, end, new))
    for start, end, new in sorted(edits, reverse=True):
        source = source[:start] + new + source[end:]
    return source


def tracked_text_files(repo: Path) -> list[Path]:
    files = []
    for name in git(repo, "ls-files").splitlines():
        path = repo / name
        if name.startswith("scripts/dev/"):   # this tool and its notes keep the map as written
            continue
        if path.resolve().is_relative_to(repo) and path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES
                               or "setup.d" in path.parts):
            files.append(path)
    return files


def rewrite_references(repo: Path, moves: dict[str, str], dry: bool, log: list[str]) -> None:
    for path in tracked_text_files(repo):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite_python(text, moves) if path.suffix in (".py", ".spec") else rewrite_text(text, moves)
        if new != text:
            log.append(f"rewrite {path.relative_to(repo)}")
            if not dry:
                path.write_text(new, encoding="utf-8")


def collapse_layers(repo: Path, dry: bool, log: list[str]) -> None:
    """In pyproject's import-linter `layers`, a moved module stands for its folder: the folder's
    package replaces its modules (a layer may not hold a package and its own modules)."""
    path = repo / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^layers = \[\n(.*?)^\]", text, re.S | re.M)
    if block is None:
        return
    folders = "|".join(re.escape(f) for f in [*FOLDERS, "adapters"])

    def collapse(match: re.Match[str]) -> str:
        members: list[str] = []
        for member in match.group(1).split(" : "):
            member = re.sub(rf"^(kiosk\.(?:{folders}))\.\w+$", r"\1", member.strip())
            if member not in members:
                members.append(member)
        return '"' + " : ".join(members) + '"'

    new_block = re.sub(r'"([^"]+)"', collapse, block.group(1))
    if new_block != block.group(1):
        log.append("collapse the import-linter layers of pyproject.toml to the new folders")
        if not dry:
            path.write_text(text[:block.start(1)] + new_block + text[block.end(1):], encoding="utf-8")


def unalias(repo: Path, dry: bool, log: list[str]) -> None:
    for relative, line, alias, name in UNALIAS:
        path = repo / relative
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        if line not in lines:
            continue
        out: list[str] = []
        open_parens = 0
        call = re.compile(rf"(?<![\w.]){re.escape(alias)}\(")
        for text in lines:
            if text.strip() == line:
                continue
            if open_parens > 0 and text.strip():
                text = " " * (len(name) - len(alias)) + text
            new = call.sub(f"{name}(", text)
            if new != text or open_parens > 0:
                tail = new[new.index(f"{name}("):] if new != text and open_parens == 0 else new
                bare = re.sub(r'"[^"]*"|\'[^\']*\'', "", tail)
                open_parens = max(0, open_parens + bare.count("(") - bare.count(")"))
            out.append(new)
        log.append(f"unalias {alias} -> {name} in {relative}")
        if not dry:
            path.write_text("\n".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--also", action="append", default=[], metavar="kiosk.module=folder",
                        help="place a module the map does not know (folder: " + ", ".join(FOLDERS) + ")")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    if not (repo / "kiosk" / "__init__.py").exists():
        raise SystemExit(f"{repo} is not an oqs-kiosk checkout")
    extra = dict(item.split("=", 1) for item in args.also)
    bad = [folder for folder in extra.values() if folder not in FOLDERS]
    if bad:
        raise SystemExit(f"unknown folder(s) {bad}; choose from {list(FOLDERS)}")
    moves = build_moves(extra)
    log: list[str] = []
    move_files(repo, moves, args.dry_run, log)
    rewrite_references(repo, moves, args.dry_run, log)
    collapse_layers(repo, args.dry_run, log)
    unalias(repo, args.dry_run, log)
    for line in log:
        print(line)
    unknown = unknown_modules(repo, moves)
    for path in unknown:
        print(f"left in place (not in the move map; place it with --also): {path}")
    print(f"{len(log)} change(s); {len(unknown)} unknown module(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
