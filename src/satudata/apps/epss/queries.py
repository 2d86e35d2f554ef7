"""Reads of the EPSS pages: weights of a year, the index of an assessment, the worksheet grouped
by domain and aspect, comparisons between years, and the published results."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from satudata.apps.epss import reference
from satudata.apps.epss.models import Assessment, AssessmentYear, Score, Weight
from satudata.apps.epss.proposals import reason
from satudata.engines.stats import epss
from satudata.platform import access_epss
from satudata.platform.access import Viewer


def weight_rows(year: AssessmentYear | None) -> list[tuple[str, str, float]]:
    """The year's weights; a year without its own rows uses the defaults."""
    rows = Weight.objects.filter(year=year) if year is not None else Weight.objects.none()
    if year is None or not rows.exists():
        rows = Weight.objects.filter(year__isnull=True)
    return [(w.kind, w.code, float(w.weight)) for w in rows]


def weights_of(year: AssessmentYear | None) -> epss.Weights:
    return epss.weights_from_rows(weight_rows(year))


def levels_of(assessment: Assessment) -> dict[str, int | None]:
    return dict(assessment.scores.values_list("code", "level"))


def index_of(assessment: Assessment, changes: dict[str, int] | None = None) -> epss.Index:
    levels = {**levels_of(assessment), **(changes or {})}
    return epss.compute(
        reference.catalogue(), weights_of(assessment.year), levels, reference.predikat_bounds()
    )


@dataclass
class IndicatorRow:
    indicator: epss.Indicator
    score: Score | None
    weight: float
    evidence: list[Any] = field(default_factory=list)

    @property
    def criteria(self) -> list[tuple[int, str]]:
        return list(enumerate(self.indicator.criteria, start=1))

    @property
    def reason(self) -> str:
        if self.score is None:
            return ""
        return reason(self.score.proposal, self.score.proposed_level)


@dataclass
class AspectBlock:
    aspect: epss.Aspect
    weight: float
    value: float | None
    rows: list[IndicatorRow]


@dataclass
class DomainBlock:
    domain: epss.Domain
    weight: float
    value: float | None
    aspects: list[AspectBlock]


def worksheet(assessment: Assessment, index: epss.Index | None = None) -> list[DomainBlock]:
    catalogue = reference.catalogue()
    weights = weights_of(assessment.year)
    index = index or index_of(assessment)
    scores = {
        s.code: s
        for s in assessment.scores.select_related("confirmed_by").prefetch_related("evidence")
    }
    blocks = []
    for dcode, domain in catalogue.domains.items():
        aspects = []
        for acode in domain.aspects:
            aspect = catalogue.aspects[acode]
            rows = [
                IndicatorRow(
                    indicator=catalogue.indicators[icode],
                    score=scores.get(icode),
                    weight=weights.of("indicator", icode),
                    evidence=list(scores[icode].evidence.all()) if icode in scores else [],
                )
                for icode in aspect.indicators
            ]
            aspects.append(
                AspectBlock(aspect, weights.of("aspect", acode), index.aspects[acode], rows)
            )
        blocks.append(
            DomainBlock(domain, weights.of("domain", dcode), index.domains[dcode], aspects)
        )
    return blocks


def indicator_row(assessment: Assessment, code: str) -> IndicatorRow:
    score = assessment.scores.filter(code=code).prefetch_related("evidence").first()
    return IndicatorRow(
        indicator=reference.catalogue().indicators[code],
        score=score,
        weight=weights_of(assessment.year).of("indicator", code),
        evidence=list(score.evidence.all()) if score else [],
    )


def visible_years(viewer: Viewer) -> QuerySet[AssessmentYear]:
    return (
        AssessmentYear.objects.all()
        if access_epss.uses_epss(viewer)
        else AssessmentYear.objects.none()
    )


def year_named(year: int) -> AssessmentYear | None:
    return AssessmentYear.objects.filter(year=year).first()


def city_assessment(year: AssessmentYear) -> Assessment | None:
    return year.assessments.filter(organisation__isnull=True).first()


def counterpart(assessment: Assessment, year: int) -> Assessment | None:
    """The same organisation's (or the city's) assessment of another year."""
    return (
        Assessment.objects.select_related("year")
        .filter(year__year=year, organisation_id=assessment.organisation_id)
        .exclude(pk=assessment.pk)
        .first()
    )


def other_years(assessment: Assessment) -> list[int]:
    return list(
        Assessment.objects.filter(organisation_id=assessment.organisation_id)
        .exclude(pk=assessment.pk)
        .values_list("year__year", flat=True)
        .order_by("-year__year")
    )


@dataclass
class ComparisonRow:
    kind: str
    code: str
    name: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return epss.delta(self.before, self.after)


def comparison_rows(before: epss.Index, after: epss.Index) -> list[ComparisonRow]:
    catalogue = reference.catalogue()
    names = {
        "domain": {c: d.name for c, d in catalogue.domains.items()},
        "aspect": {c: a.name for c, a in catalogue.aspects.items()},
        "indicator": {c: i.name for c, i in catalogue.indicators.items()},
        "ips": {"": "IPS"},
    }
    return [
        ComparisonRow(d.kind, d.code, names[d.kind][d.code], d.before, d.after)
        for d in epss.differences(catalogue, before, after)
    ]


@dataclass
class PublishedResult:
    year: int
    index: epss.Index
    published_at: Any

    def domains(self) -> list[tuple[str, str, float | None]]:
        catalogue = reference.catalogue()
        return [(c, d.name, self.index.domains[c]) for c, d in catalogue.domains.items()]

    def aspects(self) -> list[tuple[str, str, float | None]]:
        catalogue = reference.catalogue()
        return [(c, a.name, self.index.aspects[c]) for c, a in catalogue.aspects.items()]


def published_results() -> list[PublishedResult]:
    results = []
    for year in AssessmentYear.objects.filter(published_at__isnull=False):
        city = city_assessment(year)
        if city is not None and city.is_final:
            results.append(PublishedResult(year.year, index_of(city), year.published_at))
    return results


def published_result(year: int) -> PublishedResult | None:
    return next((r for r in published_results() if r.year == year), None)
