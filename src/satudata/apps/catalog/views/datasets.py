"""Creating and editing a dataset's metadata."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from satudata.apps.catalog.actions.datasets import check_create_dataset, check_update_metadata
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.forms import DatasetForm
from satudata.apps.catalog.models import Dataset
from satudata.apps.catalog.views.common import editable_dataset, refused
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.platform import access
from satudata.platform.access import viewer_of


@login_required
def dataset_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not access.can_create_dataset(viewer):
        return forbidden(request, _("Only a produsen data can add datasets."))
    choose = viewer.is_admin
    form = DatasetForm(**form_data(request), choose_organisation=choose)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"] if choose else request.user.organisation
        try:
            dataset = check_create_dataset(
                user=request.user,
                organisation=organisation,
                data=form.metadata(),
                tags=form.cleaned_data["tags"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Dataset created. Now upload its data."))
            return redirect("catalog:upload", dataset.slug)
    return render(request, "catalog/dataset_form.html", {"form": form, "dataset": None})


@login_required
def dataset_edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    # The form validates a copy: the action compares the stored values with the new ones.
    form = DatasetForm(**form_data(request), instance=Dataset.objects.get(pk=dataset.pk))
    if request.method == "POST" and form.is_valid():
        try:
            check_update_metadata(
                user=request.user,
                dataset=dataset,
                data=form.metadata(),
                tags=form.cleaned_data["tags"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            messages.success(request, _("Metadata saved."))
            return redirect(dataset)
    return render(request, "catalog/dataset_form.html", {"form": form, "dataset": dataset})
