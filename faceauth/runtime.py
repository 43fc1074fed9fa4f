"""onnxruntime sessions as the kiosk runs them: on the CPU, worker threads that sleep when idle.

onnxruntime's threads spin while waiting for work by default. On a kiosk PC the face match shares
two cores with the UI, the voice and the card reader, and spinning threads then fight them: with
the machine loaded (load average ~7 on 2 cores) one frame's detect + template took a median
98-256 ms with spinning and 51-57 ms without (bench/face_speed.py's pipeline, 2026-12-03).
"""

from __future__ import annotations

from pathlib import Path

import onnxruntime


def cpu_session(path: Path) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
