"""A dataset's published version as a Frictionless Data Package: the descriptor alone
(`datapackage.json`, its resource the CSV download) or the zip with the CSV inside."""

import json
import os
import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.interop.datapackage import archive, descriptor
from satudata.apps.interop.dcat import clients, links, queries
from satudata.apps.portal.exports import engine_options
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.engines import tabular
from satudata.platform import http, storage
from satudata.platform.access import Viewer

DESCRIPTOR_NAME = "datapackage.json"


def _published(
    request: HttpRequest, viewer: Viewer, slug: str, what: str
) -> tuple[Dataset, Version]:
    dataset = queries.published_dataset(viewer, slug)
    record_tertutup_read(request, dataset, what, version=dataset.published_version.number)
    return dataset, dataset.published_version


def _validators(kind: str, dataset: Dataset, version: Version) -> http.Validators:
    return http.validators(
        kind,
        dataset.pk,
        dataset.updated_at.isoformat(),
        version.checksum,
        last_modified=queries.modified(dataset),
    )


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def package_descriptor(request: HttpRequest, slug: str) -> HttpResponseBase:
    viewer = clients.viewer(request)
    if viewer is None:
        return clients.bad_token()
    dataset, version = _published(request, viewer, slug, "datapackage")
    tags = _validators("datapackage", dataset, version)
    unchanged = http.not_modified(request, tags)
    if unchanged is not None:
        return unchanged
    found = descriptor.descriptor(dataset, version, path=links.download(dataset, version, "csv"))
    response = HttpResponse(_json(found), content_type="application/json; charset=utf-8")
    return http.stamp(response, tags)


def package_zip(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The zip, streamed: the CSV is written by the tabular engine into a temporary file
    (unlinked at once, kept open), then copied into the archive chunk by chunk."""
    viewer = clients.viewer(request)
    if viewer is None:
        return clients.bad_token()
    dataset, version = _published(request, viewer, slug, "datapackage-zip")
    tags = _validators("datapackage-zip", dataset, version)
    unchanged = http.not_modified(request, tags)
    if unchanged is not None:
        return unchanged
    with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
        target = Path(folder) / "data.csv"
        tabular.export(
            storage.absolute(version.parquet_path), target, "csv", options=engine_options()
        )
        handle = target.open("rb")
    size = os.fstat(handle.fileno()).st_size
    data_path = descriptor.data_path(dataset)

    def finish(stats: archive.FileStats) -> dict[str, bytes]:
        found = descriptor.descriptor(dataset, version, path=data_path, stats=stats)
        return {DESCRIPTOR_NAME: _json(found)}

    response = StreamingHttpResponse(
        archive.stream(handle, data_path, size, finish), content_type="application/zip"
    )
    name = f"{descriptor.package_name(dataset)}-v{version.number}-datapackage.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return http.stamp(response, tags)
