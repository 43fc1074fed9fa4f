"""What the headless check-in command does for each persona: shared by its end-to-end test and
the dashboard test, which reads the audit rows those check-ins leave."""

# persona: (extra arguments, exit code, what the output must say, result expectations)
CASES = {
    "valid_adult": (["--pin", "1234"], 0, "result written", {"QualificationValidity": "1", "PharmacistsInfoConsFlg": "1"}),
    "expiring_soon": (["--pin", "2468"], 0, "result written", {"ProcessingResultCode": "W01"}),
    "grace_expired": (["--pin", "1357"], 0, "result written", {"ProcessingResultCode": "W02", "PharmacistsInfoConsFlg": "0"}),
    "expired": (["--pin", "9753"], 1, "problem 006", None),
    "revoked": (["--pin", "8642"], 1, "problem 006", None),
    "pin_one_try_left": (["--pin", "3690"], 0, "result written", {"QualificationValidity": "1"}),
    "pin_locked": (["--pin", "4826"], 1, "problem 003", None),
    "infant_no_photo": (["--method", "face"], 1, "problem 018", None),
    "face_only_no_pin": (["--method", "face"], 0, "result written", {"QualificationValidity": "1"}),
    "forged": (["--pin", "1111"], 1, "problem 007", None),
    "android_phone": (["--pin", "2580"], 0, "result written", {"QualificationValidity": "1"}),
    "iphone": ([], 0, "result written", {"QualificationValidity": "1"}),
}
