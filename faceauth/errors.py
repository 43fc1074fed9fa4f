"""Typed errors of the face package; the core maps each to a screen and a staff code."""


class FaceAuthError(Exception):
    """Base of every error raised by faceauth."""


class ModelPackError(FaceAuthError):
    """The model pack is missing, incomplete, or a file's sha256 differs from the recorded one."""


class ChipPhotoError(FaceAuthError):
    """The card's photo could not be decoded."""


class NoFaceInChipPhoto(ChipPhotoError):
    """The card's photo decoded but no face was found in it."""


class CameraError(FaceAuthError):
    """Base of camera failures."""


class CameraUnavailable(CameraError):
    """No camera at that index/path, or it is unplugged, or it cannot be opened."""


class CameraBusy(CameraError):
    """The camera opened but gives no frames (held by another program)."""


class CameraStopped(CameraError):
    """The camera delivered frames and then stopped (unplugged, end of a recording)."""
