"""A representative visit for every screen: the screenshots and the layout tests render these."""
from __future__ import annotations

from kiosk.core.codes import Notice, Problem
from kiosk.core.events import CardFacts, Method, TokenKind
from kiosk.core.session import Step, Visit
from kiosk.core.choices import ConsentItem

CARD = CardFacts(TokenKind.CARD, pin_tries_left=3)


def _astronaut_chip() -> bytes:
    import cv2
    from kiosk.composition.demo import CHIP_SIZE, astronaut_bgr
    image = cv2.resize(astronaut_bgr()[20:260, 130:330], CHIP_SIZE)
    ok, data = cv2.imencode(".jp2", image)
    return data.tobytes() if ok else b""


def camera_still(lower: bool = False):
    """A camera picture of the astronaut (public test image) for the face screen's screenshot;
    `lower` shows her as a seated patient, low in the frame."""
    import cv2
    import numpy as np
    from kiosk.composition.demo import astronaut_bgr
    from ui.preview import to_qimage
    frame = cv2.resize(astronaut_bgr()[0:384, 0:512], (640, 480))
    if lower:
        frame = np.vstack([np.full((110, 640, 3), 235, np.uint8), frame[:-110]])
    return to_qimage(frame)


def samples() -> list[tuple[str, Step, Visit, list[Method]]]:
    """(name, step, visit, methods offered) for every screen and its telling variants."""
    both = [Method.FACE, Method.PIN]
    return [
        ("idle", Step.IDLE, Visit(), []),
        ("idle-after-removal", Step.IDLE, Visit(problem=Problem.CARD_REMOVED), []),
        ("idle-after-removal-recorded", Step.IDLE, Visit(problem=Problem.CARD_REMOVED_BEFORE_ANSWERS), []),
        ("phone-guide", Step.PHONE_GUIDE, Visit(), []),
        ("reading", Step.READING, Visit(), []),
        ("method-choice", Step.METHOD_CHOICE, Visit(facts=CARD, pin_tries_left=3), both),
        ("method-choice-pin-locked", Step.METHOD_CHOICE,
         Visit(facts=CARD, pin_tries_left=0, problem=Problem.PIN_LOCKED, excluded={Method.PIN}),
         [Method.FACE, Method.STAFF]),
        ("face-preparing", Step.FACE_PREPARING, Visit(facts=CARD), []),
        ("face-capture", Step.FACE_CAPTURE, Visit(facts=CARD, face_attempts=1), []),
        ("pin-entry", Step.PIN_ENTRY, Visit(facts=CARD, pin_tries_left=3), []),
        ("pin-entry-last-try", Step.PIN_ENTRY,
         Visit(facts=CARD, pin_tries_left=1, notices=[Notice.PIN_LAST_TRY]), []),
        ("pin-entry-android", Step.PIN_ENTRY,
         Visit(facts=CardFacts(TokenKind.ANDROID, has_photo=False), pin_tries_left=3), []),
        ("pin-verifying", Step.PIN_VERIFYING, Visit(facts=CARD), []),
        ("staff-check", Step.STAFF_CHECK, Visit(facts=CARD, chip_photo=_astronaut_chip()), []),
        ("identified", Step.IDENTIFIED, Visit(facts=CARD), []),
        ("querying", Step.QUERYING, Visit(facts=CARD), []),
        ("consent-all", Step.CONSENT_ALL, Visit(facts=CARD), []),
        ("consent-item", Step.CONSENT_ITEM, Visit(facts=CARD, consent_item=ConsentItem.HEALTH_CHECKUPS), []),
        ("prescription", Step.PRESCRIPTION, Visit(facts=CARD), []),
        ("writing", Step.WRITING, Visit(facts=CARD), []),
        ("done", Step.DONE, Visit(facts=CARD), []),
        ("done-with-notices", Step.DONE,
         Visit(facts=CARD, notices=[Notice.CERTIFICATE_IN_GRACE, Notice.RESULT_QUEUED]), []),
        ("done-insurance-invalid", Step.DONE, Visit(facts=CARD, problem=Problem.INSURANCE_INVALID), []),
        ("done-insurance-not-found", Step.DONE, Visit(facts=CARD, problem=Problem.INSURANCE_NOT_FOUND), []),
        ("done-no-answer-in-time", Step.DONE, Visit(facts=CARD, problem=Problem.NO_ANSWER_IN_TIME), []),
        ("problem", Step.PROBLEM, Visit(facts=CARD, problem=Problem.CERTIFICATE_INVALID), []),
    ]
