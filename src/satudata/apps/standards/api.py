"""API: the public catalogue of data standards, their versions and Table Schema documents."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Router

from satudata.apps.standards import documents, queries, resolve
from satudata.apps.standards.schemas import StandardDetail, StandardPage, StandardVersionDetail
from satudata.platform.api import Limit, Offset, Slug, api_viewer, errors, paged

router = Router(tags=["standards"])

Number = Annotated[int, Path(ge=1, le=100_000, description="Version number.")]


@router.get("/standards", response={200: StandardPage, **errors(422)})
def list_standards(request: HttpRequest, offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    """Data standards with a published (or retired) version, with their current version."""
    viewer = api_viewer(request)
    return paged(
        request,
        queries.standards_for(viewer),
        offset,
        limit,
        lambda s: documents.standard_row(s, queries.current_version(viewer, s)),
    )


@router.get("/standards/{slug}", response={200: StandardDetail, **errors(404, 422)})
def get_standard(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One standard: its current version's SDI texts and fields, every version, and the
    published datasets you may see that adopted it."""
    viewer = api_viewer(request)
    standard = queries.get_standard_or_404(viewer, slug)
    version = queries.current_version(viewer, standard)
    fields = resolve.fields_of(version) if version else []
    document = documents.standard_document(
        standard, version, fields, queries.adopters(viewer, standard)
    )
    document["versions"] = [
        documents.version_row(v) for v in queries.versions_for(viewer, standard)
    ]
    return document


@router.get(
    "/standards/{slug}/versions/{number}", response={200: StandardVersionDetail, **errors(404, 422)}
)
def get_standard_version(request: HttpRequest, slug: Slug, number: Number) -> dict[str, Any]:
    """One version of a standard with its fields."""
    version = queries.get_version_or_404(api_viewer(request), slug, number)
    return {
        **documents.version_row(version),
        "standard": version.standard.slug,
        "fields": [documents.field_row(f) for f in resolve.fields_of(version)],
        "table_schema": reverse("standards:tableschema", args=[slug, number]),
    }


@router.get(
    "/standards/{slug}/versions/{number}/tableschema",
    response={200: dict[str, Any], **errors(404, 422)},
)
def get_table_schema(request: HttpRequest, slug: Slug, number: Number) -> dict[str, Any]:
    """The version as a Frictionless Table Schema (SDI texts as `sdi:*` properties; short code
    lists as `enum`, every code list named by `sdi:codeList` or `sdi:wilayahLevel`)."""
    return resolve.table_schema(queries.get_version_or_404(api_viewer(request), slug, number))
