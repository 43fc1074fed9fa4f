"""ResultSink over the outbox: the machine's outcome in the result file's terms."""
from __future__ import annotations

import logging
import sqlite3

from kiosk.codes import Problem
from kiosk.events import CheckInOutcome
from kiosk.ports import PortProblem
from kiosk.results import (CheckinOutcome, ConsentFlag, ConsentItem, Delivery, Prescription,
                           ResultSink)
from kiosk.settings import ConsentItem as ConsentSetting

log = logging.getLogger("kiosk.results")

RESULT_ITEMS = {
    ConsentSetting.MEDICATION: ConsentItem.PHARMACISTS,
    ConsentSetting.HEALTH_CHECKUPS: ConsentItem.SPECIFIC_HEALTH_CHECKUPS,
    ConsentSetting.DIAGNOSIS: ConsentItem.DIAGNOSIS,
    ConsentSetting.OPERATIONS: ConsentItem.OPERATION,
}


class OutboxResults:
    def __init__(self, sink: ResultSink) -> None:
        self.sink = sink
        self.last_delivery = None

    def write(self, outcome: CheckInOutcome) -> Delivery:
        consents = {RESULT_ITEMS[item]: ConsentFlag.GIVEN if agreed else ConsentFlag.NO_CONSENT
                    for item, agreed in outcome.consents.items()}
        prescription = (None if outcome.prescription_electronic is None else
                        Prescription.ELECTRONIC if outcome.prescription_electronic else Prescription.PAPER)
        try:
            delivery = self.sink.write(CheckinOutcome(outcome.answer, consents=consents,
                                                      consented_at=outcome.consent_time,
                                                      prescription=prescription))
        except (OSError, sqlite3.Error) as error:   # the outbox itself could not commit
            raise PortProblem(Problem.RESULT_FOLDER_UNAVAILABLE, str(error)) from error
        self.last_delivery = delivery
        log.info("result %s %s", delivery.file_name, "written" if delivery.written else "queued")
        return delivery
