"""Who sees and fills the EPSS self-assessments (docs/epss.md).

- OPD staff (produsen, walidata pendukung) see and fill their own OPD's self-assessment.
- The walidata sees every assessment and fills the city's (the one that produces the IPS),
  manages the years and their weights, and publishes a year's final result.
- The pembina reads the city's assessment, read-only.
- The public sees only published years' results (IPS, domains, predikat), never evidence.
Anything else answers 404, like something missing."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from satudata.platform.access import Viewer


def assessment_q(viewer: Viewer) -> Q:
    if viewer.is_walidata:
        return Q()
    visible = Q(pk__in=[])
    if viewer.is_pembina:
        visible |= Q(organisation__isnull=True)
    if viewer.is_producer:
        visible |= Q(organisation_id=viewer.organisation_id)
    return visible


def assessments(viewer: Viewer, queryset: QuerySet | None = None) -> QuerySet:
    from satudata.apps.epss.models import Assessment

    qs = Assessment.objects.all() if queryset is None else queryset
    if not viewer.authenticated:
        return qs.none()
    return qs.filter(assessment_q(viewer))


def get_assessment_or_404(viewer: Viewer, pk: int) -> Any:
    obj = assessments(viewer).select_related("year", "organisation").filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def uses_epss(viewer: Viewer) -> bool:
    """Whether the work pages of EPSS are open to the viewer at all."""
    return viewer.is_walidata or viewer.is_pembina or viewer.is_producer


def can_manage_years(viewer: Viewer) -> bool:
    """Open a year, edit its weights, publish its result: the walidata."""
    return viewer.is_walidata


def can_start(viewer: Viewer, organisation_id: int | None) -> bool:
    """Start the city's assessment (walidata) or an OPD's own (its staff)."""
    if organisation_id is None:
        return viewer.is_walidata
    return viewer.is_producer and viewer.organisation_id == organisation_id


def can_fill(viewer: Viewer, assessment: Any) -> bool:
    """Change levels, notes and evidence of a draft assessment."""
    if assessment.is_final:
        return False
    return can_start(viewer, assessment.organisation_id)


def can_finalise(viewer: Viewer, assessment: Any) -> bool:
    """Mark an assessment final, or reopen it: whoever fills it (the walidata for the city)."""
    return can_start(viewer, assessment.organisation_id)


def get_evidence_or_404(viewer: Viewer, pk: int) -> Any:
    """A document or link of an assessment the viewer may open; anything else is 404."""
    from satudata.apps.epss.models import Evidence

    found = (
        Evidence.objects.select_related(
            "score__assessment__year", "score__assessment__organisation"
        )
        .filter(pk=pk, score__assessment__in=assessments(viewer))
        .first()
    )
    if found is None:
        raise Http404
    return found
