"""Words the patient sees, Japanese first and English second. (Qt Linguist files come with the
full UI; these keep the first screens readable in both languages.)"""
from __future__ import annotations

from kiosk.codes import Problem
from kiosk.events import Method
from kiosk.session import Step

STEP_TITLES: dict[Step, tuple[str, str]] = {
    Step.IDLE: ("マイナンバーカードを置いてください", "Please place your My Number card"),
    Step.PHONE_GUIDE: ("スマートフォンをカードリーダーにかざしてください",
                       "Hold your smartphone over the card reader"),
    Step.READING: ("カードを読み取っています…", "Reading your card…"),
    Step.METHOD_CHOICE: ("本人確認の方法を選んでください", "Choose how to confirm your identity"),
    Step.FACE_PREPARING: ("顔認証の準備をしています…", "Preparing face recognition…"),
    Step.FACE_CAPTURE: ("画面上のカメラを見てください", "Please look at the camera above the screen"),
    Step.PIN_ENTRY: ("4桁の暗証番号を入力してください", "Enter your 4-digit PIN"),
    Step.PIN_VERIFYING: ("暗証番号を確認しています…", "Checking your PIN…"),
    Step.STAFF_CHECK: ("職員が確認します。しばらくお待ちください", "A staff member will check. Please wait"),
    Step.QUERYING: ("資格を確認しています…", "Confirming your insurance…"),
    Step.CONSENT_ALL: ("医療情報の提供に同意しますか", "Do you agree to share your medical information?"),
    Step.CONSENT_ITEM: ("情報の提供に同意しますか", "Do you agree to share this information?"),
    Step.PRESCRIPTION: ("処方箋の種類を選んでください", "Choose your prescription type"),
    Step.WRITING: ("受付しています…", "Checking you in…"),
    Step.DONE: ("受付が完了しました。カードをお取りください",
                "You are checked in. Please take your card"),
    Step.PROBLEM: ("確認できませんでした", "We could not complete the check-in"),
}

METHOD_LABELS: dict[Method, tuple[str, str]] = {
    Method.FACE: ("顔認証", "Face"),
    Method.PIN: ("暗証番号", "PIN"),
    Method.STAFF: ("職員による確認", "Staff check"),
}

NEXT_STEP: dict[str, tuple[str, str]] = {
    "replace_card": ("カードを置き直してください。続く場合は職員にお声がけください",
                     "Place the card again. If this repeats, please ask staff"),
    "municipal_office": ("お住まいの市区町村の窓口で手続きが必要です",
                         "Please visit your municipal office"),
    "other_method": ("別の方法をお選びください", "Please choose another way"),
    "use_card": ("マイナンバーカードをお使いください", "Please use your My Number card"),
    "see_staff": ("受付の職員にお声がけください", "Please speak to the reception staff"),
    "start_again": ("最初からやり直してください", "Please start again"),
}


def problem_text(problem: Problem) -> tuple[str, str]:
    ja, en = NEXT_STEP[problem.next_step]
    return f"{ja}（コード {problem.code}）", f"{en} (code {problem.code})"
