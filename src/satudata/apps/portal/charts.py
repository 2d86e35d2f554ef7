"""The chart a dataset page shows without being asked: the sum of the first measure by time (a
line) or by area (bars), computed by the query engine on the version's file."""

from typing import Any

from django.urls import reverse
from django.utils.translation import get_language

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.portal import explorer
from satudata.apps.search.memo import Memo
from satudata.engines.tabular import Field, FieldType, Role
from satudata.engines.tabular.query import Agg, Aggregate, QueryError, QuerySpec

TIME_NAMES = frozenset({"tahun", "year", "periode", "period", "bulan", "month", "tanggal", "date"})
AREA_NAMES = frozenset(
    {"kode_wilayah", "kecamatan", "kelurahan", "desa", "wilayah", "kode_kecamatan"}
)
MAX_POINTS = 200
CHARTS = Memo(size=2048)
CHARTS_SCOPE = "auto-charts"


def _is_time(field: Field) -> bool:
    return field.type in (FieldType.DATE, FieldType.DATETIME) or field.name in TIME_NAMES


def _is_area(field: Field) -> bool:
    return field.role is Role.KODE_WILAYAH or field.name in AREA_NAMES


def _measure(fields: list[Field], dimension: Field) -> Field | None:
    for field in fields:
        numeric = field.type in (FieldType.INTEGER, FieldType.NUMBER)
        if numeric and field is not dimension and not _is_time(field) and field.role is None:
            return field
    return None


def pick(fields: list[Field]) -> tuple[Field, Field, str] | None:
    """(dimension, measure, chart type): time first (a line), else area (bars)."""
    for test, kind in ((_is_time, "line"), (_is_area, "bar")):
        dimension = next((f for f in fields if test(f)), None)
        if dimension is not None and (measure := _measure(fields, dimension)) is not None:
            return dimension, measure, kind
    return None


def auto_chart(version: Version, dataset: Dataset | None = None) -> dict[str, Any] | None:
    """The chart spec of the version's natural summary, or None when it has none
    (`dataset`: the version's, when the caller has it already). A version's file never
    changes: the chart is kept per process under the file and the dataset's address and title."""
    dataset = dataset or version.dataset
    key = (version.parquet_path, version.number, dataset.slug, dataset.title, get_language())
    return CHARTS.get(CHARTS_SCOPE, key, lambda: _auto_chart(version, dataset))


def _auto_chart(version: Version, dataset: Dataset) -> dict[str, Any] | None:
    fields = explorer.fields_of(version)
    chosen = pick(fields)
    if chosen is None:
        return None
    dimension, measure, kind = chosen
    spec = QuerySpec(
        group_by=(dimension.name,),
        aggregates=(Aggregate(Agg.SUM, measure.name),),
        per_page=MAX_POINTS,
    )
    try:
        result = explorer.run(version, spec)
    except QueryError:
        return None
    chart = explorer.chart_of(result, spec, kind, dataset.title)
    if chart is None:
        return None
    state = explorer.ExplorerState(spec=spec, chart=kind)
    url = reverse("portal:explore", args=[dataset.slug, version.number])
    chart["points"] = list(zip(chart["labels"], chart["values"], strict=True))
    chart["explore_url"] = url + explorer.query_string(state, per_page=explorer.DEFAULT_PER_PAGE)
    chart["truncated"] = result.total > len(result.rows)
    return chart
