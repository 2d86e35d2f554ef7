"""Upload → checked preview with its problem report → version (or discard)."""

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.actions.reupload import check_reupload
from satudata.apps.catalog.actions.uploads import (
    check_accept_upload,
    check_discard_upload,
    check_start_upload,
)
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.forms import (
    ColumnMappingForm,
    CrsForm,
    LayerChoiceForm,
    SheetForm,
    UploadForm,
)
from satudata.apps.catalog.mapping import unmatched_columns
from satudata.apps.catalog.models import Upload
from satudata.apps.catalog.views.common import (
    editable_dataset,
    refused,
    temp_file_uploads,
    workflow_upload,
)
from satudata.apps.portal.queries import preview_from_rows
from satudata.apps.portal.views.common import client_ip, form_data, record_tertutup_read
from satudata.platform import access, storage


@temp_file_uploads
@login_required
def upload_create(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    form = UploadForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        received = form.cleaned_data["file"]
        try:
            upload = check_start_upload(
                user=request.user,
                dataset=dataset,
                file=Path(received.temporary_file_path()),
                original_name=received.name,
                sheet=form.cleaned_data["sheet"],
                crs=form.cleaned_data["crs"].upper(),
                geometry=form.cleaned_data["geometry"],
                note=form.cleaned_data["note"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            return redirect("catalog:upload_detail", upload.pk)
    return render(request, "catalog/upload_form.html", {"form": form, "dataset": dataset})


def upload_context(request: HttpRequest, upload: Upload) -> dict[str, Any]:
    result = upload.result or {}
    fields = result.get("fields", [])
    sheets = list(upload.sheets)
    editable = access.can_edit(access.viewer_of(request), upload.dataset)
    rereadable = editable and upload.status not in (Upload.Status.ACCEPTED, Upload.Status.DISCARDED)
    unmatched = unmatched_columns(upload) if rereadable and not upload.is_layer else None
    rule = (upload.error or {}).get("rule")
    return {
        "upload": upload,
        "dataset": upload.dataset,
        "fields": fields,
        "preview": preview_from_rows(fields, result.get("preview", [])),
        "counts": result.get("counts", []),
        "problems": upload.problems,
        "can_edit": editable,
        "sheet_form": (
            SheetForm(sheets=sheets, initial={"sheet": upload.sheet})
            if rereadable and len(sheets) > 1 and not upload.is_layer and rule != "layer.choice"
            else None
        ),
        "layer_form": (
            LayerChoiceForm(layers=sheets, initial={"sheet": upload.sheet})
            if rereadable and len(sheets) > 1 and (upload.is_layer or rule == "layer.choice")
            else None
        ),
        "crs_form": CrsForm() if rereadable and rule in ("crs.missing", "crs.unknown") else None,
        "geo": result.get("geo"),
        "mapping_form": ColumnMappingForm(unmatched=unmatched) if unmatched else None,
    }


@login_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = workflow_upload(request, pk)
    record_tertutup_read(request, upload.dataset, "upload", upload=upload.pk)
    return render(request, "catalog/upload_detail.html", upload_context(request, upload))


@login_required
def upload_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTMX partial polled while the upload is checked; when done, the page reloads."""
    upload = workflow_upload(request, pk)
    if upload.status != Upload.Status.PROCESSING:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("catalog:upload_detail", args=[upload.pk])
        return response
    return render(request, "catalog/_upload_progress.html", {"upload": upload})


@require_POST
@login_required
def upload_accept(request: HttpRequest, pk: int) -> HttpResponse:
    upload = workflow_upload(request, pk)
    try:
        version = check_accept_upload(user=request.user, upload=upload, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, upload.dataset, exc) or redirect("catalog:upload_detail", pk)
    messages.success(
        request,
        _("Saved as version %(number)s. Submit the dataset for checking when it is ready.")
        % {"number": version.number},
    )
    return redirect(upload.dataset)


@require_POST
@login_required
def upload_discard(request: HttpRequest, pk: int) -> HttpResponse:
    upload = workflow_upload(request, pk)
    try:
        check_discard_upload(user=request.user, upload=upload, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, upload.dataset, exc) or redirect("catalog:upload_detail", pk)
    messages.info(request, _("The upload was discarded."))
    return redirect(upload.dataset)


@require_POST
@login_required
def upload_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    upload = workflow_upload(request, pk)
    form = SheetForm(request.POST, sheets=list(upload.sheets))
    if not form.is_valid():
        messages.error(request, _("Choose one of the file's sheets."))
        return redirect("catalog:upload_detail", pk)
    try:
        fresh = check_reupload(
            user=request.user,
            upload=upload,
            sheet=form.cleaned_data["sheet"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, upload.dataset, exc) or redirect("catalog:upload_detail", pk)
    return redirect("catalog:upload_detail", fresh.pk)


@require_POST
@login_required
def upload_crs(request: HttpRequest, pk: int) -> HttpResponse:
    """Read a layer again in the coordinate system the uploader chose."""
    upload = workflow_upload(request, pk)
    form = CrsForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("catalog:upload_detail", pk)
    try:
        fresh = check_reupload(
            user=request.user, upload=upload, crs=form.cleaned_data["crs"], ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, upload.dataset, exc) or redirect("catalog:upload_detail", pk)
    return redirect("catalog:upload_detail", fresh.pk)


@require_POST
@login_required
def upload_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    upload = workflow_upload(request, pk)
    form = ColumnMappingForm(request.POST, unmatched=unmatched_columns(upload))
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Choose one of your file's columns.")]:
            messages.error(request, error)
        return redirect("catalog:upload_detail", pk)
    try:
        fresh = check_reupload(
            user=request.user, upload=upload, mapping=form.mapping(), ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, upload.dataset, exc) or redirect("catalog:upload_detail", pk)
    return redirect("catalog:upload_detail", fresh.pk)


@login_required
def upload_report(request: HttpRequest, pk: int) -> FileResponse:
    upload = workflow_upload(request, pk)
    if not upload.report_path:
        raise Http404
    record_tertutup_read(request, upload.dataset, "upload_report", upload=upload.pk)
    stem = Path(upload.source_name).stem or "data"
    return FileResponse(
        storage.absolute(upload.report_path).open("rb"),
        as_attachment=True,
        filename=_("report-%(name)s.xlsx") % {"name": stem},
    )
