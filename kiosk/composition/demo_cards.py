"""What the demo's virtual cards print on their front: the values the tray camera's rendering
shows (the demo, tests, benchmarks) and the characters the glyph atlas must hold."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from faceauth.chip_photo import decode_chip_photo
from faceauth.surface import CardValues
from reader import cardface, era
from reader.virtual.personas import load_record

DEMO_ADDRESS = "東京都千代田区霞が関１－１\n（TEST ONLY）"
# names on the synthetic cards of the tests and benchmarks (the glyph atlas holds their characters)
SAMPLE_NAMES = ("見本　花子", "見本　一郎", "試験　太郎", "架空　美咲", "仮名　健")


def card_values_from_persona(folder: Path, persona_id: str) -> CardValues:
    """What a virtual persona's card front prints (for the demo's tray camera, tests, benchmarks)."""
    record = load_record(folder, persona_id)
    birth = date.fromisoformat(record["birth_date"])
    photo = None
    face_file = Path(folder) / persona_id / "card-face" / "card-face.bin"
    if record["has_photo"] and face_file.exists():
        jp2 = cardface.parse(face_file.read_bytes()).photo_jp2
        photo = decode_chip_photo(jp2) if jp2 is not None else None
    return CardValues(name=record["name"], address=DEMO_ADDRESS, birth_text=era.printed_era_date(birth),
                      sex=record["sex"], expiry=date.fromisoformat(record["card_expiry"]),
                      security_code=record["security_code"], photo=photo)
