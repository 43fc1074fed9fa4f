"""ResultPort over the outbox: the machine's outcome in the result file's terms."""
from __future__ import annotations

import logging
import sqlite3

from kiosk.core.codes import Problem
from kiosk.core.events import CompletedVisit
from kiosk.core.ports import PortProblem
from kiosk.results import CheckinOutcome, ConsentFlag, Delivery, Prescription, ResultSink
from kiosk.gateway import QualificationAnswer

log = logging.getLogger("kiosk.results")


class OutboxResults:
    def __init__(self, sink: ResultSink) -> None:
        self.sink = sink
        self.last_delivery: Delivery | None = None

    def write(self, visit: CompletedVisit) -> Delivery:
        if not isinstance(visit.answer, QualificationAnswer):
            raise TypeError(f"not a gateway answer: {type(visit.answer).__name__}")
        consents = {item: ConsentFlag.GIVEN if agreed else ConsentFlag.NO_CONSENT
                    for item, agreed in visit.consents.items()}
        prescription = (None if visit.prescription_electronic is None else
                        Prescription.ELECTRONIC if visit.prescription_electronic else Prescription.PAPER)
        try:
            delivery = self.sink.write(CheckinOutcome(visit.answer, consents=consents,
                                                      consented_at=visit.consent_time,
                                                      prescription=prescription))
        except (OSError, sqlite3.Error) as error:   # the outbox itself could not commit
            raise PortProblem(Problem.RESULT_FOLDER_UNAVAILABLE, str(error)) from error
        self.last_delivery = delivery
        log.info("result %s %s", delivery.file_name, "written" if delivery.written else "queued")
        return delivery
