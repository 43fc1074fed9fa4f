"""Whatever text a record holds (any character XML 1.0 can carry), both encodings give it back."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.results.outcome import CheckinOutcome
from tests.results.outcomes import answer_for, render
from tests.results.parse import parse_result

XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n"),
                   min_size=1, max_size=40)
RESULT = "MessageBody/ResultList/ResultOfQualificationConfirmation/"


@settings(max_examples=150, deadline=None)
@given(name=XML_TEXT, address=XML_TEXT, encoding=st.sampled_from(["utf-8", "shift_jis"]))
def test_any_text_round_trips(name, address, encoding):
    answer = answer_for("valid_adult")
    record = dataclasses.replace(answer.record, name=name, address=address)
    rendered = render(CheckinOutcome(dataclasses.replace(answer, record=record)), encoding)
    root = parse_result(rendered.content, with_libxml2=False)
    assert root.findtext(RESULT + "Name") == name
    assert root.findtext(RESULT + "Address") == address
    if encoding == "utf-8":
        assert rendered.character_references == 0
