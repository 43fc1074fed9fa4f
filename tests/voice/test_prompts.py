"""The prompt catalogue: a sentence in Japanese and English for every screen, face guidance code,
problem and notice; nothing personal in any of them; each screen's choice of prompts."""
from __future__ import annotations

import re

import pytest

from faceauth.guidance import Guidance
from kiosk.core import prompts
from kiosk.core.codes import Notice, Problem
from kiosk.core.events import Method
from kiosk.core.session import PIN_LENGTH, Step, Visit
from kiosk.config.settings import ConsentItem
from reader.virtual.personas import PERSONAS
from ui.texts import GUIDANCE as SHOWN_GUIDANCE

CATALOGUE = prompts.catalogue()
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_every_screen_guidance_code_problem_and_notice_has_a_prompt():
    wanted = {f"screen.{s.value}" for s in Step}
    wanted |= {f"guidance.{g.value}" for g in Guidance} | {f"guidance.{code}" for code in SHOWN_GUIDANCE}
    wanted |= {f"problem.{p.code}" for p in Problem} | {f"next.{p.next_step}" for p in Problem}
    wanted |= {f"notice.{n.value}" for n in Notice} | {f"consent.{c.value}" for c in ConsentItem}
    wanted |= {f"digits.{n}" for n in range(PIN_LENGTH + 1)}
    assert wanted <= set(CATALOGUE)


@pytest.mark.parametrize("prompt_id", sorted(CATALOGUE))
def test_both_languages_are_spoken_text(prompt_id):
    prompt = CATALOGUE[prompt_id]
    assert JAPANESE.search(prompt.ja) and prompt.ja.endswith("。"), prompt.ja
    assert not JAPANESE.search(prompt.en) and prompt.en[-1] in ".?", prompt.en
    assert len(prompt.ja) <= 60 and len(prompt.en) <= 90      # short enough to listen to


def personal_strings() -> set[str]:
    found = set()
    for persona in PERSONAS.values():
        names = [persona.name, persona.name.replace("\u3000", ""), *persona.name.split("\u3000")]
        found |= {name for name in names if len(name) >= 2}     # one kanji alone is a word, not a name
        born = persona.birth_date
        found |= {born.isoformat(), born.strftime("%Y%m%d"), f"{born.year}年", f"{born.month}月{born.day}日",
                  f"{born.month}/{born.day}"}
        found |= {code for code in (persona.pin, persona.security_code) if code}
    return found


def test_no_prompt_says_a_pin_a_name_or_a_birth_date():
    personal = personal_strings()
    assert "山田" in personal and "19800217" in personal and "1234" in personal   # the check has teeth
    for prompt_id, prompt in CATALOGUE.items():
        for text in (prompt.ja, prompt.en):
            assert not re.search(r"\d{4}", text), (prompt_id, text)      # no PIN, no year
            assert not [p for p in personal if p in text], (prompt_id, text)


def test_the_digit_count_is_said_never_the_digits():
    for count in range(1, PIN_LENGTH + 1):
        prompt = CATALOGUE[f"digits.{count}"]
        assert prompt.ja.startswith(f"{count}桁") and prompt.en.startswith(f"{count} digit")


def chosen(step, methods=(), **visit):
    return prompts.screen_prompts(step, Visit(**visit), list(methods), [ConsentItem.MEDICATION])


def test_every_screen_chooses_known_prompts_and_tells_the_keys():
    for step in Step:
        ids = chosen(step, [Method.FACE, Method.PIN])
        assert f"screen.{step.value}" in ids or ids == ["again"]
        assert all(i in CATALOGUE or i.removeprefix("earcon.") in prompts.EARCONS for i in ids)
    assert chosen(Step.METHOD_CHOICE, [Method.PIN, Method.STAFF])[-2:] == ["key.method.pin", "key.method.staff"]
    assert chosen(Step.PIN_ENTRY)[-1] == "key.pin"
    assert chosen(Step.CONSENT_ALL)[-2:] == ["consent.medication", "key.consent_all"]
    assert chosen(Step.CONSENT_ITEM, consent_item=ConsentItem.DIAGNOSIS)[-2:] == ["consent.diagnosis", "key.yes_no"]
    assert chosen(Step.DONE)[0] == "earcon.success" and chosen(Step.DONE)[-1] == "key.finish"


def test_problems_and_wrong_pins_are_said_before_what_to_do_now():
    assert chosen(Step.PROBLEM, problem=Problem.GATEWAY_UNREACHABLE) == [
        "earcon.error", "screen.problem", "problem.009", "next.see_staff", "key.finish"]
    assert chosen(Step.IDLE, problem=Problem.CARD_REMOVED)[:2] == ["problem.013", "next.start_again"]
    assert chosen(Step.PIN_ENTRY, pin_tries_left=1, notices=[Notice.PIN_LAST_TRY])[:2] == [
        "pin_tries.1", "notice.pin_last_try"]
    assert chosen(Step.FACE_CAPTURE) == ["screen.face_capture"]     # where the camera is
    assert "上のカメラ" in CATALOGUE["screen.face_capture"].ja and "above" in CATALOGUE["screen.face_capture"].en


def test_guidance_is_spoken_one_instruction_every_few_seconds():
    throttle = prompts.GuidanceThrottle(min_gap=3.0, repeat_gap=8.0)
    throttle.reset("no_face", now=0.0)           # the face screen has just said where the camera is
    throttle.offer("too_far")
    assert throttle.due(1.0) is None             # the screen's sentence is still being acted on
    assert throttle.due(3.0) == "too_far"
    throttle.offer("off_centre")
    throttle.offer("too_far")                    # codes flicker from frame to frame
    assert throttle.due(4.0) is None and throttle.due(10.0) is None
    assert throttle.due(11.0) == "too_far"       # the same instruction again, later
    throttle.offer("hold_still")
    assert throttle.due(14.0) == "hold_still"
    throttle.reset()
    assert throttle.due(15.0) is None            # nothing offered on the new screen
