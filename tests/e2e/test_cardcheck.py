"""`python -m kiosk cardcheck` on virtual personas behind the private pcscd: one line per step of
the face-path reads, the right verdicts, and no personal data in what it prints."""
from __future__ import annotations

import re
from datetime import date

import pytest

from kiosk.__main__ import main
from reader.era import era_yymmdd
from reader.virtual.personas import PERSONAS, _fake_my_number

pytestmark = pytest.mark.e2e    # the whole cardcheck command through the real private pcscd

STEPS = ["reader", "token", "auth certificate", "certificate chain", "JPKI anchor", "照合番号B tries",
         "照合番号B", "card face", "EF 0004", "EF 0004 signature", "card-face signature",
         "chip challenge", "photo", "traffic"]


def run(capsys, persona: str) -> tuple[int, list[str]]:
    status = main(["cardcheck", "--demo", persona])
    return status, capsys.readouterr().out.splitlines()


def personal_values(persona_id: str) -> list[str]:
    p = PERSONAS[persona_id]
    birth = p.birth_date
    return [p.name, *p.name.split("　"), birth.isoformat(), birth.strftime("%Y%m%d"),
            era_yymmdd(birth), p.security_code, _fake_my_number(p), str(date.today().year + 4)]


def test_a_genuine_card_passes_every_step_and_prints_nothing_personal(capsys, private_pcscd):
    status, lines = run(capsys, "valid_adult")
    assert status == 0
    assert [re.match(r"\[[ a-zFAIL]{4}\] ([^:]+):", line).group(1) for line in lines] == STEPS
    assert all(line.startswith(("[ ok ]", "[info]")) for line in lines)
    assert "issuer key id 0000023/001" in "\n".join(lines)
    text = "\n".join(lines)
    for value in personal_values("valid_adult"):
        assert value not in text, value


def test_a_forged_card_fails_at_its_certificate(capsys, private_pcscd):
    status, lines = run(capsys, "forged")
    assert status == 1
    failed = [line for line in lines if line.startswith("[FAIL]")]
    assert len(failed) == 1 and failed[0].startswith("[FAIL] EF 0004 signature:")


@pytest.mark.parametrize("persona", ["android_phone", "iphone"])
def test_a_phone_stops_before_the_card_face(capsys, private_pcscd, persona):
    status, lines = run(capsys, persona)
    assert lines[-1].startswith("[info] card face: phones carry no card face")
    assert status == 0
