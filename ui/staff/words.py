"""The staff panel's words: Japanese first, English second, side by side (staff read both; the
panel does not follow the patient's language). The settings' titles are the schema's own
(kiosk.config.settings); the names of their values live here."""
from __future__ import annotations


def both(japanese: str, english: str) -> str:
    return f"{japanese} / {english}"


VALUE_NAMES = {   # value → (Japanese, English)
    "automatic": ("自動 (顔認証・暗証番号)", "Automatic (face or PIN)"),
    "pin_only": ("暗証番号のみ", "PIN only"), "visual_check": ("目視確認", "Visual check"),
    "medication": ("お薬情報", "Medication"), "health_checkups": ("特定健診", "Health check-ups"),
    "diagnosis": ("診療情報", "Diagnosis"), "operations": ("手術情報", "Operations"),
    "slot": ("差し込み口", "Slot"), "tray": ("カード置き場 (平置き)", "Flat tray"),
    "stand": ("カード立て", "Upright stand"),
}

MODE_LETTERS = {"automatic": "A", "pin_only": "P", "visual_check": "V"}   # the discreet badge


def value_title(value: str) -> str:
    names = VALUE_NAMES.get(value)
    return both(*names) if names else value
