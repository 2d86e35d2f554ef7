"""Helpers of the workspace views: editable objects, refused actions, uploads to temporary files."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Upload
from satudata.apps.portal.views.common import forbidden
from satudata.platform import access

View = Callable[..., HttpResponse]
OPEN_UPLOADS = (Upload.Status.PROCESSING, Upload.Status.READY, Upload.Status.INVALID)


def refused(request: HttpRequest, dataset: Dataset, exc: ActionError) -> HttpResponse | None:
    """Turn a refused action into 404 (hidden dataset), a 403 page (not allowed) or a message."""
    if isinstance(exc, NotAllowed):
        if not access.datasets(access.viewer_of(request)).filter(pk=dataset.pk).exists():
            raise Http404
        return forbidden(request, exc.message)
    messages.error(request, exc.message)
    return None


def editable_dataset(request: HttpRequest, slug: str) -> tuple[Dataset, HttpResponse | None]:
    """The dataset (404 when hidden) and, when the user may not change it, the 403 page."""
    viewer = access.viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if not access.can_edit(viewer, dataset):
        message = _("Only the produsen data of %(organisation)s can change this dataset.") % {
            "organisation": dataset.organisation
        }
        return dataset, forbidden(request, message)
    return dataset, None


def workflow_upload(request: HttpRequest, pk: int) -> Upload:
    """An upload of a dataset whose workflow the user sees; otherwise 404."""
    viewer = access.viewer_of(request)
    upload = (
        Upload.objects.select_related("dataset", "dataset__organisation", "job", "version")
        .filter(pk=pk, dataset__in=access.datasets(viewer))
        .first()
    )
    if upload is None or not access.sees_workflow(viewer, upload.dataset):
        raise Http404
    return upload


def temp_file_uploads(view: View) -> View:
    """Uploaded files always land in a temporary file on disk, so actions receive a Path.

    The upload handlers must be set before the CSRF check reads the request body."""

    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return wrapper
