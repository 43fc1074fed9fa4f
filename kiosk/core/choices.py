"""What the facility chooses that the check-in follows: how patients prove who they are and which
consent questions they answer. Plain enums, so the state machine needs nothing of the settings file."""
from __future__ import annotations

import enum


class StaffMode(str, enum.Enum):
    AUTOMATIC = "automatic"      # patients choose face or PIN
    PIN_ONLY = "pin_only"        # the camera is not offered
    VISUAL_CHECK = "visual_check"  # staff compare the chip photo with the patient (目視)


class ConsentItem(str, enum.Enum):
    MEDICATION = "medication"              # 過去のお薬情報 (PharmacistsInfo)
    HEALTH_CHECKUPS = "health_checkups"    # 特定健診 (SpecificHealthCheckupsInfo)
    DIAGNOSIS = "diagnosis"                # 診療 (DiagnosisInfo)
    OPERATIONS = "operations"              # 手術 (OperationInfo)


class CardPlacement(str, enum.Enum):
    """How the installed reader takes the card: each has its own picture and words on the idle screen."""
    SLOT = "slot"      # pushed into a slot
    TRAY = "tray"      # laid flat on a tray, photo up
    STAND = "stand"    # stood upright on a stand, photo towards the patient
