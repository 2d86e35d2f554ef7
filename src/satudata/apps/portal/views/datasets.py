"""The dataset list and the dataset page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from satudata.apps.catalog.actions.uploads import LOCKED_STATES
from satudata.apps.catalog.api import dataset_dict
from satudata.apps.catalog.models import Dataset, State, Transition
from satudata.apps.catalog.views.common import OPEN_UPLOADS
from satudata.apps.geo import maps
from satudata.apps.portal import detail, formats, queries
from satudata.apps.portal.forms import DatasetSearchForm
from satudata.apps.portal.views.common import record_tertutup_listing, record_tertutup_read
from satudata.apps.search.queries import params_from_query, search
from satudata.apps.search.schemas import search_document
from satudata.platform import access
from satudata.platform.access import Viewer, viewer_of

LIST_COLUMNS = (
    "slug",
    "title",
    "organisation",
    "topic",
    "tags",
    "access_level",
    "licence",
    "frekuensi",
    "period_start",
    "period_end",
    "level_penyajian",
    "prioritas_years",
    "published_version",
    "data_updated_at",
    "url",
)


def dataset_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The catalog search: the page, `/dataset.json` and `/dataset.csv` from one search."""
    viewer = viewer_of(request)
    result = search(viewer, params_from_query(request.GET))
    record_tertutup_listing(
        request, result.datasets, "search", format=fmt or "html", q=result.params.q
    )
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "portal/dataset_list.html",
            {"form": DatasetSearchForm(request.GET), "result": result},
        ),
        data=lambda: search_document(request, result, dataset_dict),
        rows=lambda: (dataset_dict(d) for d in result.datasets),
        columns=LIST_COLUMNS,
        filename="dataset",
    )


def workflow_context(viewer: Viewer, dataset: Dataset) -> dict[str, Any]:
    """What the producer, the walidata and the pembina see beyond the public page."""
    editable = access.can_edit(viewer, dataset)
    transitions = dataset.transitions.select_related("actor", "version")
    returned = None
    if dataset.state == State.DIKEMBALIKAN:
        returned = transitions.filter(kind=Transition.Kind.RETURN).first()
    return {
        "transitions": transitions,
        "returned": returned,
        "can_edit": editable,
        "can_upload": editable and dataset.state not in LOCKED_STATES,
        "can_submit": editable
        and dataset.state in (State.DRAFT, State.DIKEMBALIKAN)
        and dataset.candidate_version_id is not None,
        "can_review": access.can_review(viewer, dataset)
        or access.can_review_as_pembina(viewer, dataset),
        "open_uploads": dataset.uploads.filter(status__in=OPEN_UPLOADS) if editable else [],
    }


def dataset_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    dataset = queries.dataset_for_page(viewer, slug)
    record_tertutup_read(request, dataset, "page", **({"format": fmt} if fmt else {}))
    page = detail.dataset_page(
        viewer, dataset, timezone.localdate(), access.sees_candidate(viewer, dataset)
    )

    def html() -> HttpResponse:
        sees_workflow = access.sees_workflow(viewer, dataset)
        context: dict[str, Any] = {
            "dataset": dataset,
            "page": page,
            "parts": detail.dataset_parts(page, sees_workflow),
            "sees_workflow": sees_workflow,
            "pembina_review": access.in_pembina_review(viewer, dataset),
            "shown_version": page.shown_version,
            "meets_principles": page.meets_principles,
            "is_late": page.is_late,
        }
        shown = page.shown_version
        if shown is not None and shown.is_layer:
            context["layer_map"] = maps.layer_map(dataset, shown)
            context["map_config_id"] = f"map-config-{dataset.slug}"
        if sees_workflow:
            context.update(workflow_context(viewer, dataset))
        return render(request, "portal/dataset_detail.html", context)

    return formats.respond(
        fmt,
        html=html,
        data=lambda: detail.dataset_document(page),
        rows=lambda: [detail.dataset_row(page)],
        columns=detail.DATASET_ROW_COLUMNS,
        filename=dataset.slug,
    )
