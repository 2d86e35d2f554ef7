"""The dataset list and the dataset page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from satudata.apps.catalog.actions.uploads import LOCKED_STATES
from satudata.apps.catalog.models import Dataset, State, Transition
from satudata.apps.catalog.views.common import OPEN_UPLOADS
from satudata.apps.portal import queries
from satudata.apps.portal.exports import FORMATS
from satudata.apps.portal.forms import DatasetFilterForm
from satudata.apps.portal.views.common import paginate, record_tertutup_read
from satudata.platform import access
from satudata.platform.access import Viewer, viewer_of


def dataset_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    form = DatasetFilterForm(request.GET or None, viewer=viewer)
    datasets = queries.search_datasets(viewer, **form.filters())
    return render(
        request, "portal/dataset_list.html", {"form": form, "page_obj": paginate(request, datasets)}
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


def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    record_tertutup_read(request, dataset, "page")
    sees_workflow = access.sees_workflow(viewer, dataset)
    shown = dataset.published_version
    if shown is None and sees_workflow:
        shown = dataset.candidate_version
    context: dict[str, Any] = {
        "dataset": dataset,
        "sees_workflow": sees_workflow,
        "shown_version": shown,
        "preview": queries.read_preview(shown) if shown else None,
        "versions": access.versions(viewer, dataset).select_related("uploaded_by"),
        "attachments": access.attachments(viewer, dataset),
        "tags": dataset.tags.all(),
        "today": timezone.localdate(),
        "formats": FORMATS,
    }
    if sees_workflow:
        context.update(workflow_context(viewer, dataset))
    return render(request, "portal/dataset_detail.html", context)
