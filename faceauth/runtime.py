"""One way to open an onnxruntime session on the CPU for every model of the kiosk: worker threads
that sleep when idle.

onnxruntime's threads spin while waiting for work by default. On a kiosk PC the face match shares
two cores with the UI, the voice and the card reader, and spinning threads then fight them. Measured
on 2 shared cores (2026-12-03): one frame's detect + template took a median 98-256 ms with spinning
and 51-57 ms without (bench/face_speed.py, load ~7); a whole face check-in used 1.5 s of CPU with
spinning and 0.7 s without, wall time 2.9 s -> 1.0 s (bench/soak.py).
"""
from __future__ import annotations

from pathlib import Path

import onnxruntime


def cpu_session(path: Path, threads: int | None = None) -> onnxruntime.InferenceSession:
    """A session on `path`; `threads` intra-op threads (None: onnxruntime's choice, one a core)."""
    options = onnxruntime.SessionOptions()
    if threads is not None:
        options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
