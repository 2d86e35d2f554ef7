"""API: the published EPSS results (public) and the worksheets a signed-in user may open."""

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Router

from satudata.apps.epss import queries, reference
from satudata.apps.epss.models import Assessment
from satudata.apps.epss.schemas import AssessmentDetail, AssessmentSummary, ResultOut
from satudata.engines.stats import epss
from satudata.platform import access_epss
from satudata.platform.api import SIGNED_IN, Id, api_viewer, errors

router = Router(tags=["epss"])

Year = Annotated[int, Path(ge=2000, le=2100, description="Assessment year.")]


def _values(index: epss.Index, weights: epss.Weights) -> dict[str, list[dict[str, Any]]]:
    catalogue = reference.catalogue()
    return {
        f"{kind}s": [
            {"code": c, "name": name, "weight": weights.of(kind, c), "value": values[c]}
            for c, name in catalogue.names(kind).items()
        ]
        for kind, values in (("domain", index.domains), ("aspect", index.aspects))
    }


def _result(result: queries.PublishedResult) -> dict[str, Any]:
    return {
        "year": result.year,
        "ips": result.index.ips,
        "predikat": result.index.predikat,
        "published_at": result.published_at,
        **_values(result.index, result.weights),
    }


@router.get("/epss/results", response={200: list[ResultOut], **errors()})
def list_results(request: HttpRequest) -> list[dict[str, Any]]:
    """The city's published EPSS results, newest first: IPS, predikat, domains and aspects."""
    return [_result(r) for r in queries.published_results()]


@router.get("/epss/results/{year}", response={200: ResultOut, **errors(404, 422)})
def get_result(request: HttpRequest, year: Year) -> dict[str, Any]:
    """One published year's result (404 while the walidata has not published it)."""
    result = queries.published_result(year)
    if result is None:
        raise Http404
    return _result(result)


def _summary(assessment: Assessment, index: epss.Index) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "year": assessment.year.year,
        "organisation": assessment.organisation.name if assessment.organisation else None,
        "status": assessment.status,
        "ips": index.ips,
        "predikat": index.predikat,
        "complete": index.complete,
        "url": reverse("epss:worksheet", args=[assessment.pk]),
    }


@router.get(
    "/epss/assessments", auth=SIGNED_IN, response={200: list[AssessmentSummary], **errors()}
)
def list_assessments(request: HttpRequest) -> list[dict[str, Any]]:
    """The self-assessments you may open: your OPD's (OPD staff), the city's (walidata, pembina),
    every one (walidata)."""
    viewer = api_viewer(request)
    rows = list(access_epss.assessments(viewer).select_related("year", "organisation"))
    indexes = queries.indexes_of(rows)
    return [_summary(a, indexes[a.pk]) for a in rows]


def _indicator(domain: str, aspect: str, row: queries.IndicatorRow) -> dict[str, Any]:
    score = row.score
    return {
        "code": row.indicator.code,
        "name": row.indicator.name,
        "aspect": aspect,
        "domain": domain,
        "weight": row.weight,
        "level": score.level if score else None,
        "notes": score.notes if score else "",
        "confirmed_by": str(score.confirmed_by) if score and score.confirmed_by else None,
        "confirmed_at": score.confirmed_at if score else None,
        "proposed_level": score.proposed_level if score else None,
        "proposal_reason": row.reason,
        "proposed_at": score.proposed_at if score else None,
        "criteria": list(row.indicator.criteria),
        "evidence": [
            {
                "title": e.title,
                "kind": "document" if e.is_file else "link",
                "url": reverse("epss:evidence", args=[e.pk]),
            }
            for e in row.evidence
        ],
    }


@router.get(
    "/epss/assessments/{assessment_id}",
    auth=SIGNED_IN,
    response={200: AssessmentDetail, **errors(404, 422)},
)
def get_assessment(request: HttpRequest, assessment_id: Id) -> dict[str, Any]:
    """One worksheet: every indicator with its level, notes, the platform's proposal and its
    reason, the level criteria and the evidence; the aspects, domains and IPS."""
    assessment = access_epss.get_assessment_or_404(api_viewer(request), assessment_id)
    blocks, index = queries.worksheet(assessment)
    indicators = [
        _indicator(block.domain.code, aspect.aspect.code, row)
        for block in blocks
        for aspect in block.aspects
        for row in aspect.rows
    ]
    return {
        **_summary(assessment, index),
        **_values(index, queries.weights_of(assessment.year)),
        "indicators": indicators,
    }
