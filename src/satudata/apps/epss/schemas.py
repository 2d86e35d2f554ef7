"""API schemas of the EPSS module."""

from datetime import datetime

from ninja import Schema


class ValueOut(Schema):
    code: str
    name: str
    weight: float
    value: float | None


class ResultOut(Schema):
    year: int
    ips: float | None
    predikat: str | None
    published_at: datetime | None
    domains: list[ValueOut]
    aspects: list[ValueOut]


class AssessmentSummary(Schema):
    id: int
    year: int
    organisation: str | None
    status: str
    ips: float | None
    predikat: str | None
    complete: bool
    url: str


class EvidenceOut(Schema):
    title: str
    kind: str
    url: str


class IndicatorOut(Schema):
    code: str
    name: str
    aspect: str
    domain: str
    weight: float
    level: int | None
    notes: str
    confirmed_by: str | None
    confirmed_at: datetime | None
    proposed_level: int | None
    proposal_reason: str
    proposed_at: datetime | None
    criteria: list[str]
    evidence: list[EvidenceOut]


class AssessmentDetail(AssessmentSummary):
    domains: list[ValueOut]
    aspects: list[ValueOut]
    indicators: list[IndicatorOut]
