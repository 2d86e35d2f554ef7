"""API: datasets, versions, uploads and submission for OPD systems (token auth)."""

import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from satudata.apps.catalog.actions import uploads, workflow
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Upload
from satudata.apps.catalog.queries import visible_datasets
from satudata.apps.catalog.schemas import (
    DatasetOut,
    DatasetPage,
    StateOut,
    SubmitIn,
    UploadOut,
    VersionOut,
)
from satudata.platform import access, problems
from satudata.platform.api import SIGNED_IN, ErrorEnvelope, api_viewer
from satudata.platform.audit import client_ip, record

router = Router(tags=["datasets"])
MAX_LIMIT = 100


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


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get("/datasets", response={200: DatasetPage, 401: ErrorEnvelope})
def list_datasets(request: HttpRequest, offset: int = 0, limit: int = 20) -> dict[str, Any]:
    viewer = api_viewer(request)
    offset, limit = max(offset, 0), min(max(limit, 1), MAX_LIMIT)
    qs = visible_datasets(viewer)
    count = qs.count()
    results = [dataset_dict(d) for d in qs[offset : offset + limit]]
    return {
        "count": count,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0), limit) if offset else None,
        "results": results,
    }


def _dataset(request: HttpRequest, slug: str) -> tuple[access.Viewer, Dataset]:
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if access.is_tertutup(dataset):
        record(
            "dataset.read",
            actor=request.user,
            obj=dataset,
            ip=client_ip(request),
            detail={"via": "api"},
        )
    return viewer, dataset


@router.get("/datasets/{slug}", response={200: DatasetOut, 401: ErrorEnvelope, 404: ErrorEnvelope})
def get_dataset(request: HttpRequest, slug: str) -> dict[str, Any]:
    return dataset_dict(_dataset(request, slug)[1])


@router.get(
    "/datasets/{slug}/versions",
    response={200: list[VersionOut], 401: ErrorEnvelope, 404: ErrorEnvelope},
)
def list_versions(request: HttpRequest, slug: str) -> list[Any]:
    viewer, dataset = _dataset(request, slug)
    return list(access.versions(viewer, dataset).order_by("-number"))


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
    response={
        201: UploadOut,
        400: ErrorEnvelope,
        401: ErrorEnvelope,
        403: ErrorEnvelope,
        404: ErrorEnvelope,
        409: ErrorEnvelope,
    },
)
def create_upload(
    request: HttpRequest,
    slug: str,
    file: UploadedFile = File(...),
    sheet: str = Form(""),
    note: str = Form(""),
) -> Status:
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


@router.get(
    "/uploads/{upload_id}",
    auth=SIGNED_IN,
    response={200: UploadOut, 401: ErrorEnvelope, 404: ErrorEnvelope},
)
def get_upload(request: HttpRequest, upload_id: int) -> dict[str, Any]:
    return upload_dict(_upload(request, upload_id))


@router.post(
    "/uploads/{upload_id}/accept",
    auth=SIGNED_IN,
    response={200: VersionOut, 401: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope},
)
def accept_upload(request: HttpRequest, upload_id: int) -> Any:
    upload = _upload(request, upload_id)
    try:
        return uploads.check_accept_upload(user=request.auth, upload=upload, ip=client_ip(request))
    except ActionError as exc:
        raise HttpError(409, exc.message) from exc


@router.post(
    "/datasets/{slug}/submit",
    auth=SIGNED_IN,
    response={
        200: StateOut,
        401: ErrorEnvelope,
        403: ErrorEnvelope,
        404: ErrorEnvelope,
        409: ErrorEnvelope,
    },
)
def submit(request: HttpRequest, slug: str, payload: SubmitIn) -> dict[str, Any]:
    dataset = _editable(request, slug)
    try:
        workflow.check_submit(
            user=request.auth, dataset=dataset, note=payload.note, ip=client_ip(request)
        )
    except ActionError as exc:
        raise HttpError(409, exc.message) from exc
    dataset.refresh_from_db()
    return {"slug": dataset.slug, "state": dataset.state}
