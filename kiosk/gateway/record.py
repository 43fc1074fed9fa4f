"""The insured person's qualification record: every field of the result layout, kept as strings.

Each field names the XML element it becomes (``metadata["xml"]``), in the order the result file
writes them, so the layout is declared once and the writer, the seed loader and the wire codec all
follow it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping


def xml(tag: str, default: Any = None) -> Any:
    """A record field that is written as the element ``tag``."""
    return field(default=default, metadata={"xml": tag})


@dataclass(frozen=True)
class ElderlyRecipient:
    """高齢受給者証 (ElderlyRecipientCertificateInfo)."""
    certificate_date: str | None = xml("ElderlyRecipientCertificateDate")
    valid_start_date: str | None = xml("ElderlyRecipientValidStartDate")
    valid_end_date: str | None = xml("ElderlyRecipientValidEndDate")
    contribution_ratio: str | None = xml("ElderlyRecipientContributionRatio")


@dataclass(frozen=True)
class LimitCertificate:
    """限度額適用認定証 (LimitApplicationCertificateRelatedInfo)."""
    classification: str | None = xml("LimitApplicationCertificateClassification")
    classification_flag: str | None = xml("LimitApplicationCertificateClassificationFlag")
    certificate_date: str | None = xml("LimitApplicationCertificateDate")
    valid_start_date: str | None = xml("LimitApplicationCertificateValidStartDate")
    valid_end_date: str | None = xml("LimitApplicationCertificateValidEndDate")
    long_term_date: str | None = xml("LimitApplicationCertificateLongTermDate")


@dataclass(frozen=True)
class SpecificDisease:
    """特定疾病療養受療証 (SpecificDiseasesCertificateInfo)."""
    disease_category: str | None = xml("SpecificDiseasesDiseaseCategory")
    certificate_date: str | None = xml("SpecificDiseasesCertificateDate")
    valid_start_date: str | None = xml("SpecificDiseasesValidStartDate")
    valid_end_date: str | None = xml("SpecificDiseasesValidEndDate")
    self_pay: str | None = xml("SpecificDiseasesSelfPay")


@dataclass(frozen=True)
class InsuredRecord:
    """One ResultOfQualificationConfirmation, in layout order (result-files.md)."""
    insured_card_classification: str = xml("InsuredCardClassification", "01")
    insurer_number: str | None = xml("InsurerNumber")
    insured_card_symbol: str | None = xml("InsuredCardSymbol")
    insured_identification_number: str | None = xml("InsuredIdentificationNumber")
    insured_branch_number: str | None = xml("InsuredBranchNumber")
    personal_family_classification: str | None = xml("PersonalFamilyClassification")
    insured_name: str | None = xml("InsuredName")
    name: str = xml("Name", "")
    name_of_other: str | None = xml("NameOfOther")
    name_kana: str | None = xml("NameKana")
    name_of_other_kana: str | None = xml("NameOfOtherKana")
    sex1: str = xml("Sex1", "3")
    sex2: str | None = xml("Sex2")
    birthdate: str = xml("Birthdate", "")
    address: str | None = xml("Address")
    post_number: str | None = xml("PostNumber")
    insured_certificate_issuance_date: str | None = xml("InsuredCertificateIssuanceDate")
    insured_card_valid_date: str | None = xml("InsuredCardValidDate")
    insured_card_expiration_date: str | None = xml("InsuredCardExpirationDate")
    insured_partial_contribution_ratio: str | None = xml("InsuredPartialContributionRatio")
    preschool_classification: str | None = xml("PreschoolClassification")
    reason_of_loss: str | None = xml("ReasonOfLoss")
    insurer_name: str = xml("InsurerName", "")
    elderly_recipient: ElderlyRecipient | None = xml("ElderlyRecipientCertificateInfo")
    limit_certificate: LimitCertificate | None = xml("LimitApplicationCertificateRelatedInfo")
    specific_diseases: tuple[SpecificDisease, ...] = xml("SpecificDiseasesCertificateList", ())

    def __post_init__(self) -> None:
        for name in ("name", "birthdate", "insurer_name", "sex1", "insured_card_classification"):
            if not getattr(self, name):
                raise ValueError(f"InsuredRecord.{name} is required")


_NESTED = {"elderly_recipient": ElderlyRecipient, "limit_certificate": LimitCertificate}


def _strings_only(cls: type, mapping: Mapping[str, Any]) -> dict[str, Any]:
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(mapping) - known
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    for key, value in mapping.items():
        if key not in _NESTED and key != "specific_diseases" and not isinstance(value, str):
            raise ValueError(f"{cls.__name__}.{key} must be a string, got {type(value).__name__}")
    return dict(mapping)


def record_from_mapping(mapping: Mapping[str, Any]) -> InsuredRecord:
    """Build a record from plain data (seed TOML, wire JSON); raises ValueError on anything odd."""
    values = _strings_only(InsuredRecord, mapping)
    for key, cls in _NESTED.items():
        if values.get(key) is not None:
            values[key] = cls(**_strings_only(cls, values[key]))
    diseases = values.get("specific_diseases", ())
    if not isinstance(diseases, (list, tuple)):
        raise ValueError("specific_diseases must be a list")
    values["specific_diseases"] = tuple(SpecificDisease(**_strings_only(SpecificDisease, d)) for d in diseases)
    return InsuredRecord(**values)


def record_to_mapping(record: InsuredRecord) -> dict[str, Any]:
    """Plain data for a record, without the empty fields; inverse of ``record_from_mapping``."""
    def prune(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: prune(v) for k, v in value.items() if v is not None and v != [] and v != ()}
        if isinstance(value, (list, tuple)):
            return [prune(v) for v in value]
        return value
    mapping: dict[str, Any] = prune(dataclasses.asdict(record))
    return mapping
