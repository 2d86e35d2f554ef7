"""Submitting, checking (walidata and pembina) and rolling back a dataset."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.checks import automatic_checks
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.forms import NoteForm, ReviewForm
from satudata.apps.catalog.models import Dataset
from satudata.apps.catalog.views.common import editable_dataset, refused
from satudata.apps.portal import queries
from satudata.apps.portal.views.common import (
    client_ip,
    forbidden,
    form_data,
    record_tertutup_read,
)
from satudata.platform import access
from satudata.platform.access import viewer_of


@login_required
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    form = NoteForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            workflow.check_submit(
                user=request.user,
                dataset=dataset,
                note=form.cleaned_data["note"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            messages.success(request, _("Submitted. The walidata will check the dataset."))
            return redirect(dataset)
    return render(
        request,
        "catalog/submit.html",
        {
            "dataset": dataset,
            "form": form,
            "checks": automatic_checks(dataset),
            "candidate": dataset.candidate_version,
        },
    )


def _decide(request: HttpRequest, dataset: Dataset, form: ReviewForm) -> None:
    """Run the reviewer's decision; raises ActionError when the action refuses it."""
    viewer = viewer_of(request)
    checks = {
        "automatic": {c.code: c.ok for c in automatic_checks(dataset)},
        "manual": form.manual_results(),
    }
    arguments: dict[str, Any] = {
        "user": request.user,
        "dataset": dataset,
        "note": form.cleaned_data["note"],
        "checks": checks,
        "ip": client_ip(request),
    }
    if form.cleaned_data["decision"] == ReviewForm.RETURN:
        workflow.check_return(**arguments)
        messages.success(request, _("Returned to the produsen with your note."))
    elif access.can_review(viewer, dataset):
        workflow.check_approve(**arguments)
        messages.success(request, _("Approved."))
    else:
        workflow.check_pembina_approve(**arguments)
        messages.success(request, _("Approved and published."))


@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if not (access.can_review(viewer, dataset) or access.can_review_as_pembina(viewer, dataset)):
        return forbidden(request, _("This dataset is not waiting for your check."))
    form = ReviewForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, dataset, form)
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            return redirect(dataset)
    candidate = dataset.candidate_version
    record_tertutup_read(request, dataset, "review")
    return render(
        request,
        "catalog/review.html",
        {
            "dataset": dataset,
            "form": form,
            "checks": automatic_checks(dataset),
            "candidate": candidate,
            "diff": candidate.diff if candidate else {},
            "preview": queries.read_preview(candidate) if candidate else None,
            "as_pembina": not access.can_review(viewer, dataset),
            "transitions": (
                dataset.transitions.select_related("actor", "version")
                if access.sees_workflow(viewer, dataset)
                else []
            ),
        },
    )


@require_POST
@login_required
def rollback(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        workflow.check_rollback(
            user=request.user, dataset=dataset, version=version, note=note, ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, dataset, exc) or redirect(version)
    messages.success(
        request, _("Version %(number)s is the published version again.") % {"number": number}
    )
    return redirect(dataset)
