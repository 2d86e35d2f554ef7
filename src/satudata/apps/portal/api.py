"""API: the rows of a version, filtered, sorted, grouped and paged as in the data explorer, as
JSON pages or as whole files (CSV, XLSX, JSON, Parquet)."""

from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.portal import explorer, queries
from satudata.apps.portal.exports import FORMATS, MEDIA_TYPES
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.engines.tabular.query import QueryError, QueryResult
from satudata.platform import access
from satudata.platform.api import ErrorEnvelope, api_viewer

router = Router(tags=["data"])


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
    f: list[str] = SchemaField(
        [],
        description="Filters column:operator:value, repeated. Operators: eq, ne, lt, gt, "
        "between (value low..high), contains, in (values a|b|c), empty, notempty.",
    )
    sort: list[str] = SchemaField([], description="Sort by column; -column for descending.")
    group: list[str] = SchemaField([], description="Group by these columns.")
    agg: list[str] = SchemaField(
        [], description="Summaries of each group: count, or sum|mean|min|max:column."
    )
    page: int = 1
    per_page: int = explorer.DEFAULT_PER_PAGE
    format: str | None = SchemaField(
        None, description="csv, xlsx, json or parquet: the whole result as a file."
    )


RESPONSES = {200: DataPage, 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope}


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


def _answer(request: HttpRequest, dataset: Dataset, version: Version, params: DataQuery) -> Any:
    fmt = params.format
    if fmt is not None and fmt not in FORMATS:
        raise HttpError(400, _("Unknown format “%(format)s”.") % {"format": fmt})
    record_tertutup_read(request, dataset, "api-data", version=version.number, format=fmt)
    raw = params.dict()
    state_params = {key: raw[key] for key in ("f", "sort", "group", "agg")}
    state_params["page"], state_params["per_page"] = [str(raw["page"])], [str(raw["per_page"])]
    try:
        state = explorer.parse(state_params)
        if fmt is None:
            return _page(request, explorer.run(version, state.spec))
        chunks = explorer.export(version, state.spec, fmt)
    except QueryError as exc:
        raise HttpError(400, exc.text(_)) from exc
    response = StreamingHttpResponse(chunks, content_type=MEDIA_TYPES[fmt])
    name = f"{dataset.slug}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/datasets/{slug}/versions/{number}/data", response=RESPONSES)
def version_data(request: HttpRequest, slug: str, number: int, params: Query[DataQuery]) -> Any:
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    return _answer(request, dataset, version, params)


@router.get("/datasets/{slug}/data", response=RESPONSES)
def dataset_data(request: HttpRequest, slug: str, params: Query[DataQuery]) -> Any:
    """The data of the published version."""
    viewer = api_viewer(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    published = dataset.published_version_id
    version = access.versions(viewer, dataset).filter(pk=published).first() if published else None
    if version is None:
        raise Http404
    return _answer(request, dataset, version, params)
