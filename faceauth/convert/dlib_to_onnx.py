"""Rebuilds dlib's face-recognition ResNet (dlib_face_recognition_resnet_model_v1) as ONNX.

The graph takes what insightface's `norm_crop(image, kps, 256)` produces (RGB, 0..255, 1x3x256x256),
so `insightface.model_zoo.get_model` loads it as an ArcFaceONNX recogniser. Inside the graph:
  1. dlib's input scaling: (pixel - channel mean) / 256 (nodes named Sub*/Mul* so insightface
     feeds raw pixel values);
  2. a fixed resampling from the 256 crop to dlib's 150x150 chip (padding 0.25), as two MatMuls;
  3. the ResNet: each affine (frozen batch norm) folded into its convolution; where a residual add
     sees tensors of different sizes, the smaller is zero-padded at the end, as dlib's add_prev does.
Output: the 128-d descriptor, exactly as dlib computes it for that chip.

Nothing here depends on the clock, the platform or random numbers: the same weights give the same
bytes, which the set-up step checks against the sha256 recorded in the pack.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import onnx
from numpy.typing import NDArray
from onnx import TensorProto, helper, numpy_helper

from .dlib_weights import Layer

CROP_SIZE = 256
CHIP_SIZE = 150
DLIB_RGB_MEAN = (122.782, 117.001, 104.298)
# chip = scale * crop + offset. Least-squares fit of insightface's 5-point template (scaled to a
# 256 crop) onto where MTCNN's 5 points fall in dlib's chip: eye centres from dlib's own 5-point
# chip template (mean of the two corners of each eye), nose and mouth from MTCNN run on dlib chips
# of the faces that ship with scikit-image and insightface (symmetrised). Residuals <= 5 px.
CROP_TO_CHIP_SCALE = 0.7139
CROP_TO_CHIP_OFFSET = (-17.42, -27.10)  # x, y
OPSET = 17
IR_VERSION = 8


def resampling_matrix(out_size: int, in_size: int, scale: float, offset: float) -> NDArray[np.float32]:
    """Rows of weights: output pixel i = sum_j M[i, j] * input pixel j, for out = scale*in + offset.

    A triangle filter widened by 1/scale when shrinking (antialiased bilinear).
    """
    support = max(1.0, 1.0 / scale)
    source = (np.arange(out_size, dtype=np.float64) + 0.5 - offset) / scale - 0.5
    taps = np.arange(in_size, dtype=np.float64)
    weights = np.maximum(0.0, 1.0 - np.abs(taps[None, :] - source[:, None]) / support)
    totals = weights.sum(axis=1, keepdims=True)
    return (weights / np.where(totals == 0, 1.0, totals)).astype(np.float32)


class _GraphBuilder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.count = 0

    def constant(self, name: str, value: NDArray[Any]) -> str:
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], **attributes: Any) -> str:
        self.count += 1
        output = f"{op.lower()}_{self.count}"
        self.nodes.append(helper.make_node(op, inputs, [output], name=f"{op}_{self.count}", **attributes))
        return output


class _Tensor:
    """A tensor name in the graph with its static channel count and square size."""

    def __init__(self, name: str, channels: int, size: int) -> None:
        self.name, self.channels, self.size = name, channels, size


def _params(layer: Layer) -> NDArray[np.floating[Any]]:
    if layer.params is None:
        raise ValueError(f"dlib's {layer.kind} layer has no parameters")
    return layer.params


def _block_input(tensor: _Tensor | None) -> _Tensor:
    if tensor is None:
        raise ValueError("a residual layer before any residual block in dlib's face ResNet")
    return tensor


def _pooled_size(size: int, layer: Layer) -> int:
    s = layer.settings
    return (size + 2 * s["pad_y"] - s["rows"]) // s["stride_y"] + 1


def _conv(g: _GraphBuilder, x: _Tensor, conv: Layer, affine: Layer) -> _Tensor:
    s = conv.settings
    filters, rows, cols = s["filters"], s["rows"], s["cols"]
    weight_count = filters * x.channels * rows * cols
    weights = _params(conv)[:weight_count].reshape(filters, x.channels, rows, cols)
    bias = _params(conv)[weight_count:]
    gamma, beta = _params(affine)[:filters], _params(affine)[filters:]
    n = g.count + 1
    w = g.constant(f"conv{n}_w", (weights * gamma[:, None, None, None]).astype(np.float32))
    b = g.constant(f"conv{n}_b", (bias * gamma + beta).astype(np.float32))
    out = g.node(
        "Conv", [x.name, w, b],
        kernel_shape=[rows, cols], strides=[s["stride_y"], s["stride_x"]],
        pads=[s["pad_y"], s["pad_x"], s["pad_y"], s["pad_x"]],
    )
    return _Tensor(out, filters, _pooled_size(x.size, conv))


def _pad_to(g: _GraphBuilder, x: _Tensor, channels: int, size: int) -> str:
    if (x.channels, x.size) == (channels, size):
        return x.name
    extra = size - x.size
    pads = np.array([0, 0, 0, 0, 0, channels - x.channels, extra, extra], dtype=np.int64)
    return g.node("Pad", [x.name, g.constant(f"pads_{g.count + 1}", pads)])


def _add_padded(g: _GraphBuilder, a: _Tensor, b: _Tensor) -> _Tensor:
    channels, size = max(a.channels, b.channels), max(a.size, b.size)
    out = g.node("Add", [_pad_to(g, a, channels, size), _pad_to(g, b, channels, size)])
    return _Tensor(out, channels, size)


def _front_end(g: _GraphBuilder, input_name: str, chip_input: bool) -> _Tensor:
    mean = np.array(DLIB_RGB_MEAN, dtype=np.float32).reshape(1, 3, 1, 1)
    x = g.node("Sub", [input_name, g.constant("rgb_mean", mean)])
    x = g.node("Mul", [x, g.constant("input_scale", np.array(1 / 256, dtype=np.float32))])
    if chip_input:
        return _Tensor(x, 3, CHIP_SIZE)
    dx, dy = CROP_TO_CHIP_OFFSET
    rows = resampling_matrix(CHIP_SIZE, CROP_SIZE, CROP_TO_CHIP_SCALE, dy)
    cols = resampling_matrix(CHIP_SIZE, CROP_SIZE, CROP_TO_CHIP_SCALE, dx)
    x = g.node("MatMul", [g.constant("chip_rows", rows), x])
    x = g.node("MatMul", [x, g.constant("chip_cols", np.ascontiguousarray(cols.T))])
    return _Tensor(x, 3, CHIP_SIZE)


def build_model(layers: list[Layer], chip_input: bool = False) -> onnx.ModelProto:
    """The recogniser graph; `chip_input` leaves out the resampling (input: dlib's own chip),
    which lets a check compare the network with dlib itself."""
    g = _GraphBuilder()
    x = _front_end(g, "data", chip_input)
    size = CHIP_SIZE if chip_input else CROP_SIZE
    block_input: _Tensor | None = None
    shortcut: _Tensor | None = None
    kinds = [layer.kind for layer in layers]
    for index, layer in enumerate(layers):
        before = kinds[max(0, index - 2) : index]
        if layer.kind == "conv":
            if before[-1:] == ["max_pool"] or before == ["add_prev", "relu"]:
                block_input, shortcut = x, None
            x = _conv(g, x, layer, layers[index + 1])
        elif layer.kind == "affine":
            continue  # folded into the convolution before it
        elif layer.kind == "relu":
            x = _Tensor(g.node("Relu", [x.name]), x.channels, x.size)
        elif layer.kind == "max_pool":
            x = _pool(g, "MaxPool", x, layer)
        elif layer.kind == "avg_pool" and layer.settings["rows"] == 0:
            pooled = g.node("GlobalAveragePool", [x.name])
            x = _Tensor(g.node("Flatten", [pooled]), x.channels, 1)
        elif layer.kind == "avg_pool":
            shortcut = _pool(g, "AveragePool", _block_input(block_input), layer)
        elif layer.kind == "add_prev":
            x = _add_padded(g, x, shortcut or _block_input(block_input))
        elif layer.kind == "fc":
            weights = _params(layer).reshape(layer.settings["inputs"], layer.settings["outputs"])
            g.nodes.append(helper.make_node("MatMul", [x.name, g.constant("fc_w", weights)], ["embedding"], name="MatMul_fc"))
        else:
            raise ValueError(f"layer {layer.kind} is not part of dlib's face ResNet")
    graph = helper.make_graph(
        g.nodes, "dlib_face_recognition_resnet_model_v1",
        [helper.make_tensor_value_info("data", TensorProto.FLOAT, ["batch", 3, size, size])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 128])],
        g.initializers,
    )
    model = helper.make_model(
        graph, producer_name="oqs-kiosk faceauth.convert", opset_imports=[helper.make_opsetid("", OPSET)]
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model


def _pool(g: _GraphBuilder, op: str, x: _Tensor, layer: Layer) -> _Tensor:
    s = layer.settings
    out = g.node(
        op, [x.name], kernel_shape=[s["rows"], s["cols"]], strides=[s["stride_y"], s["stride_x"]],
        pads=[s["pad_y"], s["pad_x"], s["pad_y"], s["pad_x"]],
    )
    return _Tensor(out, x.channels, _pooled_size(x.size, layer))
