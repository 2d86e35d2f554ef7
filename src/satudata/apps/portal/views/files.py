"""Files: a version in an open format, the original upload, attachments."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from satudata.apps.catalog.models import Attachment, Dataset, Version
from satudata.apps.portal import exports, queries
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.platform import access, storage
from satudata.platform.access import viewer_of


def _version(request: HttpRequest, slug: str, number: int) -> tuple[Dataset, Version]:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    return dataset, version


def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    dataset, version = _version(request, slug, number)
    record_tertutup_read(request, dataset, "download", version=number, format=fmt)
    return exports.stream(dataset, version, fmt)


def source(request: HttpRequest, slug: str, number: int) -> FileResponse:
    """The file exactly as it was uploaded: only for the people of the workflow."""
    dataset, version = _version(request, slug, number)
    if not access.sees_workflow(viewer_of(request), dataset):
        raise Http404
    record_tertutup_read(request, dataset, "source", version=number)
    return FileResponse(
        storage.absolute(version.source_path).open("rb"),
        as_attachment=True,
        filename=version.source_name,
    )


def attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    item = get_object_or_404(access.attachments(viewer, dataset), pk=pk)
    record_tertutup_read(request, dataset, "attachment", attachment=item.pk)
    if item.kind == Attachment.Kind.LINK:
        return HttpResponseRedirect(item.url)
    return FileResponse(
        storage.absolute(item.file_path).open("rb"),
        as_attachment=True,
        filename=item.file_name,
        content_type=item.media_type or None,
    )
