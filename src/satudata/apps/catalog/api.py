"""API: datasets, versions (with ETag / Last-Modified), downloads, uploads and submission for
OPD systems (token auth)."""

import tempfile
from pathlib import Path
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from satudata.apps.catalog.actions import uploads, workflow
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Upload, Version
from satudata.apps.catalog.schemas import (
    DatasetOut,
    StateOut,
    SubmitIn,
    UploadOut,
    VersionDetail,
    VersionOut,
)
from satudata.apps.portal import exports
from satudata.apps.portal.views.common import record_tertutup_listing
from satudata.apps.search.queries import params_from_query, search
from satudata.apps.search.schemas import SearchPage, SearchQuery, search_document
from satudata.platform import access, http, problems
from satudata.platform.api import (
    NO_CONTROL,
    SIGNED_IN,
    ErrorEnvelope,
    Id,
    Slug,
    api_viewer,
    errors,
)
from satudata.platform.audit import client_ip, record

router = Router(tags=["datasets"])


def dataset_dict(dataset: Dataset) -> dict[str, Any]:
    return {
        **{f: getattr(dataset, f) for f in DatasetOut.model_fields if hasattr(dataset, f)},
        "organisation": dataset.organisation.slug,
        "topic": dataset.topic.slug if dataset.topic else None,
        "tags": [t.name for t in dataset.tags.all()],
        "cakupan_wilayah": dataset.cakupan_wilayah_id,
        "published_version": (
            dataset.published_version.number if dataset.published_version else None
        ),
        "url": dataset.get_absolute_url(),
    }


@router.get("/datasets", response={200: SearchPage, 401: ErrorEnvelope})
def list_datasets(request: HttpRequest, filters: Query[SearchQuery]) -> dict[str, Any]:
    """The catalog search: the same parameters and results as the portal's dataset list, with
    the facet counts of everything found (over the datasets the caller may see only)."""
    result = search(api_viewer(request), params_from_query(request.GET))
    record_tertutup_listing(request, result.datasets, "search", via="api", q=result.params.q)
    return search_document(request, result, dataset_dict)


def _dataset(request: HttpRequest, slug: str, **detail: Any) -> tuple[access.Viewer, Dataset]:
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if access.read_is_audited(viewer, dataset):
        record(
            "dataset.read",
            actor=request.user,
            obj=dataset,
            ip=client_ip(request),
            detail={"via": "api", **detail},
        )
    return viewer, dataset


def _version(
    request: HttpRequest, slug: str, number: int, **detail: Any
) -> tuple[Dataset, Version]:
    viewer, dataset = _dataset(request, slug, version=number, **detail)
    version = access.versions(viewer, dataset).filter(number=number).first()
    if version is None:
        raise Http404
    return dataset, version


CONDITIONAL = {304: None}


def _fresh_or_stamp(
    request: HttpRequest, response: HttpResponse, tags: http.Validators
) -> HttpResponseBase | None:
    """A 304 when the client's copy is current; else the validators go on `response`."""
    unchanged = http.not_modified(request, tags)
    if unchanged is None:
        http.stamp(response, tags)
    return unchanged


@router.get("/datasets/{slug}", response={200: DatasetOut, **CONDITIONAL, **errors(404, 422)})
def get_dataset(request: HttpRequest, response: HttpResponse, slug: Slug) -> Any:
    """One dataset with its SDI metadata. Carries ETag and Last-Modified: send If-None-Match or
    If-Modified-Since to get 304 when nothing changed."""
    dataset = _dataset(request, slug)[1]
    published = dataset.published_version
    tags = http.validators(
        "dataset",
        dataset.pk,
        dataset.updated_at.isoformat(),
        published.checksum if published else "",
        last_modified=max(filter(None, [dataset.updated_at, dataset.data_updated_at])),
    )
    return _fresh_or_stamp(request, response, tags) or dataset_dict(dataset)


@router.get(
    "/datasets/{slug}/versions",
    response={200: list[VersionOut], **CONDITIONAL, **errors(404, 422)},
)
def list_versions(request: HttpRequest, response: HttpResponse, slug: Slug) -> Any:
    """The dataset's versions you may see, newest first (ETag / Last-Modified as above)."""
    viewer, dataset = _dataset(request, slug)
    versions = list(access.versions(viewer, dataset).order_by("-number"))
    tags = http.validators(
        "versions",
        dataset.pk,
        dataset.updated_at.isoformat(),
        *(v.checksum for v in versions),
        last_modified=max([dataset.updated_at, *(v.created_at for v in versions)]),
    )
    return _fresh_or_stamp(request, response, tags) or versions


def _download_links(request: HttpRequest, dataset: Dataset, version: Version) -> dict[str, str]:
    path = reverse("api:download_version", args=[dataset.slug, version.number])
    return {fmt: request.build_absolute_uri(f"{path}?format={fmt}") for fmt in exports.FORMATS}


@router.get(
    "/datasets/{slug}/versions/{number}",
    response={200: VersionDetail, **CONDITIONAL, **errors(404, 422)},
)
def get_version(request: HttpRequest, response: HttpResponse, slug: Slug, number: Id) -> Any:
    """One version: checksum (SHA-256 of its Parquet file), rows, columns and download links.
    Versions never change, so their ETag only moves when the dataset's metadata does."""
    dataset, version = _version(request, slug, number)
    tags = http.validators(
        "version",
        version.checksum,
        dataset.updated_at.isoformat(),
        last_modified=max(version.created_at, dataset.updated_at),
    )
    return _fresh_or_stamp(request, response, tags) or {
        **VersionOut.from_orm(version).dict(),
        "dataset": dataset.slug,
        "published": dataset.published_version_id == version.pk,
        "note": version.note,
        "source_sheet": version.source_sheet,
        "downloads": _download_links(request, dataset, version),
    }


BINARY = {"schema": {"type": "string", "format": "binary"}}
DOWNLOAD_CONTENT = {media.split(";")[0]: BINARY for media in exports.MEDIA_TYPES.values()}
DOWNLOAD_CONTENT["application/json"] = {
    "schema": {"type": "array", "items": {"type": "object"}, "description": "One object a row."}
}


@router.get(
    "/datasets/{slug}/versions/{number}/download",
    url_name="download_version",
    response={200: None, **CONDITIONAL, **errors(404, 422)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The version's data in the format asked for.",
                "content": DOWNLOAD_CONTENT,
            }
        }
    },
)
def download_version(
    request: HttpRequest,
    slug: Slug,
    number: Id,
    format: Literal["csv", "xlsx", "json", "parquet"] = Query("csv"),
) -> HttpResponseBase:
    """The version's data as CSV, XLSX, JSON or Parquet (as stored). The ETag is the version's
    checksum with the format: a client that has the file gets 304."""
    dataset, version = _version(request, slug, number, what="download", format=format)
    tags = http.validators("download", version.checksum, format, last_modified=version.created_at)
    unchanged = http.not_modified(request, tags)
    if unchanged is not None:
        return unchanged
    return http.stamp(exports.stream(dataset, version, format), tags)


def upload_dict(upload: Upload) -> dict[str, Any]:
    return {
        "id": upload.pk,
        "status": upload.status,
        "source_name": upload.source_name,
        "sheet": upload.sheet,
        "rows": upload.result.get("rows"),
        "error_count": upload.error_count,
        "warning_count": upload.warning_count,
        "problems": [_translated(p) for p in upload.problems],
        "error": _translated(upload.error) if upload.error else None,
        "job_progress": upload.job.progress if upload.job else None,
        "version": upload.version.number if upload.version else None,
    }


def _translated(problem: dict[str, Any]) -> dict[str, Any]:
    value = problem.get("value")
    return {
        **problem,
        "value": None if value is None else str(value),
        "message": problems.problem_message(problem),
        "hint": problems.problem_hint(problem),
    }


def _editable(request: HttpRequest, slug: str) -> Dataset:
    viewer = access.viewer_for(request.auth)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if not access.can_edit(viewer, dataset):
        raise HttpError(403, _("You may not change this dataset."))
    return dataset


@router.post(
    "/datasets/{slug}/uploads",
    auth=SIGNED_IN,
    response={201: UploadOut, **errors(400, 403, 404, 409, 422)},
)
def create_upload(
    request: HttpRequest,
    slug: Slug,
    file: UploadedFile = File(...),
    sheet: str = Form("", max_length=120, pattern=NO_CONTROL),
    note: str = Form("", max_length=500, pattern=NO_CONTROL),
) -> Status:
    """Upload a CSV, Excel or ODS file to a dataset of your organisation. Small files are
    checked at once; larger ones in the background (follow `GET /uploads/{id}`)."""
    dataset = _editable(request, slug)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        try:
            upload = uploads.check_start_upload(
                user=request.auth,
                dataset=dataset,
                file=path,
                original_name=file.name or "data",
                sheet=sheet,
                note=note,
                ip=client_ip(request),
            )
        except NotAllowed as exc:
            raise HttpError(403, exc.message) from exc
        except ActionError as exc:
            raise HttpError(409, exc.message) from exc
    return Status(201, upload_dict(upload))


def _upload(request: HttpRequest, upload_id: int) -> Upload:
    upload = get_object_or_404(Upload.objects.select_related("dataset", "job"), pk=upload_id)
    viewer = access.viewer_for(request.auth)
    if not access.datasets(viewer).filter(pk=upload.dataset_id).exists() or not access.can_edit(
        viewer, upload.dataset
    ):
        raise HttpError(404, _("Not found."))
    return upload


@router.get("/uploads/{upload_id}", auth=SIGNED_IN, response={200: UploadOut, **errors(404, 422)})
def get_upload(request: HttpRequest, upload_id: Id) -> dict[str, Any]:
    """The upload's status, progress and the problems found, with what to do about each."""
    return upload_dict(_upload(request, upload_id))


@router.post(
    "/uploads/{upload_id}/accept",
    auth=SIGNED_IN,
    response={200: VersionOut, **errors(403, 404, 409, 422)},
)
def accept_upload(request: HttpRequest, upload_id: Id) -> Any:
    """Save a checked upload without errors as the dataset's next version."""
    upload = _upload(request, upload_id)
    try:
        return uploads.check_accept_upload(user=request.auth, upload=upload, ip=client_ip(request))
    except ActionError as exc:
        raise HttpError(409, exc.message) from exc


@router.post(
    "/datasets/{slug}/submit",
    auth=SIGNED_IN,
    response={200: StateOut, **errors(400, 403, 404, 409, 422)},
)
def submit(request: HttpRequest, slug: Slug, payload: SubmitIn) -> dict[str, Any]:
    """Submit the dataset's candidate version to the walidata for pemeriksaan."""
    dataset = _editable(request, slug)
    try:
        workflow.check_submit(
            user=request.auth, dataset=dataset, note=payload.note, ip=client_ip(request)
        )
    except ActionError as exc:
        raise HttpError(409, exc.message) from exc
    dataset.refresh_from_db()
    return {"slug": dataset.slug, "state": dataset.state}
