"""The small interfaces through which the check-in core reaches the card, the camera, the
qualification gateway and the receipt computer's folder. Adapters in kiosk/ implement them over
reader/, faceauth/ and the gateway; tests may implement them with fakes for one piece at a time."""
from __future__ import annotations

from typing import Callable, Protocol

from kiosk.core.codes import Problem
from kiosk.core.events import CardFacts, CompletedVisit, Method, QualificationConfirmed


class PortProblem(Exception):
    """A failure the patient must be told about, already mapped to its code."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(f"{problem.code} {problem.name}: {detail}" if detail else problem.name)
        self.problem = problem


class PinWrong(Exception):
    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinLocked(Exception):
    pass


class CardPort(Protocol):
    def read(self) -> CardFacts: ...
    def load_chip_photo(self) -> bytes: ...           # JPEG 2000, kept in memory only
    def verify_pin(self, pin: str) -> None: ...       # raises PinWrong / PinLocked
    def certificates(self) -> tuple[bytes, bytes]: ...  # (authentication cert, its CA), DER
    def sign(self, digest: bytes) -> bytes: ...       # with the authentication key
    def release(self) -> None: ...                    # forget everything about this card


class FacePort(Protocol):
    def enrol(self, chip_photo: bytes) -> None: ...
    def match(self, on_guidance: Callable[[str], None], should_stop: Callable[[], bool]) -> float | None: ...
    def preview(self, should_stop: Callable[[], bool]) -> None: ...   # live picture only
    def forget(self) -> None: ...


class GatewayPort(Protocol):
    def confirm(self, method: Method, card: CardPort, face_score: float | None) -> QualificationConfirmed: ...


class Delivered(Protocol):
    @property
    def written(self) -> bool: ...     # False: safe in the outbox, the file follows when the folder is back
    @property
    def file_name(self) -> str: ...


class ResultPort(Protocol):
    def write(self, visit: CompletedVisit) -> Delivered: ...
