"""Reads the layers of dlib's face-recognition ResNet from its serialised `.dat` file.

dlib writes a network innermost layer first. Each layer with state writes its name as a
length-prefixed string followed by its parameter tensor (version, four dimensions, then raw
little-endian float32) and its fixed settings as dlib's variable-length integers. Tag and skip
layers write no name; the converter knows where they sit from the ResNet's published shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

LAYER_NAMES = ("con_4", "affine_", "relu_", "max_pool_2", "avg_pool_2", "add_prev_", "fc_2")
_NAME_PATTERN = re.compile(
    b"|".join(re.escape(bytes([1, len(name)]) + name.encode()) for name in LAYER_NAMES)
)


@dataclass
class Layer:
    kind: str
    params: np.ndarray | None = None
    settings: dict[str, int] = field(default_factory=dict)


class _Cursor:
    def __init__(self, data: bytes, offset: int) -> None:
        self.data = data
        self.offset = offset

    def integer(self) -> int:
        control = self.data[self.offset]
        size, negative = control & 0x0F, bool(control & 0x80)
        value = int.from_bytes(self.data[self.offset + 1 : self.offset + 1 + size], "little")
        self.offset += 1 + size
        return -value if negative else value

    def tensor(self) -> np.ndarray:
        version = self.integer()
        if version != 2:
            raise ValueError(f"unexpected dlib tensor version {version}")
        dims = [self.integer() for _ in range(4)]
        count = int(np.prod(dims))
        values = np.frombuffer(self.data, dtype="<f4", count=count, offset=self.offset)
        self.offset += 4 * count
        return values.astype(np.float32).reshape(dims)


def _settings(cursor: _Cursor, names: tuple[str, ...]) -> dict[str, int]:
    return {name: cursor.integer() for name in names}


def read_layers(data: bytes) -> list[Layer]:
    """Every named layer of the network, input side first."""
    layers = []
    position = 0
    while match := _NAME_PATTERN.search(data, position):
        kind = match.group()[2:].decode()
        cursor = _Cursor(data, match.end())
        if kind == "con_4":
            params = cursor.tensor()
            settings = _settings(
                cursor, ("filters", "rows", "cols", "stride_y", "stride_x", "pad_y", "pad_x")
            )
            layers.append(Layer("conv", params.ravel(), settings))
        elif kind == "affine_":
            layers.append(Layer("affine", cursor.tensor().ravel()))
        elif kind in ("max_pool_2", "avg_pool_2"):
            settings = _settings(cursor, ("rows", "cols", "stride_y", "stride_x", "pad_y", "pad_x"))
            layers.append(Layer(kind.split("_")[0] + "_pool", None, settings))
        elif kind == "fc_2":
            settings = _settings(cursor, ("outputs", "inputs"))
            layers.append(Layer("fc", cursor.tensor().ravel(), settings))
        else:
            layers.append(Layer(kind.rstrip("_")))
        position = cursor.offset  # never look for a name inside parameters just read
    return layers
