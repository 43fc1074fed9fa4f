"""One widget per step of the check-in."""
from __future__ import annotations

from kiosk.core.session import Step
from ui.screens.consent import ConsentAllScreen, ConsentItemScreen, PrescriptionScreen
from ui.screens.face import FaceCaptureScreen
from ui.screens.finish import DoneScreen, ProblemScreen
from ui.screens.idle import IdleScreen
from ui.screens.method import MethodChoiceScreen
from ui.screens.phone import PhoneGuideScreen
from ui.screens.pin import PinEntryScreen
from ui.screens.staff import StaffCheckScreen
from ui.screens.waiting import WAITING_STEPS, WaitingScreen

SCREENS = {
    Step.IDLE: IdleScreen, Step.PHONE_GUIDE: PhoneGuideScreen, Step.METHOD_CHOICE: MethodChoiceScreen,
    Step.FACE_CAPTURE: FaceCaptureScreen, Step.PIN_ENTRY: PinEntryScreen,
    Step.STAFF_CHECK: StaffCheckScreen, Step.CONSENT_ALL: ConsentAllScreen,
    Step.CONSENT_ITEM: ConsentItemScreen, Step.PRESCRIPTION: PrescriptionScreen,
    Step.DONE: DoneScreen, Step.PROBLEM: ProblemScreen,
    **{step: WaitingScreen for step in WAITING_STEPS},
}
assert set(SCREENS) == set(Step), "every step needs a screen"
