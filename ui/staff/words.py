"""The staff panel's words: Japanese first, English second, side by side (staff read both; the
panel does not follow the patient's language). The settings' own names and values in Japanese
live here; their English help is the schema's description."""
from __future__ import annotations

from kiosk.config.settings import Setting


def both(japanese: str, english: str) -> str:
    return f"{japanese} / {english}"


SETTING_NAMES = {
    "institution_code": "医療機関コード",
    "staff_mode": "本人確認の方法",
    "smartphone_enabled": "スマートフォン受付",
    "consent_items": "同意の項目",
    "comprehensive_consent": "包括同意",
    "eprescription_question": "電子処方箋の質問",
    "card_placement": "カードの置き方",
    "result_folder": "結果フォルダ",
    "result_share_mount": "結果フォルダの共有のマウント先",
    "result_encoding": "結果ファイルの文字コード",
    "languages": "表示言語",
    "screen_timeout_seconds": "画面の待ち時間 (秒)",
    "done_timeout_seconds": "完了画面の表示時間 (秒)",
    "audit_retention_days": "記録の保存日数",
    "pin_scrambled": "暗証番号の数字を並べ替える",
    "face_attempts": "顔認証の試行回数",
    "staff_panel_timeout_seconds": "職員画面を閉じるまでの時間 (秒)",
}

VALUE_NAMES = {   # value → (Japanese, English)
    "automatic": ("自動 (顔認証・暗証番号)", "Automatic (face or PIN)"),
    "pin_only": ("暗証番号のみ", "PIN only"), "visual_check": ("目視確認", "Visual check"),
    "medication": ("お薬情報", "Medication"), "health_checkups": ("特定健診", "Health check-ups"),
    "diagnosis": ("診療情報", "Diagnosis"), "operations": ("手術情報", "Operations"),
    "slot": ("差し込み口", "Slot"), "tray": ("カード置き場 (平置き)", "Flat tray"),
    "stand": ("カード立て", "Upright stand"),
}

MODE_LETTERS = {"automatic": "A", "pin_only": "P", "visual_check": "V"}   # the discreet badge


def setting_title(setting: Setting) -> str:
    """A setting added without a Japanese name still shows, under its key."""
    return both(SETTING_NAMES.get(setting.name, setting.name), setting.name)


def value_title(value: str) -> str:
    names = VALUE_NAMES.get(value)
    return both(*names) if names else value
