"""API: the rows of a version, filtered, sorted, grouped and paged as in the data explorer, as
JSON pages (with ETag / Last-Modified for published versions) or as whole files (CSV, XLSX,
Parquet)."""

from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.portal import explorer, queries
from satudata.apps.portal.exports import MEDIA_TYPES
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.engines.tabular.query import MAX_PER_PAGE, QueryError, QueryResult
from satudata.platform import access, http
from satudata.platform.api import NO_CONTROL, Id, Slug, api_viewer, errors

router = Router(tags=["data"])

MAX_TERMS = 50
Term = Annotated[str, SchemaField(max_length=2000, pattern=NO_CONTROL)]
Format = Literal["json", "csv", "xlsx", "parquet"]


class ColumnOut(Schema):
    name: str
    title: str
    type: str


class DataPage(Schema):
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    grouped: bool
    next: str | None
    previous: str | None


class DataQuery(Schema):
    f: list[Term] = SchemaField(
        [],
        max_length=MAX_TERMS,
        description="Filters column:operator:value, repeated. Operators: eq, ne, lt, gt, "
        "between (value low..high), contains, in (values a|b|c), empty, notempty.",
    )
    sort: list[Term] = SchemaField(
        [], max_length=MAX_TERMS, description="Sort by column; -column for descending."
    )
    group: list[Term] = SchemaField([], max_length=MAX_TERMS, description="Group by these columns.")
    agg: list[Term] = SchemaField(
        [],
        max_length=MAX_TERMS,
        description="Summaries of each group: count, or sum|mean|min|max:column.",
    )
    page: int = SchemaField(1, ge=1, le=explorer.MAX_PAGE, description="Page number, from 1.")
    per_page: int = SchemaField(
        explorer.DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Rows per page."
    )
    format: Format = SchemaField(
        "json",
        description="json: one page of rows; csv, xlsx or parquet: the whole result as a file.",
    )


BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_CONTENT = {media.split(";")[0]: BINARY for fmt, media in MEDIA_TYPES.items() if fmt != "json"}
RESPONSES = {200: DataPage, 304: None, **errors(400, 404, 422)}
DOCUMENTED = {
    "responses": {
        200: {
            "description": "format=json (the default): one page of rows, with ETag and "
            "Last-Modified for a published version; csv, xlsx or parquet: the whole result "
            "as a file.",
            "content": FILE_CONTENT,
        },
        304: {"description": "Not modified: the client's copy of this page is current."},
        400: {
            "description": "A filter, sort, group or summary the data cannot answer (such as "
            "an unknown column), or the query took too long."
        },
    }
}


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _page(request: HttpRequest, result: QueryResult) -> dict[str, Any]:
    return {
        "columns": [
            {"name": c.name, "title": c.title, "type": str(c.type)} for c in result.columns
        ],
        "rows": result.records(),
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "grouped": result.grouped,
        "next": _page_url(request, result.page + 1) if result.has_next else None,
        "previous": _page_url(request, result.page - 1) if result.page > 1 else None,
    }


def _validators(request: HttpRequest, dataset: Dataset, version: Version) -> http.Validators:
    """A published version never changes: its checksum and the whole address (query string
    included) identify the page."""
    changed = [version.created_at, dataset.data_updated_at]
    return http.validators(
        "data",
        version.checksum,
        request.build_absolute_uri(),
        last_modified=max(filter(None, changed)),
    )


def _file(dataset: Dataset, version: Version, chunks: Any, fmt: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=MEDIA_TYPES[fmt])
    name = f"{dataset.slug}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _answer(
    request: HttpRequest,
    response: HttpResponse,
    dataset: Dataset,
    version: Version,
    params: DataQuery,
) -> Any:
    fmt = params.format
    record_tertutup_read(request, dataset, "api-data", version=version.number, format=fmt)
    raw = params.dict()
    state_params = {key: raw[key] for key in ("f", "sort", "group", "agg")}
    state_params["page"], state_params["per_page"] = [str(raw["page"])], [str(raw["per_page"])]
    try:
        spec = explorer.parse(state_params).spec
        if fmt != "json":
            return _file(dataset, version, explorer.export(version, spec, fmt), fmt)
        if version.pk == dataset.published_version_id:
            tags = _validators(request, dataset, version)
            unchanged = http.not_modified(request, tags)
            if unchanged is not None:
                return unchanged
            http.stamp(response, tags)
        return _page(request, explorer.run(version, spec))
    except QueryError as exc:
        raise HttpError(400, exc.text(_)) from exc


@router.get("/datasets/{slug}/versions/{number}/data", response=RESPONSES, openapi_extra=DOCUMENTED)
def version_data(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    number: Id,
    params: Query[DataQuery],
) -> Any:
    """The rows of one version, as in the data explorer. Pages of the published version carry
    ETag and Last-Modified: send If-None-Match or If-Modified-Since to get 304."""
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    return _answer(request, response, dataset, version, params)


@router.get("/datasets/{slug}/data", response=RESPONSES, openapi_extra=DOCUMENTED)
def dataset_data(
    request: HttpRequest, response: HttpResponse, slug: Slug, params: Query[DataQuery]
) -> Any:
    """The rows of the published version (ETag and Last-Modified as above)."""
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    published = dataset.published_version_id
    version = access.versions(viewer, dataset).filter(pk=published).first() if published else None
    if version is None:
        raise Http404
    return _answer(request, response, dataset, version, params)
