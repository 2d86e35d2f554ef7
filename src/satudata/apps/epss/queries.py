"""Reads of the EPSS pages: weights of a year, the index of an assessment, the worksheet grouped
by domain and aspect, comparisons between years, and the published results."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from satudata.apps.epss import reference
from satudata.apps.epss.models import Assessment, AssessmentYear, Evidence, Score, Weight
from satudata.apps.epss.proposals import reason
from satudata.engines.stats import epss
from satudata.platform import access_epss
from satudata.platform.access import Viewer


def weight_rows(year: AssessmentYear | None) -> list[tuple[str, str, float]]:
    """The year's weights; a year without its own rows uses the defaults."""
    rows = list(Weight.objects.filter(year=year)) if year is not None else []
    if not rows:
        rows = list(Weight.objects.filter(year__isnull=True))
    return [(w.kind, w.code, float(w.weight)) for w in rows]


def weights_of(year: AssessmentYear | None) -> epss.Weights:
    return epss.weights_from_rows(weight_rows(year))


def levels_of(assessment: Assessment) -> dict[str, int | None]:
    return dict(assessment.scores.values_list("code", "level"))


def _compute(weights: epss.Weights, levels: dict[str, int | None]) -> epss.Index:
    return epss.compute(reference.catalogue(), weights, levels, reference.predikat_bounds())


def index_of(assessment: Assessment) -> epss.Index:
    return _compute(weights_of(assessment.year), levels_of(assessment))


def what_if(
    assessment: Assessment, levels: dict[str, int | None], changes: dict[str, int]
) -> tuple[epss.Index, epss.Index]:
    """The index with the assessment's `levels` and with `changes` applied (nothing is saved)."""
    return epss.what_if(
        reference.catalogue(),
        weights_of(assessment.year),
        levels,
        changes,
        reference.predikat_bounds(),
    )


def _levels(assessments: list[Assessment]) -> dict[int, dict[str, int | None]]:
    """The levels of many assessments in one query."""
    levels: dict[int, dict[str, int | None]] = {a.pk: {} for a in assessments}
    for pk, code, level in Score.objects.filter(assessment__in=assessments).values_list(
        "assessment_id", "code", "level"
    ):
        levels[pk][code] = level
    return levels


def indexes_of(assessments: list[Assessment]) -> dict[int, epss.Index]:
    """The index of many assessments: one query for all levels, one per year for weights."""
    levels = _levels(assessments)
    weights: dict[int, epss.Weights] = {}
    for a in assessments:
        if a.year_id not in weights:
            weights[a.year_id] = weights_of(a.year)
    return {a.pk: _compute(weights[a.year_id], levels[a.pk]) for a in assessments}


@dataclass
class IndicatorRow:
    indicator: epss.Indicator
    score: Score | None
    weight: float

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.score.evidence.all()) if self.score else []

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


def _scores(assessment: Assessment) -> QuerySet[Score]:
    return assessment.scores.select_related("confirmed_by").prefetch_related("evidence")


def worksheet(
    assessment: Assessment, index: epss.Index | None = None
) -> tuple[list[DomainBlock], epss.Index]:
    """The 38 indicators grouped by domain and aspect, with the index (`index` when given,
    else computed from the same scores): three queries however many indicators."""
    catalogue = reference.catalogue()
    weights = weights_of(assessment.year)
    scores = {s.code: s for s in _scores(assessment)}
    if index is None:
        index = _compute(weights, {code: s.level for code, s in scores.items()})
    blocks = []
    for dcode, domain in catalogue.domains.items():
        aspects = []
        for acode in domain.aspects:
            rows = [
                IndicatorRow(catalogue.indicators[i], scores.get(i), weights.of("indicator", i))
                for i in catalogue.aspects[acode].indicators
            ]
            aspects.append(
                AspectBlock(
                    catalogue.aspects[acode],
                    weights.of("aspect", acode),
                    index.aspects[acode],
                    rows,
                )
            )
        blocks.append(
            DomainBlock(domain, weights.of("domain", dcode), index.domains[dcode], aspects)
        )
    return blocks, index


def indicator_row(assessment: Assessment, code: str) -> IndicatorRow:
    return IndicatorRow(
        indicator=reference.catalogue().indicators[code],
        score=_scores(assessment).filter(code=code).first(),
        weight=weights_of(assessment.year).of("indicator", code),
    )


def visible_years(viewer: Viewer) -> QuerySet[AssessmentYear]:
    return (
        AssessmentYear.objects.all()
        if access_epss.uses_epss(viewer)
        else AssessmentYear.objects.none()
    )


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
    names = {kind: catalogue.names(kind) for kind in epss.WEIGHT_KINDS} | {"ips": {"": "IPS"}}
    return [
        ComparisonRow(d.kind, d.code, names[d.kind][d.code], d.before, d.after)
        for d in epss.differences(catalogue, before, after)
    ]


@dataclass
class PublishedResult:
    year: int
    index: epss.Index
    weights: epss.Weights
    published_at: Any

    def domains(self) -> list[tuple[str, str, float | None]]:
        catalogue = reference.catalogue()
        return [(c, d.name, self.index.domains[c]) for c, d in catalogue.domains.items()]

    def aspects(self) -> list[tuple[str, str, float | None]]:
        catalogue = reference.catalogue()
        return [(c, a.name, self.index.aspects[c]) for c, a in catalogue.aspects.items()]


def _published(cities: QuerySet[Assessment]) -> list[PublishedResult]:
    """The result of every published year whose city assessment is final, newest first."""
    rows = list(
        cities.filter(
            organisation__isnull=True,
            status=Assessment.Status.FINAL,
            year__published_at__isnull=False,
        )
        .select_related("year")
        .order_by("-year__year")
    )
    levels = _levels(rows)
    results = []
    for a in rows:
        weights = weights_of(a.year)
        index = _compute(weights, levels[a.pk])
        results.append(PublishedResult(a.year.year, index, weights, a.year.published_at))
    return results


def published_results() -> list[PublishedResult]:
    return _published(Assessment.objects.all())


def published_result(year: int) -> PublishedResult | None:
    return next(iter(_published(Assessment.objects.filter(year__year=year))), None)
