"""The vendor build's figures: build time, bundle size (largest parts), start to the idle screen
of the built folder against the same start from source, in one run.

    .venv/bin/python -m bench.dist [runs] [--no-build]

Build: `scripts/build.sh` from scratch (PyInstaller --clean), wall time. Size: everything under
dist/oqs-kiosk (target ≤ 450 MB), the largest parts, and what each exclusion in kiosk.spec saved.
Start: wall time from spawning `oqs-kiosk --demo --windowed --quit-after 0` (frozen) or
`python -m kiosk ...` (source) until its log line "window open on the idle screen" arrives on
stderr (the window is built, shown and the core started; the line is logged just before the event
loop runs). Also the total wall time of the same command, which adds the first paint and the
shutdown. Offscreen Qt, fresh data folder warmed by one untimed start (demo cards issued).
Target ≤ 1.5 s for the built folder.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "oqs-kiosk"
BINARY = DIST / "oqs-kiosk"
IDLE_LINE = "window open on the idle screen"


def build() -> float:
    started = time.monotonic()
    subprocess.run([str(ROOT / "scripts" / "build.sh")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def size_of(path: Path) -> int:
    """Bytes of the files under `path`; PyInstaller's symbolic links to them count nothing."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(count: int = 14) -> list[tuple[str, int]]:
    inside = DIST / "_internal"
    entries = [p for p in inside.iterdir() if not p.is_symlink()]
    parts = [(p.name + "/", size_of(p)) for p in entries if p.is_dir()]
    parts.append(("(system and interpreter libraries at the top)", sum(size_of(p) for p in entries if p.is_file())))
    return sorted(parts, key=lambda part: -part[1])[:count]


def start_to_idle(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds until the idle log line arrives, seconds until the process has exited)."""
    started = time.monotonic()
    process = subprocess.Popen(command + ["--demo", "--windowed", "--quit-after", "0"], env=env,
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    idle = None
    for line in process.stderr:
        if idle is None and IDLE_LINE in line:
            idle = time.monotonic() - started
    process.wait(timeout=120)
    finished = time.monotonic() - started
    if process.returncode != 0 or idle is None:
        raise RuntimeError(f"{command[0]} exited {process.returncode} without reaching the idle screen")
    return idle, finished


def main(argv: list[str]) -> None:
    runs = int(next((a for a in argv if a.isdigit()), "5"))
    if "--no-build" not in argv:
        print(f"build (scripts/build.sh, from scratch): {build():6.1f} s")
    total = size_of(DIST)
    print(f"bundle dist/oqs-kiosk: {total / 1e6:6.1f} MB (target ≤ 450 MB)")
    for name, size in largest_parts():
        print(f"  {size / 1e6:6.1f} MB  {name}")
    report = ROOT / "build" / "kiosk" / "exclusions.json"
    if report.exists():
        print("saved by kiosk.spec's exclusions (size of what each one left out):")
        for label, saved in json.loads(report.read_text(encoding="utf-8")).items():
            print(f"  {saved['bytes'] / 1e6:6.1f} MB  {label}")

    folder = tempfile.mkdtemp(prefix="oqs-dist-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "OQS_KIOSK_DATA_DIR": os.path.join(folder, "data"),
           "OQS_KIOSK_CONFIG_DIR": os.path.join(folder, "config")}
    commands = {"built folder": [str(BINARY)], "from source": [sys.executable, "-m", "kiosk"]}
    for command in commands.values():
        start_to_idle(command, env)   # warm: demo cards issued, files in the page cache
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():   # interleaved, so both see the same machine load
            figures[name].append(start_to_idle(command, env))
    print(f"start to the idle screen, median of {runs} (spawn to the '{IDLE_LINE}' log line; "
          "total incl. first paint and exit):")
    for name, values in figures.items():
        idle = statistics.median(v[0] for v in values)
        whole = statistics.median(v[1] for v in values)
        print(f"  {name:13s} {idle:5.2f} s to idle (min {min(v[0] for v in values):.2f}, "
              f"max {max(v[0] for v in values):.2f}), {whole:5.2f} s total"
              + ("   (target ≤ 1.5 s)" if name == "built folder" else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
