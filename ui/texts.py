"""Words shared by several screens, marked for Qt Linguist. Source text is English; every other
language (Japanese first) is a `.ts` file in resources/i18n. Screens translate at render time with
`say(context, text)`, so switching language re-renders in the new one."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.core.codes import Notice, Problem
from kiosk.core.events import Method
from kiosk.core.session import Ending, Step
from kiosk.core.choices import ConsentItem


def say(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for Qt Linguist under `context` (pyside6-lupdate finds the calls by this name)
    and returns it untranslated; PySide6's own marker is typed as returning `object`."""
    return text


TITLES: dict[Step, str] = {
    Step.IDLE: QT_TRANSLATE_NOOP("Title", "Please place your My Number card"),
    Step.PHONE_GUIDE: QT_TRANSLATE_NOOP("Title", "Check in with your smartphone"),
    Step.READING: QT_TRANSLATE_NOOP("Title", "Reading your card…"),
    Step.METHOD_CHOICE: QT_TRANSLATE_NOOP("Title", "How would you like to confirm who you are?"),
    Step.FACE_PREPARING: QT_TRANSLATE_NOOP("Title", "Getting face recognition ready…"),
    Step.FACE_CAPTURE: QT_TRANSLATE_NOOP("Title", "Checking your face with the card photo"),
    Step.PIN_ENTRY: QT_TRANSLATE_NOOP("Title", "Enter your 4-digit PIN"),
    Step.PIN_VERIFYING: QT_TRANSLATE_NOOP("Title", "Checking your PIN…"),
    Step.STAFF_CHECK: QT_TRANSLATE_NOOP("Title", "Staff will confirm who you are"),
    Step.IDENTIFIED: QT_TRANSLATE_NOOP("Title", "Identity confirmed"),
    Step.QUERYING: QT_TRANSLATE_NOOP("Title", "Confirming your health insurance…"),
    Step.CONSENT_ALL: QT_TRANSLATE_NOOP("Title", "May this clinic see your medical information?"),
    Step.CONSENT_ITEM: QT_TRANSLATE_NOOP("Title", "May this clinic see this information?"),
    Step.PRESCRIPTION: QT_TRANSLATE_NOOP("Title", "Please choose how to receive your prescription"),
    Step.WRITING: QT_TRANSLATE_NOOP("Title", "Completing your check-in…"),
    Step.DONE: QT_TRANSLATE_NOOP("Title", "You are checked in"),
    Step.PROBLEM: QT_TRANSLATE_NOOP("Title", "Check-in could not be completed"),
}

# The last screen's title follows how the visit ends (kiosk.core.session.ending_of), never only the step.
ENDING_TITLES: dict[Ending, str] = {
    Ending.CHECKED_IN: TITLES[Step.DONE],
    Ending.SEE_RECEPTION: QT_TRANSLATE_NOOP("Title", "Please speak to the reception staff"),
    Ending.NOT_CHECKED_IN: TITLES[Step.PROBLEM],
}

# The four stages of the step indicator ("2 / 4").
STAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Stage", "Card"),
    QT_TRANSLATE_NOOP("Stage", "Identity"),
    QT_TRANSLATE_NOOP("Stage", "Consent"),
    QT_TRANSLATE_NOOP("Stage", "Done"),
)
STAGE_SEE_RECEPTION = QT_TRANSLATE_NOOP("Stage", "See reception")   # the last stage, when not 完了
STAGE_OF: dict[Step, int] = {
    Step.IDLE: 1, Step.PHONE_GUIDE: 1, Step.READING: 1,
    Step.METHOD_CHOICE: 2, Step.FACE_PREPARING: 2, Step.FACE_CAPTURE: 2, Step.PIN_ENTRY: 2,
    Step.PIN_VERIFYING: 2, Step.STAFF_CHECK: 2, Step.IDENTIFIED: 2,
    Step.QUERYING: 2,     # identity is done, but nothing to consent to until the insurance answers
    Step.CONSENT_ALL: 3, Step.CONSENT_ITEM: 3, Step.PRESCRIPTION: 3,
    Step.WRITING: 4, Step.DONE: 4,
}

METHODS: dict[Method, str] = {
    Method.FACE: QT_TRANSLATE_NOOP("Method", "Face recognition"),
    Method.PIN: QT_TRANSLATE_NOOP("Method", "PIN (4 digits)"),
    Method.STAFF: QT_TRANSLATE_NOOP("Method", "Ask the staff"),
}

WHAT_HAPPENED: dict[Problem, str] = {
    Problem.CARD_UNREADABLE: QT_TRANSLATE_NOOP("Problem", "The card could not be read."),
    Problem.NOT_MYNUMBER_CARD: QT_TRANSLATE_NOOP("Problem", "This is not a My Number card."),
    Problem.PIN_LOCKED: QT_TRANSLATE_NOOP(
        "Problem", "The PIN is locked after too many wrong entries."),
    Problem.FACE_NOT_MATCHED: QT_TRANSLATE_NOOP("Problem", "Your face could not be matched with the card photo."),
    Problem.SMARTPHONE_NOT_ACCEPTED: QT_TRANSLATE_NOOP("Problem", "Smartphones cannot be used at this clinic."),
    Problem.CERTIFICATE_INVALID: QT_TRANSLATE_NOOP(
        "Problem", "The card's certificate is not valid."),
    Problem.CERTIFICATE_UNTRUSTED: QT_TRANSLATE_NOOP("Problem", "The card's certificate could not be verified."),
    Problem.IDENTITY_PROOF_REFUSED: QT_TRANSLATE_NOOP("Problem", "Your identity could not be confirmed."),
    Problem.GATEWAY_UNREACHABLE: QT_TRANSLATE_NOOP("Problem", "The insurance service cannot be reached right now."),
    Problem.INSURANCE_INVALID: QT_TRANSLATE_NOOP("Problem", "Your health insurance is not valid."),
    Problem.INSURANCE_NOT_FOUND: QT_TRANSLATE_NOOP("Problem", "No health insurance was found for you."),
    Problem.RESULT_FOLDER_UNAVAILABLE: QT_TRANSLATE_NOOP("Problem", "Your check-in could not be recorded."),
    Problem.CARD_REMOVED: QT_TRANSLATE_NOOP("Problem", "The card was taken away before the end."),
    Problem.TIMED_OUT: QT_TRANSLATE_NOOP("Problem", "The screen was not touched for a while."),
    Problem.STAFF_DECLINED: QT_TRANSLATE_NOOP("Problem", "The staff member could not confirm your identity."),
    Problem.NO_METHOD_AVAILABLE: QT_TRANSLATE_NOOP("Problem", "There is no way left to confirm your identity here."),
    Problem.CARD_SURFACE_UNREADABLE: QT_TRANSLATE_NOOP("Problem", "The printed side of the card could not be read."),
    Problem.NO_CHIP_PHOTO: QT_TRANSLATE_NOOP("Problem", "This card has no face photo."),
    Problem.CAMERA_UNAVAILABLE: QT_TRANSLATE_NOOP("Problem", "The camera cannot be used right now."),
    Problem.CARD_REMOVED_BEFORE_ANSWERS: QT_TRANSLATE_NOOP("Problem", "The card was taken early."),
    Problem.NO_ANSWER_IN_TIME: QT_TRANSLATE_NOOP("Problem", "No answer came in time."),
    Problem.CARD_ISSUER_KEY_UNKNOWN: QT_TRANSLATE_NOOP(
        "Problem", "This kiosk cannot check this card yet: it needs an update."),
    Problem.INTERNAL_ERROR: QT_TRANSLATE_NOOP("Problem", "Something went wrong inside the kiosk."),
}

NEXT_STEP: dict[str, str] = {
    "replace_card": QT_TRANSLATE_NOOP("NextStep", "Place the card again. If this repeats, please ask the staff."),
    "municipal_office": QT_TRANSLATE_NOOP(
        "NextStep", "Your municipal office can renew or unlock the card. For today, please ask the reception staff."),
    "other_method": QT_TRANSLATE_NOOP("NextStep", "Please choose another way."),
    "use_card": QT_TRANSLATE_NOOP("NextStep", "Please use your My Number card instead."),
    "see_staff": QT_TRANSLATE_NOOP("NextStep", "Please speak to the reception staff."),
    "start_again": QT_TRANSLATE_NOOP("NextStep", "Please place your card again to start over."),
    "sent_to_reception": QT_TRANSLATE_NOOP(
        "NextStep", "Only your insurance check went to reception, without consent."),
}

CODE = QT_TRANSLATE_NOOP("Problem", "Code {0}")

# The word keys of every keypad (the patient's PIN, the staff 目視 password): one wording for both.
KEYPAD_CLEAR = QT_TRANSLATE_NOOP("Keypad", "Clear")
KEYPAD_BACK = QT_TRANSLATE_NOOP("Keypad", "Back")

GUIDANCE: dict[str, str] = {
    "no_face": QT_TRANSLATE_NOOP("Guidance", "Please look at the camera."),
    "several_faces": QT_TRANSLATE_NOOP("Guidance", "One person at a time, please. Others, step back a little."),
    "too_far": QT_TRANSLATE_NOOP("Guidance", "Please come a little closer."),
    "too_close": QT_TRANSLATE_NOOP("Guidance", "Please move back a little."),
    "off_centre": QT_TRANSLATE_NOOP("Guidance", "Please move so your face is inside the oval."),
    "too_dark": QT_TRANSLATE_NOOP("Guidance", "It is too dark. Please face the light."),
    "too_bright": QT_TRANSLATE_NOOP("Guidance", "There is too much light behind you."),
    "blurred": QT_TRANSLATE_NOOP("Guidance", "Please keep still for a moment."),
    "face_turned": QT_TRANSLATE_NOOP("Guidance", "Please look straight at the camera."),
    "possibly_masked": QT_TRANSLATE_NOOP("Guidance", "If you wear a mask, please take it off for a moment."),
    "move_head_slightly": QT_TRANSLATE_NOOP("Guidance", "Please move your head slightly."),
    "hold_still": QT_TRANSLATE_NOOP("Guidance", "Hold still, checking…"),
}

NOTICES: dict[Notice, str] = {
    Notice.CERTIFICATE_EXPIRES_SOON: QT_TRANSLATE_NOOP(
        "Notice", "Your card's certificate expires within 3 months. Please renew it at your municipal office."),
    Notice.CERTIFICATE_IN_GRACE: QT_TRANSLATE_NOOP(
        "Notice", "Your card's certificate has expired: only your insurance was confirmed. "
                  "Please renew it at your municipal office."),
    Notice.PIN_LAST_TRY: QT_TRANSLATE_NOOP(
        "Notice", "Last try: a wrong PIN locks the card, and only your municipal office can unlock it."),
    Notice.RESULT_QUEUED: QT_TRANSLATE_NOOP(
        "Notice", "Your check-in will reach reception in a moment; the staff have been told."),
}

CONSENT_ITEMS: dict[ConsentItem, str] = {
    ConsentItem.MEDICATION: QT_TRANSLATE_NOOP("Consent", "Past medication"),
    ConsentItem.HEALTH_CHECKUPS: QT_TRANSLATE_NOOP("Consent", "Health check-up results"),
    ConsentItem.DIAGNOSIS: QT_TRANSLATE_NOOP("Consent", "Past treatment"),
    ConsentItem.OPERATIONS: QT_TRANSLATE_NOOP("Consent", "Past operations"),
}

# What a language calls itself: each language's .ts translates "English" into its own name.
OWN_NAME = QT_TRANSLATE_NOOP("Language", "English")


def problem_lines(problem: Problem) -> tuple[str, str, str]:
    """(what happened, what to do next, "Code 006") in the current language."""
    return (say("Problem", WHAT_HAPPENED[problem]), say("NextStep", NEXT_STEP[problem.next_step]),
            say("Problem", CODE).format(problem.code))
