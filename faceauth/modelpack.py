"""A model pack: a folder with `pack.toml`, the ONNX files it names, their sha256, SOURCES.md.

Every file's sha256 is checked before anything is loaded, so a swapped or corrupted file never runs.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

from .errors import ModelPackError
from .resources import resource_dir

MANIFEST = "pack.toml"
DEFAULT_PACK_DIR = resource_dir() / "models" / "dlib-resnet-mtcnn"


def sha256_of_bytes(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(pack_dir: Path) -> dict[str, Any]:
    path = Path(pack_dir) / MANIFEST
    try:
        manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelPackError(f"cannot read {path}: {error}") from error
    for section in ("detector", "recogniser", "sha256"):
        if section not in manifest:
            raise ModelPackError(f"{path} has no [{section}] section")
    return manifest


def verify_pack(pack_dir: Path) -> dict[str, Any]:
    """The manifest, once every file it records exists with its recorded sha256."""
    pack_dir = Path(pack_dir)
    manifest = read_manifest(pack_dir)
    for name, expected in manifest["sha256"].items():
        path = pack_dir / name
        if not path.is_file():
            raise ModelPackError(f"{path} is missing; run scripts/setup.sh to produce the model pack")
        actual = sha256_of_file(path)
        if actual != expected:
            raise ModelPackError(f"{path}: sha256 {actual} differs from the recorded {expected}")
    return manifest
