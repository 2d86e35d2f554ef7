"""The quality score of a dataset (0–100), built from the SDI evidence the platform holds.

Seven parts, each worth a number of points (weights are plain data, editable by the caller):
metadata completeness, standard adopted and its conformance, valid kode referensi, timeliness,
open formats and licence, documentation, and consistency with other OPDs. A part that does not
apply to a dataset (no kode wilayah column, static data, no declared comparison) is left out and
the score is rescaled over the parts that apply, so a dataset is never punished for evidence that
cannot exist. Every part carries its reason as a msgid marked with `N_` and its values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


DEFAULT_WEIGHTS: dict[str, int] = {
    "metadata": 20,
    "standard": 15,
    "kode_referensi": 15,
    "timeliness": 15,
    "open_format": 10,
    "documentation": 10,
    "consistency": 15,
}

PART_LABELS: dict[str, str] = {
    "metadata": N_("Metadata complete"),
    "standard": N_("Standard adopted and followed"),
    "kode_referensi": N_("Valid kode referensi"),
    "timeliness": N_("Updated on time"),
    "open_format": N_("Open format and licence"),
    "documentation": N_("Documentation"),
    "consistency": N_("Consistent with other OPDs"),
}

DOCUMENTED_DESCRIPTION = 120


@dataclass(frozen=True)
class Evidence:
    """What the platform knows about one dataset; plain values, no database."""

    metadata_filled: int
    metadata_required: int
    has_version: bool = False
    standard_adopted: bool = False
    conformance_rows: int | None = None
    conformance_failing: int | None = None
    kode_columns: int = 0
    unknown_codes: int = 0
    dynamic: bool = False
    late: bool = False
    never_published: bool = False
    open_licence_consistent: bool = True
    description_length: int = 0
    fields_total: int = 0
    fields_described: int = 0
    attachments: int = 0
    comparisons: int = 0
    comparisons_disagreeing: int = 0


@dataclass(frozen=True)
class Part:
    code: str
    points: float
    maximum: float
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return PART_LABELS[self.code]

    @property
    def share(self) -> int:
        return round(100 * self.points / self.maximum) if self.maximum else 0


@dataclass(frozen=True)
class Score:
    total: int
    parts: list[Part]
    skipped: list[Part]


def _metadata(e: Evidence, weight: float) -> Part:
    share = e.metadata_filled / e.metadata_required if e.metadata_required else 1.0
    return Part(
        "metadata",
        weight * share,
        weight,
        N_("%(filled)s of %(required)s required metadata fields filled."),
        {"filled": e.metadata_filled, "required": e.metadata_required},
    )


def _standard(e: Evidence, weight: float) -> Part:
    if not e.standard_adopted:
        return Part("standard", 0, weight, N_("No data standard adopted."))
    if not e.conformance_rows:
        return Part(
            "standard",
            weight / 2,
            weight,
            N_("A standard is adopted; conformance not measured yet."),
        )
    failing = e.conformance_failing or 0
    share = max(0.0, 1 - failing / e.conformance_rows)
    return Part(
        "standard",
        weight * (0.5 + 0.5 * share),
        weight,
        N_("A standard is adopted; %(failing)s of %(rows)s rows break it."),
        {"failing": failing, "rows": e.conformance_rows},
    )


def _kode(e: Evidence, weight: float) -> Part | None:
    if not e.has_version or not e.kode_columns:
        return None
    if e.unknown_codes:
        return Part(
            "kode_referensi",
            0,
            weight,
            N_("%(count)s kode wilayah value(s) are not in the reference list."),
            {"count": e.unknown_codes},
        )
    return Part(
        "kode_referensi", weight, weight, N_("Every kode wilayah is in the reference list.")
    )


def _timeliness(e: Evidence, weight: float) -> Part | None:
    if not e.dynamic:
        return None
    if e.never_published:
        return Part("timeliness", 0, weight, N_("Dynamic data never published yet."))
    if e.late:
        return Part("timeliness", 0, weight, N_("The next update is overdue."))
    return Part("timeliness", weight, weight, N_("Updated within its frequency."))


def _open_format(e: Evidence, weight: float) -> Part:
    if not e.has_version:
        return Part("open_format", 0, weight, N_("No data table uploaded, only documents."))
    if not e.open_licence_consistent:
        return Part(
            "open_format",
            weight / 2,
            weight,
            N_("Open, machine-readable data, but the licence does not fit the access level."),
        )
    return Part(
        "open_format",
        weight,
        weight,
        N_("Open, machine-readable data (CSV, XLSX, JSON, Parquet) with a fitting licence."),
    )


def _documentation(e: Evidence, weight: float) -> Part:
    described = e.fields_described / e.fields_total if e.fields_total else 0.0
    long_enough = 1.0 if e.description_length >= DOCUMENTED_DESCRIPTION else 0.0
    attached = 1.0 if e.attachments else 0.0
    share = 0.4 * long_enough + 0.4 * described + 0.2 * attached
    return Part(
        "documentation",
        weight * share,
        weight,
        N_(
            "Description of %(length)s characters; %(described)s of %(fields)s columns "
            "described; %(attachments)s attachment(s)."
        ),
        {
            "length": e.description_length,
            "described": e.fields_described,
            "fields": e.fields_total,
            "attachments": e.attachments,
        },
    )


def _consistency(e: Evidence, weight: float) -> Part | None:
    if not e.comparisons:
        return None
    agreeing = e.comparisons - e.comparisons_disagreeing
    return Part(
        "consistency",
        weight * agreeing / e.comparisons,
        weight,
        N_("%(agreeing)s of %(total)s comparisons with other OPDs agree."),
        {"agreeing": agreeing, "total": e.comparisons},
    )


RULES = {
    "metadata": _metadata,
    "standard": _standard,
    "kode_referensi": _kode,
    "timeliness": _timeliness,
    "open_format": _open_format,
    "documentation": _documentation,
    "consistency": _consistency,
}

NOT_APPLICABLE = {
    "kode_referensi": N_("No kode wilayah column: not counted."),
    "timeliness": N_("Static data: not counted."),
    "consistency": N_("No comparison declared with another OPD: not counted."),
}


def score(evidence: Evidence, weights: Mapping[str, float] | None = None) -> Score:
    weights = DEFAULT_WEIGHTS if weights is None else weights
    parts: list[Part] = []
    skipped: list[Part] = []
    for code, rule in RULES.items():
        weight = float(weights.get(code, 0))
        if weight <= 0:
            continue
        part = rule(evidence, weight)
        if part is None:
            skipped.append(Part(code, 0, 0, NOT_APPLICABLE[code]))
        else:
            parts.append(part)
    maximum = sum(p.maximum for p in parts)
    total = round(100 * sum(p.points for p in parts) / maximum) if maximum else 0
    return Score(total=total, parts=parts, skipped=skipped)


def average(scores: Iterable[int]) -> int | None:
    values = list(scores)
    return round(sum(values) / len(values)) if values else None
