"""One way to open an onnxruntime session on the CPU for every model of the kiosk.

Worker threads do not spin between runs: by default onnxruntime's intra-op threads busy-wait for
the next run, which on a kiosk PC with few cores takes the CPU from the window and the camera
between frames (measured by bench/soak.py on 2 shared cores: a face check-in used 1.5 s of CPU with
spinning, 0.7 s without; wall time 2.9 s -> 1.0 s)."""
from __future__ import annotations

from pathlib import Path

import onnxruntime as ort


def cpu_session(path: Path, threads: int | None = None) -> ort.InferenceSession:
    """A session on `path`; `threads` intra-op threads (None: onnxruntime's choice, one a core)."""
    options = ort.SessionOptions()
    if threads is not None:
        options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
