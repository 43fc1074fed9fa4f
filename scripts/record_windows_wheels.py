"""Records what the Windows wheels of the kiosk's binary dependencies hold, for the check of
kiosk.spec's exclusions against the Windows layout (tests/frozen/test_windows_layout.py), on a
machine that has no Windows: each wheel is fetched from PyPI as pip serves it to a Windows PC
(`pip download --platform win_amd64 --only-binary=:all: --no-deps`, the versions installed here),
its files are listed, and the DLLs each .dll/.pyd imports are read with objdump (binutils).

Usage: .venv/bin/python scripts/record_windows_wheels.py   (writes tests/frozen/windows-wheels.tsv)
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "frozen" / "windows-wheels.tsv"
PACKAGES = ("PySide6-Essentials", "PySide6-Addons", "shiboken6", "onnxruntime", "opencv-python-headless",
            "numpy", "pyscard", "cryptography")
# Not bundled as paths (headers, stubs, Python sources are modules, handled by module exclusions).
SKIPPED_ENDINGS = (".pyi", ".h", ".py", ".pyc")
SKIPPED_FOLDERS = ("/include/", "/typesystems/", "/glue/", ".dist-info/")


def imports(binary: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".dll") as file:
        file.write(binary)
        file.flush()
        dump = subprocess.run(["objdump", "-p", file.name], capture_output=True, encoding="utf-8",
                              errors="replace", check=True).stdout
    return sorted({line.split("DLL Name:")[1].strip() for line in dump.splitlines() if "DLL Name:" in line})


def main() -> None:
    lines = ["# path\timported DLLs (for .dll/.pyd), from the Windows wheels named below"]
    with tempfile.TemporaryDirectory() as folder:
        for package in PACKAGES:
            version = metadata.version(package)
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--platform", "win_amd64",
                            "--python-version", "3.11", "--only-binary=:all:", "--no-deps", "-d", folder,
                            f"{package}=={version}"], check=True)
        for wheel in sorted(Path(folder).glob("*.whl")):
            lines.append(f"# {wheel.name} sha256={hashlib.sha256(wheel.read_bytes()).hexdigest()}")
            with zipfile.ZipFile(wheel) as archive:
                for name in sorted(archive.namelist()):
                    if name.endswith(("/", *SKIPPED_ENDINGS)) or any(f in name for f in SKIPPED_FOLDERS):
                        continue
                    dlls = imports(archive.read(name)) if name.lower().endswith((".dll", ".pyd")) else []
                    lines.append(f"{name}\t{','.join(dlls)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} lines")


if __name__ == "__main__":
    main()
