"""The data explorer between HTTP and the query engine: the query string <-> `QuerySpec`, the
shareable URL of a state, the process's query engine, and the chart of a grouped result.

Query string (every state of the explorer is a URL):
- `f=column:op:value`, repeated (`between`: `low..high`; `in`: `a|b|c`; `empty`, `notempty`:
  no value); the page's form sends the same as parallel `fc`, `fo`, `fv` lists;
- `sort=column` or `sort=-column` (descending), repeated;
- `group=column`, repeated; `agg=count` or `agg=sum:column` (`mean`, `min`, `max`), repeated;
- `page`, `per_page`; `chart=bar|line|pie|map` (`map`: a choropleth of a grouping by kode
  wilayah, with `classes` and `method` = quantile, equal_interval or natural_breaks).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import pgettext_lazy

from satudata.apps.catalog.models import Version
from satudata.engines.tabular import Field
from satudata.engines.tabular.problems import N_
from satudata.engines.tabular.query import (
    Agg,
    Aggregate,
    Filter,
    Op,
    QueryError,
    QueryResult,
    QuerySpec,
    Sort,
    field_map,
    output_names,
)
from satudata.engines.tabular.query_engine import QueryEngine
from satudata.platform import storage

CHARTS = ("bar", "line", "pie", "map")
MAP_CLASSES = 5
DEFAULT_PER_PAGE = 50
MAX_PAGE = 1_000_000_000
MAX_CHART_POINTS = 500
OP_SYMBOLS = {
    Op.EQ: "=",
    Op.NE: "≠",
    Op.LT: "<",
    Op.GT: ">",
    Op.BETWEEN: pgettext_lazy("filter operator", "between"),
    Op.CONTAINS: pgettext_lazy("filter operator", "contains"),
    Op.IN: pgettext_lazy("filter operator", "in"),
    Op.EMPTY: pgettext_lazy("filter operator", "empty"),
    Op.NOT_EMPTY: pgettext_lazy("filter operator", "not empty"),
}

Params = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class ExplorerState:
    spec: QuerySpec
    chart: str = "bar"
    classes: int = MAP_CLASSES
    method: str = ""


@cache
def engine() -> QueryEngine:
    """The query engine of this process, sized by the settings."""
    return QueryEngine(
        threads=settings.QUERY_THREADS,
        memory_limit=settings.DUCKDB_MEMORY_LIMIT,
        temp_dir=storage.staging_dir(),
        cache_size=settings.QUERY_CACHE_ENTRIES,
        cache_dir=settings.DATA_DIR / "query-copies" if settings.QUERY_COPIES else None,
    )


def fields_of(version: Version) -> list[Field]:
    return [Field.from_dict(item) for item in version.fields]


def run(version: Version, spec: QuerySpec) -> QueryResult:
    path = storage.absolute(version.parquet_path)
    return engine().run(path, fields_of(version), spec, settings.QUERY_TIMEOUT or None)


def export(version: Version, spec: QuerySpec, fmt: str) -> Iterator[bytes]:
    path = storage.absolute(version.parquet_path)
    timeout = settings.EXPORT_TIMEOUT or None
    return engine().stream(path, fields_of(version), spec, fmt, timeout)


def _op(text: str, column: str) -> Op:
    try:
        return Op(text.strip().lower())
    except ValueError:
        raise QueryError(
            N_("Unknown operator “%(op)s” for column “%(column)s”; use one of %(ops)s."),
            op=text,
            column=column,
            ops=", ".join(Op),
        ) from None


def make_filter(column: str, op_text: str, value: str) -> Filter:
    op = _op(op_text, column)
    if op in (Op.EMPTY, Op.NOT_EMPTY):
        return Filter(column, op)
    if op is Op.BETWEEN:
        low, sep, high = value.partition("..")
        if not sep:
            raise QueryError(
                N_("Write “between” on column “%(column)s” as low..high, e.g. 10..20."),
                column=column,
            )
        return Filter(column, op, (low, high))
    if op is Op.IN:
        return Filter(column, op, tuple(value.split("|")))
    return Filter(column, op, value)


def _filters(params: Params) -> list[Filter]:
    found = []
    for item in params.get("f", ()):
        column, sep, rest = item.partition(":")
        op_text, _sep, value = rest.partition(":")
        if not sep or not column:
            raise QueryError(
                N_("Write a filter as column:operator:value, not “%(value)s”."), value=item
            )
        found.append(make_filter(column, op_text, value))
    columns, ops, values = (list(params.get(k, ())) for k in ("fc", "fo", "fv"))
    values += [""] * (len(columns) - len(values))
    for column, op_text, value in zip(columns, ops, values, strict=False):
        if column and op_text:
            found.append(make_filter(column, op_text, value))
    return found


def _aggregate(text: str) -> Aggregate:
    func_text, _sep, column = text.partition(":")
    try:
        func = Agg(func_text.strip().lower())
    except ValueError:
        raise QueryError(
            N_("Unknown summary “%(value)s”; use count, sum, mean, min or max."), value=text
        ) from None
    if func is not Agg.COUNT and not column:
        raise QueryError(N_("Name the column to summarise: %(func)s:column."), func=str(func))
    return Aggregate(func, column or None)


def _number(params: Params, name: str, default: int) -> int:
    raw = (list(params.get(name, ())) or [""])[-1].strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(
            N_("“%(value)s” is not a whole number (%(name)s)."), value=raw, name=name
        ) from None


def _page(params: Params) -> int:
    page = _number(params, "page", 1)
    if page > MAX_PAGE:
        raise QueryError(N_("The page must be between 1 and %(limit)s."), limit=MAX_PAGE)
    return page


def parse(params: Params) -> ExplorerState:
    """The explorer state of a query string; `QueryError` says what is wrong with it."""
    sort = tuple(
        Sort(s.lstrip("-"), descending=s.startswith("-"))
        for s in params.get("sort", ())
        if s.lstrip("-")
    )
    group_by = tuple(g for g in params.get("group", ()) if g)
    aggregates = tuple(_aggregate(a) for a in params.get("agg", ()) if a)
    chart = (list(params.get("chart", ())) or ["bar"])[-1]
    spec = QuerySpec(
        filters=tuple(_filters(params)),
        sort=sort,
        group_by=group_by,
        aggregates=aggregates,
        page=_page(params),
        per_page=_number(params, "per_page", DEFAULT_PER_PAGE),
    )
    return ExplorerState(
        spec=spec,
        chart=chart if chart in CHARTS else "bar",
        classes=_number(params, "classes", MAP_CLASSES),
        method=(list(params.get("method", ())) or [""])[-1][:20],
    )


def settle(state: ExplorerState, fields: Sequence[Field]) -> ExplorerState:
    """The page's state after a form submission: a sort by a column the grouped result does not
    have (left over from the table before grouping) is dropped rather than refused."""
    if not state.spec.grouped:
        return state
    shown = set(output_names(field_map(fields), state.spec))
    sort = tuple(item for item in state.spec.sort if item.column in shown)
    return replace(state, spec=replace(state.spec, sort=sort))


def params_of(querydict: Any) -> dict[str, list[str]]:
    return {key: querydict.getlist(key) for key in querydict}


def filter_text(item: Filter) -> str:
    if item.value is None:
        value = ""
    elif isinstance(item.value, str):
        value = item.value
    else:
        value = (".." if item.op is Op.BETWEEN else "|").join(item.value)
    return f"{item.column}:{item.op}:{value}"


def query_pairs(state: ExplorerState, **changes: Any) -> list[tuple[str, str]]:
    """The canonical query string of `state` with `changes` (page, sort, chart, per_page)."""
    spec = state.spec
    pairs = [("f", filter_text(f)) for f in spec.filters]
    sort = changes.get("sort", spec.sort)
    pairs += [("sort", f"{'-' if s.descending else ''}{s.column}") for s in sort]
    pairs += [("group", g) for g in spec.group_by]
    pairs += [
        ("agg", "count" if a.func is Agg.COUNT else f"{a.func}:{a.column}") for a in spec.aggregates
    ]
    page = changes.get("page", spec.page)
    per_page = changes.get("per_page", spec.per_page)
    if page != 1:
        pairs.append(("page", str(page)))
    if per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(per_page)))
    chart = changes.get("chart", state.chart)
    if spec.grouped and chart != "bar":
        pairs.append(("chart", chart))
    if chart == "map" and state.classes != MAP_CLASSES:
        pairs.append(("classes", str(state.classes)))
    if chart == "map" and state.method:
        pairs.append(("method", state.method))
    return pairs


def query_string(state: ExplorerState, **changes: Any) -> str:
    pairs = query_pairs(state, **changes)
    return "?" + urlencode(pairs) if pairs else ""


def sort_toggle(state: ExplorerState, column: str) -> tuple[Sort, ...]:
    """Sort by `column` ascending, or descending when it is already sorted ascending first."""
    current = state.spec.sort[0] if state.spec.sort else None
    descending = current is not None and current.column == column and not current.descending
    return (Sort(column, descending=descending),)


def chart_of(
    result: QueryResult, spec: QuerySpec, kind: str, title: str = ""
) -> dict[str, Any] | None:
    """The chart of a grouped result: the group columns against the first summary."""
    if not result.grouped or not result.rows:
        return None
    keys = len(spec.group_by)
    measure = result.columns[keys]
    rows = result.rows[:MAX_CHART_POINTS]
    return {
        "type": kind if kind in CHARTS else "bar",
        "title": title,
        "x": " · ".join(c.title for c in result.columns[:keys]),
        "y": measure.title,
        "labels": [" · ".join("–" if v is None else str(v) for v in row[:keys]) for row in rows],
        "values": [None if row[keys] is None else float(row[keys]) for row in rows],
    }
