"""Consent: one 包括同意 question with an "individually" option, or one question per item; then
the e-prescription choice when the facility asks it."""
from __future__ import annotations

from html import escape

from kiosk.core import events as ev
from kiosk.core.events import ComprehensiveChoice
from ui.screens.base import Screen, button, label, press_for, row
from ui.texts import CONSENT_ITEMS, say


def two_columns(items: list[str]) -> str:
    """The items as a bulleted list in two columns: half the height, so the screen fits in big
    text."""
    cells = [f"<td style='padding: 0px 16px'>・{escape(item)}</td>" for item in items]
    rows = ["<tr>" + "".join(cells[i:i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
    return "<table align='center'>" + "".join(rows) + "</table>"


class ConsentAllScreen(Screen):
    def build(self) -> None:
        self.explain = label("body")
        self.items = label("subtitle")
        self.agree = button("primary", lambda: self._answer(ComprehensiveChoice.ALL))
        self.refuse = button("secondary", lambda: self._answer(ComprehensiveChoice.NONE))
        self.each = button("secondary", lambda: self._answer(ComprehensiveChoice.INDIVIDUALLY))
        self.layout_.addWidget(self.explain)
        self.layout_.addWidget(self.items)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.agree, self.refuse))
        self.layout_.addLayout(row(self.each))

    def _answer(self, choice: ComprehensiveChoice) -> None:
        self.send(ev.ComprehensiveConsentAnswered(choice))

    def fill(self, visit, methods) -> None:
        self.explain.setText(self.tr("If you agree, the doctors and pharmacists here may see "
                                     "these for 24 hours, for your care today."))
        self.items.setText(two_columns([say("Consent", CONSENT_ITEMS[i]) for i in self.settings.consent_items]))
        self.agree.setText(self.tr("Agree to all"))
        self.refuse.setText(self.tr("Do not agree"))
        self.each.setText(self.tr("Choose one by one"))

    def on_key(self, key: str) -> bool:
        return press_for(key, {"1": self.agree, "2": self.refuse, "3": self.each})


class ConsentItemScreen(Screen):
    def build(self) -> None:
        self.item = label("headline")
        self.explain = label("body")
        self.agree = button("primary", lambda: self._answer(True))
        self.refuse = button("secondary", lambda: self._answer(False))
        self.current = None
        self.layout_.addWidget(self.item)
        self.layout_.addWidget(self.explain)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.agree, self.refuse))

    def _answer(self, agreed: bool) -> None:
        if self.current is not None:
            self.send(ev.ConsentAnswered(self.current, agreed))

    def fill(self, visit, methods) -> None:
        self.current = visit.consent_item
        items = list(self.settings.consent_items)
        if self.current is not None:
            self.item.setText(say("Consent", CONSENT_ITEMS[self.current]))
            self.explain.setText(self.tr("Question {0} of {1}. If you agree, the doctors and "
                                         "pharmacists here may see it for 24 hours.")
                                 .format(items.index(self.current) + 1, len(items)))
        self.agree.setText(self.tr("Agree"))
        self.refuse.setText(self.tr("Do not agree"))

    def on_key(self, key: str) -> bool:
        return press_for(key, {"1": self.agree, "2": self.refuse})


class PrescriptionScreen(Screen):
    """What each choice gives the patient: an electronic prescription is a copy of its contents
    (処方内容の控え) with an 引換番号, good at any pharmacy that handles e-prescriptions."""

    def build(self) -> None:
        self.electronic_means = label("body")
        self.paper_means = label("body")
        self.electronic = button("primary", lambda: self.send(ev.PrescriptionChosen(True)))
        self.paper = button("secondary", lambda: self.send(ev.PrescriptionChosen(False)))
        self.layout_.addWidget(self.electronic_means)
        self.layout_.addWidget(self.paper_means)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row(self.electronic, self.paper))

    def fill(self, visit, methods) -> None:
        self.electronic_means.setText(self.tr(
            "Electronic: you receive a copy of the prescription with an exchange number, and can "
            "take it to any pharmacy that handles electronic prescriptions."))
        self.paper_means.setText(self.tr("Paper: you receive a paper prescription."))
        self.electronic.setText(self.tr("Electronic prescription"))
        self.paper.setText(self.tr("Paper prescription"))

    def on_key(self, key: str) -> bool:
        return press_for(key, {"1": self.electronic, "2": self.paper})
