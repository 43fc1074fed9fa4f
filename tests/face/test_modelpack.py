"""The default pack is exactly the recorded one, is checked at load, and gives insightface's embeddings."""

import shutil
import sys

import numpy as np
import pytest
from insightface.model_zoo import get_model
from insightface.utils.face_align import arcface_dst, norm_crop

from faceauth import DEFAULT_PACK_DIR, FaceMatcher, ModelPackError, sample_faces
from faceauth.align import ARCFACE_TEMPLATE_112, aligned_crop
from faceauth.convert.dlib_to_onnx import resampling_matrix
from faceauth.modelpack import read_manifest, sha256_of_file, verify_pack

# Changing a model must change this test too: the pack's files are the ones that were reviewed.
EXPECTED_SHA256 = {
    "mtcnn_pnet.onnx": "07a69013008e612c4d2ad31b09645038911dfec67411cd68ccd0da55ca291a35",
    "mtcnn_rnet.onnx": "de0f837f02b57e1e85959c3ae5c46bcd16162e6e95be5db8794e3c7c85a89004",
    "mtcnn_onet.onnx": "d80f19b44f72e45dd2b7d01384d56994220f60d9417b2a7fbba9041ef1d75e52",
    "dlib_resnet_v1.onnx": "fc2cf0df38afb1dbd826f690a8b8fae2336d1abed1f73c7b733f1f143755d874",
}


def test_default_pack_files_are_the_recorded_ones():
    assert read_manifest(DEFAULT_PACK_DIR)["sha256"] == EXPECTED_SHA256
    for name, digest in EXPECTED_SHA256.items():
        assert sha256_of_file(DEFAULT_PACK_DIR / name) == digest


def test_every_model_has_its_source_and_licence_recorded():
    sources = (DEFAULT_PACK_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in EXPECTED_SHA256:
        assert name in sources
    assert "CC0" in sources and "MIT" in sources


def test_recogniser_gives_the_embedding_insightface_gives(matcher, astronaut):
    """The kiosk runs the recogniser on onnxruntime itself (insightface would bring SciPy into the
    vendor's build); insightface's own loader, which finds the input scaling from the graph, and
    its own alignment must agree with it on the same face."""
    assert np.array_equal(ARCFACE_TEMPLATE_112, arcface_dst)
    reference = get_model(str(DEFAULT_PACK_DIR / "dlib_resnet_v1.onnx"), providers=["CPUExecutionProvider"])
    assert reference.input_size == matcher.recogniser.input_size == (256, 256)
    assert (reference.input_mean, reference.input_std) == (matcher.recogniser.input_mean, matcher.recogniser.input_std)
    frame = sample_faces.camera_frame(astronaut)
    face = matcher.detect(frame)[0]
    ours = aligned_crop(frame, face.kps, 256)
    assert np.abs(ours.astype(int) - norm_crop(frame, face.kps, 256).astype(int)).mean() < 0.5
    expected = reference.get_feat(ours)[0]
    assert np.allclose(matcher.recogniser.embedding(ours), expected, atol=1e-5)
    assert np.linalg.norm(expected) > 0.5


def test_a_recogniser_without_input_scaling_is_refused(pack_copy):
    manifest = (pack_copy / "pack.toml").read_text(encoding="utf-8").replace("input_std = 1.0\n", "")
    (pack_copy / "pack.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(ModelPackError, match="input_mean and input_std"):
        FaceMatcher.load(pack_copy)


def test_a_detector_file_named_as_recogniser_is_refused(pack_copy):
    manifest = (pack_copy / "pack.toml").read_text(encoding="utf-8").replace('file = "dlib_resnet_v1.onnx"', 'file = "mtcnn_onet.onnx"')
    (pack_copy / "pack.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(ModelPackError, match="not a recogniser"):
        FaceMatcher.load(pack_copy)


@pytest.fixture
def pack_copy(tmp_path):
    copy = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK_DIR, copy)
    return copy


def test_a_changed_model_file_is_refused(pack_copy):
    with open(pack_copy / "mtcnn_rnet.onnx", "r+b") as model:
        model.seek(1000)
        model.write(b"\x00\x01\x02\x03")
    with pytest.raises(ModelPackError, match="mtcnn_rnet.onnx"):
        FaceMatcher.load(pack_copy)


def test_a_missing_model_file_is_refused(pack_copy):
    (pack_copy / "dlib_resnet_v1.onnx").unlink()
    with pytest.raises(ModelPackError, match="missing"):
        verify_pack(pack_copy)


def test_another_pack_is_chosen_by_its_folder_alone(pack_copy, astronaut):
    """A vendor pack is a folder; here the same models under another name and metric."""
    manifest = (pack_copy / "pack.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('metric = "euclidean"', 'metric = "cosine"').replace("match_distance = 0.5", "match_distance = 0.07")
    (pack_copy / "pack.toml").write_text(manifest, encoding="utf-8")
    other = FaceMatcher.load(pack_copy)
    assert (other.metric, other.match_distance) == ("cosine", 0.07)
    frame = sample_faces.camera_frame(astronaut)
    face = other.detect(frame)[0]
    assert other.distance(other.template(frame, face), other.template(frame, face)) == pytest.approx(0.0, abs=1e-6)


def test_resampling_rows_are_weighted_averages():
    matrix = resampling_matrix(150, 256, 0.7139, -17.42)
    assert matrix.shape == (150, 256)
    assert np.allclose(matrix.sum(axis=1), 1.0, atol=1e-5)
    assert (matrix >= 0).all()


def test_an_insightface_detector_without_insightface_is_a_pack_error(pack_copy, monkeypatch):
    """The vendor's built folder leaves insightface out: an SCRFD pack says so instead of crashing."""
    manifest = (pack_copy / "pack.toml").read_text(encoding="utf-8").replace('kind = "mtcnn"', 'kind = "insightface"\nfile = "mtcnn_onet.onnx"')
    (pack_copy / "pack.toml").write_text(manifest, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "insightface", None)
    monkeypatch.setitem(sys.modules, "insightface.model_zoo", None)
    with pytest.raises(ModelPackError, match="needs the insightface package"):
        FaceMatcher.load(pack_copy)


def test_the_face_models_threads_sleep_when_idle(matcher):
    """Spinning onnxruntime threads fight the UI and voice for the kiosk's two cores
    (faceauth/runtime.py has the measurement)."""
    sessions = [matcher.recogniser.session, matcher.detector.pnet, matcher.detector.rnet, matcher.detector.onet]
    for session in sessions:
        options = session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
