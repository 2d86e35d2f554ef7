"""The data explorer of a version: filters, sort, group-by, chart and downloads of the result."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.geo import thematic
from satudata.apps.geo.models.layer_style import METHOD_LABELS
from satudata.apps.portal import explorer, queries
from satudata.apps.portal.exports import FORMATS, MEDIA_TYPES
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.engines.tabular import Role
from satudata.engines.tabular.query import MAX_PER_PAGE, Agg, Op, QueryError, QueryResult
from satudata.platform import access
from satudata.platform.access import viewer_of

SUMMARY_FUNCS = (Agg.SUM, Agg.MEAN, Agg.MIN, Agg.MAX)
PAGE_SIZES = (20, 50, 100, MAX_PER_PAGE)
MAP_CHOICES = ("classes", "method")


def _version(request: HttpRequest, slug: str, number: int) -> tuple[Dataset, Version]:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None:
        raise Http404
    return dataset, version


def _form_rows(state: explorer.ExplorerState | None) -> list[dict[str, str]]:
    """The filter rows of the form: the current filters and one empty row."""
    rows = []
    for item in state.spec.filters if state else ():
        text = explorer.filter_text(item)
        column, op, value = text.split(":", 2)
        rows.append({"column": column, "op": op, "value": value})
    return [*rows, {"column": "", "op": "eq", "value": ""}]


def _context(
    dataset: Dataset,
    version: Version,
    state: explorer.ExplorerState | None,
    result: QueryResult | None,
    error: str,
) -> dict[str, Any]:
    fields = explorer.fields_of(version)
    numeric = [f for f in fields if f.type in ("integer", "number")]
    spec = state.spec if state else None
    sort = {s.column: s for s in spec.sort} if spec else {}
    columns = []
    for column in result.columns if result and state else []:
        current = sort.get(column.name)
        columns.append(
            {
                "column": column,
                "sorted": "descending" if current and current.descending else bool(current),
                "url": explorer.query_string(
                    state, sort=explorer.sort_toggle(state, column.name), page=1
                ),
            }
        )
    chart, thematic_map = None, None
    mappable = bool(state) and thematic.mappable(version, state.spec)
    if result and state:
        kind = state.chart if state.chart != "map" or mappable else "bar"
        if kind == "map":
            thematic_map = thematic.explorer_map(
                dataset, version, state.spec, state.method, state.classes
            )
            kind = "map" if thematic_map else "bar"
        chart = explorer.chart_of(result, state.spec, kind, dataset.title)
    return {
        "dataset": dataset,
        "version": version,
        "fields": fields,
        "numeric": numeric,
        "ops": explorer.OP_SYMBOLS.items(),
        "summaries": [(f"{func}:{f.name}", func, f) for f in numeric for func in SUMMARY_FUNCS],
        "filter_rows": _form_rows(state),
        "state": state,
        "result": result,
        "columns": columns,
        "chart": chart,
        "mappable": mappable,
        "has_wilayah": any(f.role is Role.KODE_WILAYAH for f in fields),
        "thematic_map": thematic_map,
        "thematic_pairs": [
            pair for pair in explorer.query_pairs(state, page=1) if pair[0] not in MAP_CHOICES
        ]
        if thematic_map and state
        else [],
        "map_methods": METHOD_LABELS.items(),
        "charts": explorer.CHARTS,
        "page_sizes": PAGE_SIZES,
        "error": error,
        "formats": FORMATS,
        "query": explorer.query_string(state, page=1) if state else "",
        "previous_url": explorer.query_string(state, page=result.page - 1)
        if result and state and result.page > 1
        else "",
        "next_url": explorer.query_string(state, page=result.page + 1)
        if result and state and result.has_next
        else "",
        "chart_urls": {
            kind: explorer.query_string(state, chart=kind)
            for kind in explorer.CHARTS
            if kind != "map" or mappable
        }
        if state
        else {},
        "Op": Op,
    }


def explore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    dataset, version = _version(request, slug, number)
    record_tertutup_read(request, dataset, "explore", version=number)
    state, result, error, status = None, None, "", 200
    try:
        parsed = explorer.parse(explorer.params_of(request.GET))
        state = explorer.settle(parsed, explorer.fields_of(version))
        result = explorer.run(version, state.spec)
    except QueryError as exc:
        error, status = exc.text(_), 400
    template = (
        "portal/_explorer_result.html"
        if request.headers.get("HX-Request")
        else "portal/explorer.html"
    )
    context = _context(dataset, version, state, result, error)
    return render(request, template, context, status=status)


def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    """The whole filtered (or grouped) result in `fmt`, streamed."""
    dataset, version = _version(request, slug, number)
    record_tertutup_read(request, dataset, "explore-download", version=number, format=fmt)
    try:
        parsed = explorer.parse(explorer.params_of(request.GET))
        state = explorer.settle(parsed, explorer.fields_of(version))
        chunks = explorer.export(version, state.spec, fmt)
    except QueryError as exc:
        return HttpResponse(exc.text(_), status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(chunks, content_type=MEDIA_TYPES[fmt])
    name = f"{dataset.slug}-v{version.number}-jelajah.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
