"""What the kiosk says, Japanese first: fixed, short spoken sentences, rendered to audio at set-up.

A prompt id names one sentence in every language. Prompts are fixed texts, never built from the
visit, so speech can never carry a PIN digit, a name or a birth date. `screen_prompts` chooses the
sentences for the screen shown now; `GuidanceThrottle` keeps the face guidance from chattering.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from kiosk.core.codes import Notice, Problem
from kiosk.core.events import Method
from kiosk.core.session import Ending, Step, Visit, ending_of
from kiosk.core.choices import CardPlacement, ConsentItem

LANGUAGES = ("ja", "en")


@dataclass(frozen=True)
class Prompt:
    ja: str
    en: str

    def text(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


SCREENS: dict[Step, Prompt] = {
    Step.IDLE: Prompt("マイナンバーカードを置いてください。", "Please place your My Number card."),
    Step.PHONE_GUIDE: Prompt("スマートフォンをカードリーダーにかざしてください。",
                             "Please hold your smartphone over the card reader."),
    Step.READING: Prompt("カードを読み取っています。そのままお待ちください。",
                         "Reading your card. Please leave it where it is."),
    Step.METHOD_CHOICE: Prompt("本人確認の方法を選んでください。", "Please choose how to confirm who you are."),
    Step.FACE_PREPARING: Prompt("顔認証の準備をしています。", "Getting face recognition ready."),
    Step.FACE_CAPTURE: Prompt("画面の上のカメラを見てください。",
                              "Please look at the camera above the screen."),
    Step.PIN_ENTRY: Prompt("暗証番号4桁を入力してください。", "Please enter your 4-digit PIN."),
    Step.PIN_VERIFYING: Prompt("暗証番号を確認しています。", "Checking your PIN."),
    Step.STAFF_CHECK: Prompt("職員が本人確認をします。そのままお待ちください。",
                             "A staff member will confirm who you are. Please wait."),
    Step.IDENTIFIED: Prompt("本人確認ができました。", "Your identity is confirmed."),
    Step.QUERYING: Prompt("保険の資格を確認しています。", "Confirming your health insurance."),
    Step.CONSENT_ALL: Prompt("診療のため、この医療機関があなたの情報を見ることに同意しますか。",
                             "Do you agree that this clinic may see your medical information for your care?"),
    Step.CONSENT_ITEM: Prompt("次の情報を見ることに同意しますか。", "Do you agree that the clinic may see this?"),
    Step.PRESCRIPTION: Prompt("処方箋の受け取り方法を選んでください。",
                              "Please choose how to receive your prescription."),
    Step.WRITING: Prompt("受付を完了しています。", "Completing your check-in."),
    Step.DONE: Prompt("受付が完了しました。カードをお取りください。", "You are checked in. Please take your card."),
    Step.PROBLEM: Prompt("受付を完了できませんでした。", "The check-in could not be completed."),
}

# How the installed reader takes the card (setting card_placement), said after the idle sentence.
PLACEMENTS: dict[CardPlacement, Prompt] = {
    CardPlacement.SLOT: Prompt("写真の面を上にして、差し込み口に入れてください。",
                               "Insert it into the slot, photo side up."),
    CardPlacement.TRAY: Prompt("写真の面を上にして、カード置き場に置いてください。",
                               "Lay it flat on the card tray, photo side up."),
    CardPlacement.STAND: Prompt("写真の面を手前に向けて、カード立てに立ててください。",
                                "Stand it in the card stand, photo facing you."),
}

# What each prescription choice gives the patient, said after the question.
PRESCRIPTIONS: dict[str, Prompt] = {
    "electronic": Prompt("電子処方箋では、処方内容の控えと引換番号をお渡しします。対応する薬局なら、どこでも受け取れます。",
                         "Electronic: a copy with an exchange number, for any pharmacy taking e-prescriptions."),
    "paper": Prompt("紙の処方箋では、紙の処方箋をお渡しします。", "Paper: you get a paper prescription."),
}

# Which key does what, said after the screen's sentence (a USB numeric keypad is a keyboard).
KEYS: dict[str, Prompt] = {
    "method.face": Prompt("顔認証は1を押してください。", "For face recognition, press 1."),
    "method.pin": Prompt("暗証番号は2を押してください。", "For the PIN, press 2."),
    "method.staff": Prompt("職員による確認は3を押してください。", "To ask a staff member, press 3."),
    "pin": Prompt("数字を押し、最後にエンターキーを押してください。消すときはマイナスキーです。",
                  "Type the digits, then press Enter. The minus key deletes."),
    "consent_all": Prompt("すべて同意は1、同意しないは2、一つずつ選ぶときは3を押してください。",
                          "To agree to all, press 1. To refuse, press 2. To choose one by one, press 3."),
    "yes_no": Prompt("同意するは1、同意しないは2を押してください。", "To agree, press 1. To refuse, press 2."),
    "prescription": Prompt("電子処方箋は1、紙の処方箋は2を押してください。",
                           "For an electronic prescription, press 1. For paper, press 2."),
    "finish": Prompt("終わるときはエンターキーを押してください。", "Press Enter to finish."),
    "replay": Prompt("もう一度聞くときはプラスキーを押してください。", "Press plus to hear this again."),
    # Said in the language it offers, after the screen's own words (language_offers).
    "language": Prompt("日本語は、アスタリスクキーを押してください。", "For English, press the star key."),
}
OFFERS_LANGUAGE = (Step.IDLE, Step.METHOD_CHOICE)   # where a patient who cannot read the screen starts


def language_offers(step: Step, current: str, offered: Iterable[str]) -> list[tuple[str, str]]:
    """(prompt id, language) pairs: on the first screens, each other offered language that has a
    voice says, in itself, which key switches to it."""
    if step not in OFFERS_LANGUAGE:
        return []
    return [("key.language", code) for code in offered if code != current and code in LANGUAGES]


KEY_OF_METHOD = {Method.FACE: "method.face", Method.PIN: "method.pin", Method.STAFF: "method.staff"}
METHOD_OF_KEY = {"1": Method.FACE, "2": Method.PIN, "3": Method.STAFF}   # the keys KEYS names

CONSENT_ITEMS: dict[ConsentItem, Prompt] = {
    ConsentItem.MEDICATION: Prompt("過去のお薬の情報。", "Your past medication."),
    ConsentItem.HEALTH_CHECKUPS: Prompt("健診の結果。", "Your health check-up results."),
    ConsentItem.DIAGNOSIS: Prompt("過去の診療の情報。", "Your past treatment."),
    ConsentItem.OPERATIONS: Prompt("過去の手術の情報。", "Your past operations."),
}

DIGITS: dict[int, Prompt] = {
    0: Prompt("入力した数字はありません。", "No digits entered."),
    1: Prompt("1桁入力しました。", "1 digit entered."),
    2: Prompt("2桁入力しました。", "2 digits entered."),
    3: Prompt("3桁入力しました。", "3 digits entered."),
    4: Prompt("4桁入力しました。エンターキーを押してください。", "4 digits entered. Press Enter."),
}

PIN_TRIES: dict[int, Prompt] = {
    2: Prompt("暗証番号が違います。あと2回入力できます。", "Wrong PIN. You can try 2 more times."),
    1: Prompt("暗証番号が違います。あと1回入力できます。", "Wrong PIN. You can try 1 more time."),
}

GUIDANCE: dict[str, Prompt] = {
    "no_face": Prompt("画面の上のカメラを見てください。", "Please look at the camera above the screen."),
    "several_faces": Prompt("お一人ずつお願いします。", "One person at a time, please."),
    "too_far": Prompt("もう少し近づいてください。", "Please come a little closer."),
    "too_close": Prompt("少し離れてください。", "Please move back a little."),
    "off_centre": Prompt("顔を画面の真ん中に合わせてください。", "Please move your face to the middle."),
    "too_dark": Prompt("暗すぎます。明るい方を向いてください。", "It is too dark. Please face the light."),
    "too_bright": Prompt("後ろが明るすぎます。", "There is too much light behind you."),
    "blurred": Prompt("少しの間、動かないでください。", "Please keep still for a moment."),
    "face_turned": Prompt("まっすぐカメラを見てください。", "Please look straight at the camera."),
    "possibly_masked": Prompt("マスクを少しの間外してください。", "Please take off your mask for a moment."),
    "move_head_slightly": Prompt("頭を少し動かしてください。", "Please move your head slightly."),
    "hold_still": Prompt("そのまま動かないでください。", "Hold still, please."),
}

NEXT_STEPS: dict[str, Prompt] = {
    "replace_card": Prompt("カードを置き直してください。", "Please place the card again."),
    "municipal_office": Prompt("受付の職員にお声がけください。", "Please speak to the reception staff."),
    "other_method": Prompt("ほかの方法を選んでください。", "Please choose another way."),
    "use_card": Prompt("マイナンバーカードをお使いください。", "Please use your My Number card."),
    "see_staff": Prompt("受付の職員にお声がけください。", "Please speak to the reception staff."),
    "start_again": Prompt("もう一度カードを置いてください。", "Please place your card again."),
    "sent_to_reception": Prompt("保険の確認だけを、同意なしで受付に送りました。",
                                "Only your insurance check went to reception, without consent."),
}

PROBLEMS: dict[Problem, Prompt] = {
    Problem.CARD_UNREADABLE: Prompt("カードを読み取れませんでした。", "The card could not be read."),
    Problem.NOT_MYNUMBER_CARD: Prompt("マイナンバーカードではありません。", "This is not a My Number card."),
    Problem.PIN_LOCKED: Prompt("暗証番号がロックされています。", "The PIN is locked."),
    Problem.FACE_NOT_MATCHED: Prompt("顔を照合できませんでした。", "Your face could not be matched."),
    Problem.SMARTPHONE_NOT_ACCEPTED: Prompt("スマートフォンは使えません。", "Smartphones cannot be used here."),
    Problem.CERTIFICATE_INVALID: Prompt("カードの電子証明書の期限が切れています。",
                                        "The card's certificate is no longer valid."),
    Problem.CERTIFICATE_UNTRUSTED: Prompt("カードの電子証明書を確認できませんでした。",
                                          "The card's certificate could not be verified."),
    Problem.IDENTITY_PROOF_REFUSED: Prompt("本人確認ができませんでした。", "Your identity could not be confirmed."),
    Problem.GATEWAY_UNREACHABLE: Prompt("通信できませんでした。", "The insurance service cannot be reached."),
    Problem.INSURANCE_INVALID: Prompt("保険の資格が有効ではありません。", "Your health insurance is not valid."),
    Problem.INSURANCE_NOT_FOUND: Prompt("保険の資格が見つかりませんでした。", "No health insurance was found."),
    Problem.RESULT_FOLDER_UNAVAILABLE: Prompt("受付を記録できませんでした。", "Your check-in could not be recorded."),
    Problem.CARD_REMOVED: Prompt("途中でカードが取り出されました。", "The card was taken away before the end."),
    Problem.TIMED_OUT: Prompt("しばらく操作がなかったため、最初に戻りました。",
                              "Nothing happened for a while, so we started over."),
    Problem.STAFF_DECLINED: Prompt("職員が本人確認できませんでした。", "The staff could not confirm your identity."),
    Problem.NO_METHOD_AVAILABLE: Prompt("本人確認の方法がありません。", "There is no way left to confirm your identity."),
    Problem.CARD_SURFACE_UNREADABLE: Prompt("カードの表面を読み取れませんでした。",
                                            "The printed side of the card could not be read."),
    Problem.NO_CHIP_PHOTO: Prompt("このカードには顔写真がありません。", "This card has no face photo."),
    Problem.CAMERA_UNAVAILABLE: Prompt("カメラが使えません。", "The camera cannot be used right now."),
    Problem.CARD_REMOVED_BEFORE_ANSWERS: Prompt("カードが途中で取り出されました。", "The card was taken early."),
    Problem.NO_ANSWER_IN_TIME: Prompt("お答えがありませんでした。", "No answer came in time."),
    Problem.CARD_ISSUER_KEY_UNKNOWN: Prompt("この受付機では、まだこのカードを確認できません。",
                                            "This kiosk cannot check this card yet."),
    Problem.INTERNAL_ERROR: Prompt("機械の中でエラーが起きました。", "Something went wrong inside the kiosk."),
}

NOTICES: dict[Notice, Prompt] = {
    Notice.CERTIFICATE_EXPIRES_SOON: Prompt("電子証明書の期限が近づいています。市区町村の窓口で更新してください。",
                                            "Your card's certificate expires soon. Please renew it."),
    Notice.CERTIFICATE_IN_GRACE: Prompt("電子証明書の期限が切れています。市区町村の窓口で更新してください。",
                                        "Your card's certificate has expired. Please renew it."),
    Notice.PIN_LAST_TRY: Prompt("あと1回間違えると、カードがロックされます。",
                                "One more wrong PIN locks the card."),
    Notice.RESULT_QUEUED: Prompt("受付の情報は、まもなく受付に届きます。", "Your check-in will reach reception shortly."),
}

COUNTDOWN = Prompt("まもなく最初の画面に戻ります。続けるときは、どれかのキーを押してください。",
                   "Going back to the start soon. To continue, press any key.")
AGAIN = Prompt("もう一度、カメラを見てください。", "Let us try once more. Please look at the camera.")
# The done screen's sentence when the patient must still see reception (never "checked in").
SEE_RECEPTION = Prompt("受付の職員にお声がけください。カードをお取りください。",
                       "Please speak to the reception staff, and take your card.")
READER_MISSING = Prompt("カードリーダーが接続されていません。職員にお知らせください。",
                        "The card reader is not connected. Please tell the staff.")

# Short synthesised sounds, not speech: (frequencies in Hz, one after another; seconds each).
EARCONS: dict[str, tuple[tuple[float, ...], float]] = {
    "card": ((880.0, 1320.0), 0.08),
    "digit": ((1000.0,), 0.05),
    "success": ((660.0, 880.0, 1320.0), 0.1),
    "error": ((440.0, 330.0), 0.18),
    "attention": ((587.0, 587.0), 0.15),   # two even tones: neither done nor failed, look up
}

ENDING_SOUNDS = {Ending.CHECKED_IN: "success", Ending.SEE_RECEPTION: "attention",
                 Ending.NOT_CHECKED_IN: "error"}


def catalogue() -> dict[str, Prompt]:
    """Every spoken prompt by id: `screen.<step>`, `key.<what>`, `consent.<item>`, `digits.<n>`,
    `placement.<kind>`, `prescription.<kind>`, `pin_tries.<n>`, `guidance.<code>`, `next.<key>`, `problem.<code>`, `notice.<notice>`, and
    `again`, `countdown`, `reader_missing`."""
    prompts = {f"screen.{s.value}": p for s, p in SCREENS.items()}
    prompts |= {f"key.{k}": p for k, p in KEYS.items()}
    prompts |= {f"placement.{c.value}": p for c, p in PLACEMENTS.items()}
    prompts |= {f"prescription.{k}": p for k, p in PRESCRIPTIONS.items()}
    prompts |= {f"consent.{c.value}": p for c, p in CONSENT_ITEMS.items()}
    prompts |= {f"digits.{n}": p for n, p in DIGITS.items()}
    prompts |= {f"pin_tries.{n}": p for n, p in PIN_TRIES.items()}
    prompts |= {f"guidance.{c}": p for c, p in GUIDANCE.items()}
    prompts |= {f"next.{k}": p for k, p in NEXT_STEPS.items()}
    prompts |= {f"problem.{p.code}": t for p, t in PROBLEMS.items()}
    prompts |= {f"notice.{n.value}": p for n, p in NOTICES.items()}
    prompts["again"] = AGAIN
    prompts["countdown"] = COUNTDOWN
    prompts["reader_missing"] = READER_MISSING
    prompts["see_reception"] = SEE_RECEPTION
    return prompts


def earcon(name: str) -> str:
    return f"earcon.{name}"


def problem_prompts(problem: Problem | None) -> list[str]:
    return [] if problem is None else [f"problem.{problem.code}", f"next.{problem.next_step}"]


def _notices(notices: Iterable[Notice]) -> list[str]:
    return [f"notice.{n.value}" for n in notices if n in NOTICES]


def screen_prompts(step: Step, visit: Visit, methods: list[Method],
                   consent_items: Iterable[ConsentItem] = (),
                   placement: CardPlacement = CardPlacement.TRAY) -> list[str]:
    """The sounds and sentences for the screen shown now, in the order they are played."""
    said = [f"screen.{step.value}"]
    if step is Step.IDLE:   # why the last visit ended, first
        return problem_prompts(visit.problem) + said + [f"placement.{placement.value}"]
    if step is Step.READING:
        return [earcon("card")] + said
    if step is Step.METHOD_CHOICE:
        keys = [f"key.{KEY_OF_METHOD[m]}" for m in methods if m in KEY_OF_METHOD]
        return problem_prompts(visit.problem) + said + keys
    if step is Step.FACE_CAPTURE:
        return ["again"] if visit.face_attempts else said
    if step is Step.PIN_ENTRY:
        wrong = [f"pin_tries.{visit.pin_tries_left}"] if visit.pin_tries_left in PIN_TRIES else []
        return wrong + _notices(n for n in visit.notices if n is Notice.PIN_LAST_TRY) + said + ["key.pin"]
    if step is Step.CONSENT_ALL:
        return said + [f"consent.{i.value}" for i in consent_items] + ["key.consent_all"]
    if step is Step.CONSENT_ITEM:
        item = [f"consent.{visit.consent_item.value}"] if visit.consent_item else []
        return said + item + ["key.yes_no"]
    if step is Step.PRESCRIPTION:
        return said + [f"prescription.{k}" for k in PRESCRIPTIONS] + ["key.prescription"]
    if step is Step.IDENTIFIED:
        return [earcon("success")] + said
    ending = ending_of(step, visit)
    if ending is Ending.CHECKED_IN:
        return [earcon(ENDING_SOUNDS[ending])] + said + _notices(visit.notices) + ["key.finish"]
    if ending is Ending.SEE_RECEPTION:
        return [earcon(ENDING_SOUNDS[ending])] + problem_prompts(visit.problem) + ["see_reception"] + \
            _notices(visit.notices) + ["key.finish"]
    if ending is Ending.NOT_CHECKED_IN:
        return [earcon(ENDING_SOUNDS[ending])] + said + problem_prompts(visit.problem) + ["key.finish"]
    return said


class GuidanceThrottle:
    """One face instruction every few seconds, not every frame's: the newest code is spoken when
    the last instruction had time to be heard and acted on; the same one again only later."""

    def __init__(self, min_gap: float = 3.0, repeat_gap: float = 8.0) -> None:
        self.min_gap, self.repeat_gap = min_gap, repeat_gap
        self._current: str | None = None
        self._last: tuple[str, float] | None = None

    def offer(self, code: str) -> None:
        self._current = code

    def due(self, now: float) -> str | None:
        """The code to speak now, if any (it then counts as heard)."""
        code = self._current
        if code is None:
            return None
        if self._last is not None:
            last_code, at = self._last
            if now - at < (self.repeat_gap if code == last_code else self.min_gap):
                return None
        self._last = (code, now)
        return code

    def reset(self, heard: str | None = None, now: float = 0.0) -> None:
        """A new screen: nothing offered yet; its own sentence may count as the last heard."""
        self._current = None
        self._last = None if heard is None else (heard, now)
