"""The answer as bytes on the link, and a strict decoder: anything odd is a MalformedAnswer."""
from __future__ import annotations

import json
from datetime import datetime

from kiosk.gateway.errors import MalformedAnswer
from kiosk.gateway.messages import GatewayNotice, QualificationAnswer, Validity
from kiosk.gateway.record import record_from_mapping, record_to_mapping

_NOTICES_BY_CODE = {notice.code: notice for notice in GatewayNotice}


def encode_answer(answer: QualificationAnswer) -> bytes:
    return json.dumps({
        "validity": int(answer.validity),
        "record": None if answer.record is None else record_to_mapping(answer.record),
        "confirmed_at": answer.confirmed_at.isoformat(),
        "notices": [notice.code for notice in answer.notices],
    }, ensure_ascii=False).encode("utf-8")


def decode_answer(payload: bytes) -> QualificationAnswer:
    try:
        fields = json.loads(payload.decode("utf-8"))
        confirmed_at = datetime.fromisoformat(fields["confirmed_at"])
        if confirmed_at.tzinfo is None:
            raise ValueError("confirmed_at has no time zone")
        answer = QualificationAnswer(
            validity=Validity(fields["validity"]),
            record=None if fields["record"] is None else record_from_mapping(fields["record"]),
            confirmed_at=confirmed_at,
            notices=tuple(_NOTICES_BY_CODE[code] for code in fields["notices"]))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise MalformedAnswer(f"undecodable answer: {error}") from None
    if (answer.record is None) != (answer.validity in (Validity.NOT_FOUND, Validity.SEVERAL_FOUND)):
        raise MalformedAnswer(f"validity {answer.validity.value} does not fit the record")
    return answer
