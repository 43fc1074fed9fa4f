"""Every way a visit can end, in the real window: its title, its sound, its problem panel and its
step bar tell the same story. Checked in: 受付完了, the success chime, no panel. At reception
(insurance invalid or not found, questions left unanswered): the reception title, the attention
sound, the panel, never 完了. Not checked in: the failure title, the error sound, the panel."""
from __future__ import annotations

import pytest

from kiosk.core.codes import Notice, Problem
from kiosk.core.events import CardFacts, TokenKind
from kiosk.core.session import Ending, Step, Visit
from tests.ui.driving import make_window

CARD = CardFacts(TokenKind.CARD, pin_tries_left=3)
AT_RECEPTION = (Problem.INSURANCE_INVALID, Problem.INSURANCE_NOT_FOUND, Problem.NO_ANSWER_IN_TIME)

ENDINGS = [("done", Step.DONE, Visit(facts=CARD), Ending.CHECKED_IN),
           ("done-notices", Step.DONE,
            Visit(facts=CARD, notices=[Notice.CERTIFICATE_EXPIRES_SOON, Notice.RESULT_QUEUED]),
            Ending.CHECKED_IN)]
ENDINGS += [(f"done-{p.code}", Step.DONE, Visit(facts=CARD, problem=p), Ending.SEE_RECEPTION)
            for p in AT_RECEPTION]
ENDINGS += [(f"problem-{p.code}", Step.PROBLEM, Visit(facts=CARD, problem=p), Ending.NOT_CHECKED_IN)
            for p in Problem]

# What each ending must show and play, in Japanese (the words a patient sees first).
TITLE = {Ending.CHECKED_IN: "受付が完了しました", Ending.SEE_RECEPTION: "受付にお声がけください",
         Ending.NOT_CHECKED_IN: "受付できませんでした"}
SOUND = {Ending.CHECKED_IN: "earcon.success", Ending.SEE_RECEPTION: "earcon.attention",
         Ending.NOT_CHECKED_IN: "earcon.error"}
SOUNDS = set(SOUND.values())


@pytest.mark.parametrize("name, step, visit, ending", ENDINGS, ids=[e[0] for e in ENDINGS])
def test_title_sound_panel_and_step_bar_agree(qtbot, name, step, visit, ending):
    window, *_ = make_window(qtbot)
    before = len(window.voice.player.history)
    window.show_step(step, visit, [])
    screen = window.current()
    assert screen.title.text() == TITLE[ending]
    played = [p for _language, p in window.voice.player.history[before:] if p in SOUNDS]
    assert played == [SOUND[ending]]
    said = [p for _language, p in window.voice.player.history[before:]]
    assert ("screen.done" in said) == (ending is Ending.CHECKED_IN)    # 「受付が完了しました」 spoken
    assert screen.problem.isVisible() == (ending is not Ending.CHECKED_IN)
    stage = window.header.stage.text()
    assert ("完了" in stage) == (ending is Ending.CHECKED_IN)
    if ending is not Ending.CHECKED_IN:
        assert "完了しました" not in "\n".join(w.text() for w in screen.findChildren(type(screen.title))
                                          if w.isVisible())
