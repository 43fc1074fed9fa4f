"""Face authentication: the card's photo against the live camera, on licence-clean weights.

    matcher = FaceMatcher.load()                      # or FaceMatcher.load(vendor_pack_dir)
    template = matcher.enrol_chip_photo(jp2_bytes)    # NoFaceInChipPhoto / ChipPhotoError
    session = MatchSession(matcher, template)         # clock=time.monotonic, policy=DecisionPolicy()
    with CameraSource(0) as camera:                   # CameraUnavailable / CameraBusy / CameraStopped
        for frame in camera.frames():
            result = session.feed(frame.image)        # result.guidance, result.decision
            if result.decision is not Decision.STILL_DECIDING:
                break

Qt-free; nothing here writes a frame, a face or a template anywhere.
"""

from .camera import CameraSource, Frame
from .detection import Detection
from .errors import (
    CameraBusy,
    CameraError,
    CameraStopped,
    CameraUnavailable,
    ChipPhotoError,
    FaceAuthError,
    ModelPackError,
    NoFaceInChipPhoto,
)
from .guidance import Guidance
from .matcher import FaceMatcher, FaceTemplate
from .modelpack import DEFAULT_PACK_DIR
from .session import Decision, FrameResult, MatchSession
from .thresholds import DecisionPolicy, GuidanceLimits

__all__ = [
    "CameraBusy", "CameraError", "CameraSource", "CameraStopped", "CameraUnavailable", "ChipPhotoError",
    "DEFAULT_PACK_DIR", "Decision", "DecisionPolicy", "Detection", "FaceAuthError", "FaceMatcher",
    "FaceTemplate", "Frame", "FrameResult", "Guidance", "GuidanceLimits", "MatchSession",
    "ModelPackError", "NoFaceInChipPhoto",
]
