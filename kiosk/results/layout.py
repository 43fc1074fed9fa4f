"""Renders a check-in outcome as the result XML of result-files.md, in UTF-8 or Shift_JIS.

Shift_JIS files are encoded as cp932 (what Windows receipt computers mean by Shift_JIS), declared
``Shift_JIS``, with CharacterCodeIdentifier 1. A character cp932 cannot hold (rare kanji such as
𠮷, U+20BB7) is written as an XML numeric character reference (``&#134071;``): any XML parser
gives back the exact character, nothing is dropped or replaced by a look-alike, and the count of
such characters is reported so staff can check the name on screen. The same goes for the six
characters Python's cp932 encoder folds into look-alikes (¢ £ ¬ ‖ − 〜 would come back as
￠ ￡ ￢ ∥ － ～): they are written as references too, so every character comes back exactly.

Known reader differences, all tested: a reader decoding with a JIS table instead of Microsoft's
(glibc iconv "CP932") maps a few bytes differently, e.g. 0x817C to U+2212 instead of U+FF0D; a
reader that takes "Shift_JIS" strictly (libxml2 with its own Shift_JIS) refuses the NEC/IBM
extension characters cp932 adds (髙, ①), which real names use: result-files.md asks for cp932.
"""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from kiosk.gateway.record import InsuredRecord
from kiosk.core.choices import ConsentItem
from kiosk.results.outcome import CheckinOutcome, ConsentFlag

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

JST = timezone(timedelta(hours=9), "JST")
CONSENT_VIEWING_WINDOW = timedelta(hours=24)
# The consent groups in the result file's order, each with its element-name stem.
CONSENT_ELEMENTS = {
    ConsentItem.HEALTH_CHECKUPS: "SpecificHealthCheckupsInfo",   # 特定健診
    ConsentItem.MEDICATION: "PharmacistsInfo",                   # 薬剤
    ConsentItem.DIAGNOSIS: "DiagnosisInfo",                      # 診療
    ConsentItem.OPERATIONS: "OperationInfo",                     # 手術
}
# characters cp932 encodes to bytes that decode to another character (tests check the list)
CP932_LOOKALIKES = "\u00a2\u00a3\u00ac\u2016\u2212\u301c"
_INVALID_XML_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Encoding:
    declared: str
    codec: str
    identifier: str


    lookalikes: str = ""

    def encode(self, text: str) -> bytes:
        """``text`` (serialised XML) in this encoding, references for what it cannot hold."""
        text = text.translate({ord(c): f"&#{ord(c)};" for c in self.lookalikes})
        return text.encode(self.codec, errors="xmlcharrefreplace")


ENCODINGS = {"utf-8": Encoding("UTF-8", "utf-8", "0"),
             "shift_jis": Encoding("Shift_JIS", "cp932", "1", CP932_LOOKALIKES)}


def encoding_named(name: str) -> Encoding:
    """``utf-8`` or ``shift_jis`` (``cp932``, ``sjis`` accepted): the per-site setting."""
    key = name.strip().lower().replace("-", "_")
    key = {"utf_8": "utf-8", "utf8": "utf-8", "cp932": "shift_jis", "sjis": "shift_jis"}.get(key, key)
    if key not in ENCODINGS:
        raise ValueError(f"result encoding must be utf-8 or shift_jis, got {name!r}")
    return ENCODINGS[key]


@dataclass(frozen=True)
class RenderedResult:
    content: bytes
    character_references: int  # characters the encoding could not hold, written as &#N;


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(JST).strftime("%Y%m%d%H%M%S")


def _add(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is None:
        return
    if _INVALID_XML_CHARACTERS.search(text):
        raise ValueError(f"{tag} holds a character XML cannot carry")
    ET.SubElement(parent, tag).text = text


def _add_fields(parent: ET.Element, value: DataclassInstance) -> None:
    """The string fields of a record dataclass, in declaration order, as their XML elements
    (nested groups are added by the caller, where the layout puts them)."""
    for spec in dataclasses.fields(value):
        field_value = getattr(value, spec.name)
        if field_value is None or isinstance(field_value, str):
            _add(parent, spec.metadata["xml"], field_value)


def _add_consent(parent: ET.Element, stem: str, flag: int, consented_at: datetime | None) -> None:
    _add(parent, f"{stem}ConsFlg", str(flag))
    if flag == ConsentFlag.GIVEN:
        assert consented_at is not None, "CheckinOutcome requires the time with any consent"
        _add(parent, f"{stem}ConsTime", _timestamp(consented_at))


def _add_record(body: ET.Element, record: InsuredRecord, outcome: CheckinOutcome) -> None:
    result = ET.SubElement(ET.SubElement(body, "ResultList"), "ResultOfQualificationConfirmation")
    _add_fields(result, record)
    if record.elderly_recipient:
        _add_fields(ET.SubElement(result, "ElderlyRecipientCertificateInfo"), record.elderly_recipient)
    at = outcome.consented_at
    _add_consent(result, "LimitApplicationCertificateRelated", int(outcome.limit_certificate_consent), at)
    if outcome.limit_certificate_consent and record.limit_certificate:
        _add_fields(ET.SubElement(result, "LimitApplicationCertificateRelatedInfo"),
                    record.limit_certificate)
    _add_consent(result, "SpecificDiseasesCertificateRelated", int(outcome.specific_diseases_consent), at)
    if outcome.specific_diseases_consent and record.specific_diseases:
        listing = ET.SubElement(result, "SpecificDiseasesCertificateList")
        for disease in record.specific_diseases:
            _add_fields(ET.SubElement(listing, "SpecificDiseasesCertificateInfo"), disease)
    for item, stem in CONSENT_ELEMENTS.items():
        flag = outcome.consent(item)
        _add_consent(result, stem, flag, at)
        if flag == ConsentFlag.GIVEN:
            assert at is not None, "CheckinOutcome requires the time with any consent"
            _add(result, f"{stem}AvailableTime", _timestamp(at + CONSENT_VIEWING_WINDOW))


def render_result(outcome: CheckinOutcome, institution_code: str, encoding: Encoding,
                  processed_at: datetime, file_identifier: str) -> RenderedResult:
    """The complete file content; raises ValueError for data no valid file can carry."""
    answer = outcome.answer
    root = ET.Element("XmlMsg")
    header = ET.SubElement(root, "MessageHeader")
    _add(header, "ProcessExecutionTime", _timestamp(processed_at))
    _add(header, "QualificationConfirmationDate", answer.confirmed_at.astimezone(JST).strftime("%Y%m%d"))
    _add(header, "MedicalInstitutionCode", institution_code)
    _add(header, "ArbitraryFileIdentifier", file_identifier)
    _add(header, "ReferenceClassification", "1")
    _add(header, "SegmentOfResult", "1")
    _add(header, "CharacterCodeIdentifier", encoding.identifier)
    body = ET.SubElement(root, "MessageBody")
    _add(body, "ProcessingResultStatus", "1")
    if answer.notices:
        _add(body, "ProcessingResultCode", answer.notices[0].code)
        _add(body, "ProcessingResultMessage", "／".join(n.message for n in answer.notices))
    _add(body, "QualificationValidity", str(int(answer.validity)))
    if outcome.prescription is not None:
        _add(body, "PrescriptionIssueSelect", str(int(outcome.prescription)))
    if answer.record is not None:
        _add_record(body, answer.record, outcome)
    ET.indent(root, space="    ")
    text = ET.tostring(root, encoding="unicode")
    encoded = encoding.encode(text)
    references = encoded.count(b"&#")  # the text itself has none: ET escapes "&" as "&amp;"
    declaration = f'<?xml version="1.0" encoding="{encoding.declared}" standalone="no"?>\n'
    return RenderedResult(declaration.encode("ascii") + encoded + b"\n", references)
