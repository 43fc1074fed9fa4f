from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from kiosk.results.layout import CP932_LOOKALIKES, ENCODINGS, JST, encoding_named
from kiosk.core.choices import ConsentItem
from kiosk.results.outcome import CheckinOutcome, ConsentFlag
from tests.results.outcomes import (CONSENTED_AT, FILE_IDENTIFIER, INSTITUTION, PROCESSED_AT, answer_for,
                                    outcome_for, render, seeded_registry)
from tests.results.parse import parse_result

PERSONAS = seeded_registry().persona_ids()
HEADER_ORDER = ["ProcessExecutionTime", "QualificationConfirmationDate", "MedicalInstitutionCode",
                "ArbitraryFileIdentifier", "ReferenceClassification", "SegmentOfResult",
                "CharacterCodeIdentifier"]


def record_fields(value: object, path: str = "") -> dict[str, str]:
    """Every non-empty string field of a record, by its element path."""
    found = {}
    for spec in dataclasses.fields(value):
        field_value = getattr(value, spec.name)
        tag = spec.metadata["xml"]
        if isinstance(field_value, str):
            found[path + tag] = field_value
        elif isinstance(field_value, tuple):
            for item in field_value[:1]:
                found.update(record_fields(item, f"{path}{tag}/SpecificDiseasesCertificateInfo/"))
        elif field_value is not None:
            found.update(record_fields(field_value, f"{path}{tag}/"))
    return found


@pytest.mark.parametrize("encoding", ["utf-8", "shift_jis"])
@pytest.mark.parametrize("persona_id", PERSONAS)
def test_every_field_of_the_persona_parses_back(persona_id, encoding):
    outcome = outcome_for(persona_id)
    root = parse_result(render(outcome, encoding).content)
    assert [e.tag for e in root.find("MessageHeader")] == HEADER_ORDER
    assert root.findtext("MessageHeader/MedicalInstitutionCode") == INSTITUTION
    assert root.findtext("MessageHeader/ArbitraryFileIdentifier") == FILE_IDENTIFIER
    assert root.findtext("MessageHeader/ProcessExecutionTime") == "20261123094850"
    assert root.findtext("MessageHeader/QualificationConfirmationDate") == "20261123"
    assert root.findtext("MessageBody/QualificationValidity") == str(int(outcome.answer.validity))
    record = outcome.answer.record
    result = root.find("MessageBody/ResultList/ResultOfQualificationConfirmation")
    if record is None:
        assert result is None
        return
    for path, value in record_fields(record).items():
        assert result.findtext(path) == value, path


def test_element_order_follows_the_layout():
    root = parse_result(render(outcome_for("valid_adult", "everything")).content)
    body = [e.tag for e in root.find("MessageBody")]
    assert body == ["ProcessingResultStatus", "QualificationValidity", "PrescriptionIssueSelect",
                    "ResultList"]
    tags = [e.tag for e in root.find("MessageBody/ResultList/ResultOfQualificationConfirmation")]
    assert tags == [
        "InsuredCardClassification", "InsurerNumber", "InsuredCardSymbol",
        "InsuredIdentificationNumber", "InsuredBranchNumber", "PersonalFamilyClassification",
        "InsuredName", "Name", "NameKana", "Sex1", "Birthdate", "Address", "PostNumber",
        "InsuredCertificateIssuanceDate", "InsuredCardValidDate",
        "InsuredPartialContributionRatio", "InsurerName",
        "LimitApplicationCertificateRelatedConsFlg", "LimitApplicationCertificateRelatedConsTime",
        "LimitApplicationCertificateRelatedInfo",
        "SpecificDiseasesCertificateRelatedConsFlg", "SpecificDiseasesCertificateRelatedConsTime",
        "SpecificDiseasesCertificateList",
        *[f"{stem}{suffix}" for stem in ("SpecificHealthCheckupsInfo", "PharmacistsInfo", "DiagnosisInfo",
                                          "OperationInfo")
          for suffix in ("ConsFlg", "ConsTime", "AvailableTime")]]


@pytest.mark.parametrize("encoding", ["utf-8", "shift_jis"])
def test_declaration_bytes_and_identifier_agree(encoding):
    content = render(outcome_for("valid_adult"), encoding).content
    spec = ENCODINGS[encoding]
    assert content.startswith(f'<?xml version="1.0" encoding="{spec.declared}"'.encode())
    assert f"<CharacterCodeIdentifier>{spec.identifier}<".encode() in content
    assert "山田　太郎".encode(spec.codec) in content and "ﾔﾏﾀﾞ ﾀﾛｳ".encode(spec.codec) in content
    other = "cp932" if encoding == "utf-8" else "utf-8"
    with pytest.raises(UnicodeDecodeError):
        content.decode(other)


def test_consent_times_only_when_consent_was_given():
    result = parse_result(render(outcome_for("valid_adult")).content).find(
        "MessageBody/ResultList/ResultOfQualificationConfirmation")
    assert result.findtext("PharmacistsInfoConsFlg") == "1"
    assert result.findtext("PharmacistsInfoConsTime") == "20261123094847"
    assert result.findtext("PharmacistsInfoAvailableTime") == "20261124094847"
    assert result.findtext("DiagnosisInfoConsFlg") == "0"
    assert result.find("DiagnosisInfoConsTime") is None
    assert result.find("DiagnosisInfoAvailableTime") is None


def test_nothing_consented_means_no_times_and_no_certificate_details():
    root = parse_result(render(outcome_for("valid_adult", "nothing")).content)
    result = root.find("MessageBody/ResultList/ResultOfQualificationConfirmation")
    assert root.find("MessageBody/PrescriptionIssueSelect") is None
    assert [e.text for e in result if e.tag.endswith("ConsFlg")] == ["0"] * 6
    assert not [e for e in result if e.tag.endswith(("ConsTime", "AvailableTime"))]
    assert result.find("LimitApplicationCertificateRelatedInfo") is None
    assert result.find("SpecificDiseasesCertificateList") is None


def test_prescription_choice_is_written_when_asked():
    root = parse_result(render(outcome_for("valid_adult", "everything")).content)
    assert root.findtext("MessageBody/PrescriptionIssueSelect") == "1"


@pytest.mark.parametrize("persona_id, code", [("expiring_soon", "W01"), ("grace_expired", "W02")])
def test_certificate_notices_are_written(persona_id, code):
    root = parse_result(render(outcome_for(persona_id)).content)
    assert root.findtext("MessageBody/ProcessingResultStatus") == "1"
    assert root.findtext("MessageBody/ProcessingResultCode") == code
    assert "3か月" in root.findtext("MessageBody/ProcessingResultMessage")


def test_lapsed_qualification_carries_its_reason():
    root = parse_result(render(outcome_for("lapsed_insurance")).content)
    assert root.findtext("MessageBody/QualificationValidity") == "2"
    result = root.find("MessageBody/ResultList/ResultOfQualificationConfirmation")
    assert result.findtext("ReasonOfLoss") == "03"
    assert result.findtext("InsuredCardExpirationDate") == "20260930"


def test_rare_kanji_survive_shift_jis_as_character_references():
    rendered = render(outcome_for("iphone"), "shift_jis")
    assert b"&#134071;" in rendered.content and rendered.character_references == 2
    result = parse_result(rendered.content).find(
        "MessageBody/ResultList/ResultOfQualificationConfirmation")
    assert result.findtext("Name") == "𠮷野　美咲"
    assert render(outcome_for("iphone"), "utf-8").character_references == 0


def test_cp932_extension_kanji_are_written_as_cp932_bytes():
    rendered = render(outcome_for("pin_one_try_left"), "shift_jis")
    assert "髙橋".encode("cp932") in rendered.content and rendered.character_references == 0


def test_characters_xml_cannot_carry_are_refused_before_anything_is_written():
    answer = answer_for("valid_adult")
    broken = dataclasses.replace(answer, record=dataclasses.replace(answer.record, address="a\x07b"))
    with pytest.raises(ValueError, match="Address"):
        render(CheckinOutcome(broken))


def test_markup_in_data_is_escaped():
    answer = answer_for("valid_adult")
    odd = dataclasses.replace(answer, record=dataclasses.replace(answer.record, address="<A&B>"))
    result = parse_result(render(CheckinOutcome(odd)).content)
    assert result.findtext("MessageBody/ResultList/ResultOfQualificationConfirmation/Address") == "<A&B>"


def test_consent_rules_are_enforced():
    with pytest.raises(ValueError, match="consented_at"):
        CheckinOutcome(answer_for("valid_adult"), {ConsentItem.DIAGNOSIS: ConsentFlag.GIVEN})
    with pytest.raises(ValueError, match="status only"):
        CheckinOutcome(answer_for("grace_expired"), {ConsentItem.DIAGNOSIS: ConsentFlag.GIVEN},
                       CONSENTED_AT)
    with pytest.raises(ValueError, match="nothing to consent"):
        CheckinOutcome(answer_for("not_insured"), limit_certificate_consent=True,
                       consented_at=CONSENTED_AT)


def test_times_are_japan_time():
    assert (PROCESSED_AT.astimezone(JST) - PROCESSED_AT).total_seconds() == 0
    assert PROCESSED_AT.astimezone(JST).utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("name", ["UTF-8", "utf8", "Shift_JIS", "SJIS", "cp932"])
def test_encoding_setting_names(name):
    assert encoding_named(name) in ENCODINGS.values()


def test_unknown_encoding_setting_is_refused():
    with pytest.raises(ValueError):
        encoding_named("euc-jp")


def test_the_cp932_lookalike_list_is_complete():
    folded = set()
    for code_point in [*range(0xD800), *range(0xE000, 0x10000)]:
        character = chr(code_point)
        try:
            if character.encode("cp932").decode("cp932") != character:
                folded.add(character)
        except UnicodeEncodeError:
            pass
    assert folded == set(CP932_LOOKALIKES)
