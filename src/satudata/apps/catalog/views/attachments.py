"""Adding and removing a dataset's documents and links."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.actions.datasets import check_add_attachment, check_remove_attachment
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.forms import AttachmentForm
from satudata.apps.catalog.views.common import editable_dataset, refused, temp_file_uploads
from satudata.apps.portal.views.common import client_ip, form_data
from satudata.platform import access


@temp_file_uploads
@login_required
def attachments(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    form = AttachmentForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = data["file"]
        try:
            check_add_attachment(
                user=request.user,
                dataset=dataset,
                title=data["title"],
                access_level=data["access_level"],
                description=data["description"],
                file=Path(received.temporary_file_path()) if received else None,
                file_name=received.name if received else "",
                media_type=received.content_type if received else "",
                url=data["url"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, dataset, exc)
            if response:
                return response
        else:
            messages.success(request, _("Attachment added."))
            return redirect("catalog:attachments", dataset.slug)
    return render(
        request,
        "catalog/attachments.html",
        {
            "dataset": dataset,
            "form": form,
            "attachments": access.attachments(access.viewer_of(request), dataset),
        },
    )


@require_POST
@login_required
def attachment_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    attachment = access.attachments(access.viewer_of(request), dataset).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    try:
        check_remove_attachment(user=request.user, attachment=attachment, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, dataset, exc) or redirect("catalog:attachments", slug)
    messages.success(request, _("Attachment removed."))
    return redirect("catalog:attachments", slug)
