"""Structured queries on a version: filters, sort, group-by with aggregates, pages.

Only structured specifications are accepted, never SQL: every column name is checked against the
version's fields and quoted, every value is converted to the column's type and bound as a
parameter. Problems raise `QueryError`, whose English msgid (marked with `N_`) and `params` name
the column, operator and value; `QueryTimeout` says the time limit was reached.

Run queries and exports with `satudata.engines.tabular.query_engine`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from satudata.engines.tabular.model import Field, FieldType
from satudata.engines.tabular.problems import N_, Translate, identity
from satudata.engines.tabular.store import quote_ident

MAX_PER_PAGE = 500
MAX_IN_VALUES = 200
TRUE_WORDS = frozenset({"true", "ya", "yes", "1", "benar"})
FALSE_WORDS = frozenset({"false", "tidak", "no", "0", "salah"})
NUMERIC = frozenset({FieldType.INTEGER, FieldType.NUMBER})


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    LT = "lt"
    GT = "gt"
    BETWEEN = "between"
    CONTAINS = "contains"
    IN = "in"
    EMPTY = "empty"
    NOT_EMPTY = "notempty"


class Agg(StrEnum):
    COUNT = "count"
    SUM = "sum"
    MEAN = "mean"
    MIN = "min"
    MAX = "max"


AGG_SQL = {Agg.SUM: "sum", Agg.MEAN: "avg", Agg.MIN: "min", Agg.MAX: "max"}
ORDERED_OPS = frozenset({Op.LT, Op.GT, Op.BETWEEN})


class QueryError(ValueError):
    """A query that cannot run as asked; `message` is an English msgid with `params`."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(message % params)

    def text(self, tr: Translate = identity) -> str:
        return tr(self.message) % self.params


class QueryTimeout(QueryError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            N_(
                "The query took longer than %(seconds)s seconds and was stopped. Add a filter "
                "or group the rows to make the result smaller."
            ),
            seconds=f"{seconds:g}",
        )


@dataclass(frozen=True, slots=True)
class Filter:
    """`value` is text as a user typed it: a pair for `between`, a tuple for `in`, nothing for
    `empty` and `notempty`."""

    column: str
    op: Op
    value: str | tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Sort:
    column: str
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Aggregate:
    func: Agg
    column: str | None = None

    @property
    def name(self) -> str:
        return "count" if self.func is Agg.COUNT else f"{self.func}_{self.column}"


@dataclass(frozen=True, slots=True)
class QuerySpec:
    filters: tuple[Filter, ...] = ()
    sort: tuple[Sort, ...] = ()
    group_by: tuple[str, ...] = ()
    aggregates: tuple[Aggregate, ...] = ()
    page: int = 1
    per_page: int = 50

    @property
    def grouped(self) -> bool:
        return bool(self.group_by)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    title: str
    type: FieldType


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[Column]
    rows: list[tuple[Any, ...]]
    total: int
    page: int
    per_page: int
    grouped: bool = False
    elapsed_ms: float = 0.0
    cached: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    def records(self) -> list[dict[str, Any]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A WHERE condition with `?` placeholders, and the values bound to them."""

    where: str = "TRUE"
    params: list[Any] = field(default_factory=list)


def _convert(text: str, column: Field) -> Any:
    raw = text.strip()
    kind = column.type
    try:
        if kind is FieldType.INTEGER:
            return int(raw)
        if kind is FieldType.NUMBER:
            return float(raw.replace(",", ".") if "," in raw and "." not in raw else raw)
        if kind is FieldType.DATE:
            return dt.date.fromisoformat(raw)
        if kind is FieldType.DATETIME:
            return dt.datetime.fromisoformat(raw)
        if kind is FieldType.BOOLEAN:
            word = raw.lower()
            if word in TRUE_WORDS | FALSE_WORDS:
                return word in TRUE_WORDS
            raise ValueError(raw)
    except ValueError:
        hints = {
            FieldType.INTEGER: N_("a whole number such as 42"),
            FieldType.NUMBER: N_("a number such as 2.5"),
            FieldType.DATE: N_("a date as YYYY-MM-DD"),
            FieldType.DATETIME: N_("a date and time as YYYY-MM-DD HH:MM"),
            FieldType.BOOLEAN: N_("ya or tidak"),
        }
        raise QueryError(
            N_("“%(value)s” is not a valid value for column “%(column)s”: write %(expected)s."),
            value=text,
            column=column.name,
            expected=hints[kind],
        ) from None
    return text


def field_map(fields: Sequence[Field]) -> dict[str, Field]:
    return {f.name: f for f in fields}


def _column(fields: dict[str, Field], name: str) -> Field:
    found = fields.get(name)
    if found is None:
        raise QueryError(N_("There is no column “%(column)s” in this version."), column=name)
    return found


def _values(item: Filter) -> tuple[str, ...]:
    if item.value is None:
        return ()
    return (item.value,) if isinstance(item.value, str) else tuple(item.value)


def _condition(item: Filter, column: Field) -> tuple[str, list[Any]]:
    name = quote_ident(column.name)
    op = item.op
    if op is Op.EMPTY:
        return f"{name} IS NULL", []
    if op is Op.NOT_EMPTY:
        return f"{name} IS NOT NULL", []
    values = _values(item)
    if op in ORDERED_OPS and column.type is FieldType.BOOLEAN:
        raise QueryError(
            N_("The operator “%(op)s” cannot be used on column “%(column)s” (yes/no values)."),
            op=str(op),
            column=column.name,
        )
    wanted = 2 if op is Op.BETWEEN else 1
    if op is not Op.IN and (len(values) != wanted or any(not v.strip() for v in values)):
        if op is Op.BETWEEN:
            message = N_("The filter “between” on column “%(column)s” needs two values.")
        else:
            message = N_("The filter “%(op)s” on column “%(column)s” needs a value.")
        raise QueryError(message, op=str(op), column=column.name)
    if op is Op.CONTAINS:
        text = name if column.type is FieldType.STRING else f"CAST({name} AS VARCHAR)"
        return f"contains(lower({text}), ?)", [values[0].lower()]
    if op is Op.IN:
        chosen = [v for v in values if v.strip()]
        if not chosen or len(chosen) > MAX_IN_VALUES:
            raise QueryError(
                N_("The filter “in” on column “%(column)s” needs 1 to %(limit)s values."),
                column=column.name,
                limit=MAX_IN_VALUES,
            )
        marks = ", ".join("?" for _ in chosen)
        return f"{name} IN ({marks})", [_convert(v, column) for v in chosen]
    typed = [_convert(v, column) for v in values]
    sql = {
        Op.EQ: f"{name} = ?",
        Op.NE: f"{name} IS DISTINCT FROM ?",
        Op.LT: f"{name} < ?",
        Op.GT: f"{name} > ?",
        Op.BETWEEN: f"{name} BETWEEN ? AND ?",
    }[op]
    return sql, typed


def compile_filters(fields: dict[str, Field], filters: Sequence[Filter]) -> Compiled:
    parts: list[str] = []
    params: list[Any] = []
    for item in filters:
        sql, values = _condition(item, _column(fields, item.column))
        parts.append(sql)
        params.extend(values)
    return Compiled(" AND ".join(parts) or "TRUE", params)


def check_spec(fields: dict[str, Field], spec: QuerySpec) -> None:
    """Raise `QueryError` for anything in `spec` the version cannot answer."""
    if spec.page < 1 or not 1 <= spec.per_page <= MAX_PER_PAGE:
        raise QueryError(
            N_("The page must be 1 or more and the page size between 1 and %(limit)s."),
            limit=MAX_PER_PAGE,
        )
    for name in spec.group_by:
        _column(fields, name)
    if spec.aggregates and not spec.group_by:
        raise QueryError(N_("Choose a column to group by before adding a summary."))
    for agg in spec.aggregates:
        if agg.func is Agg.COUNT:
            continue
        column = _column(fields, agg.column or "")
        if agg.func in (Agg.SUM, Agg.MEAN) and column.type not in NUMERIC:
            raise QueryError(
                N_("“%(func)s” needs a numeric column; “%(column)s” is not numeric."),
                func=str(agg.func),
                column=column.name,
            )
    sortable = set(output_names(fields, spec))
    for item in spec.sort:
        if item.column not in sortable:
            raise QueryError(N_("Cannot sort by “%(column)s” here."), column=item.column)


def aggregates_of(spec: QuerySpec) -> tuple[Aggregate, ...]:
    """The summaries of a grouped query: a row count when none was asked for."""
    return spec.aggregates or (Aggregate(Agg.COUNT),)


def output_names(fields: dict[str, Field], spec: QuerySpec) -> list[str]:
    if not spec.grouped:
        return list(fields)
    return [*spec.group_by, *(a.name for a in aggregates_of(spec))]


def output_columns(fields: dict[str, Field], spec: QuerySpec) -> list[Column]:
    if not spec.grouped:
        return [Column(f.name, f.title, f.type) for f in fields.values()]
    columns = [Column(n, fields[n].title, fields[n].type) for n in spec.group_by]
    for agg in aggregates_of(spec):
        if agg.func is Agg.COUNT:
            columns.append(Column(agg.name, agg.name, FieldType.INTEGER))
            continue
        source = fields[agg.column or ""]
        kind = FieldType.NUMBER if agg.func is Agg.MEAN else source.type
        columns.append(Column(agg.name, f"{agg.func} {source.title}", kind))
    return columns


def _order(spec: QuerySpec, default: Sequence[str]) -> str:
    keys = [f"{quote_ident(s.column)} {'DESC' if s.descending else 'ASC'}" for s in spec.sort]
    keys += [f"{quote_ident(name)} ASC" for name in default]
    return ", ".join(f"{key} NULLS LAST" for key in keys)


def select_sql(
    fields: dict[str, Field],
    spec: QuerySpec,
    compiled: Compiled,
    source: str,
    guard: Callable[[str], str] | None = None,
) -> str:
    """The full result of `spec` (no paging) as SQL over the relation `source`, which has a
    `file_row_number` column: the order of rows not sorted otherwise (the relation may store
    them in another order) and the tie-breaker. `guard(column_sql)` wraps the text columns of the
    output (formula protection for exports)."""

    def shown(name: str, kind: FieldType) -> str:
        ident = quote_ident(name)
        if guard is not None and kind is FieldType.STRING:
            return f"{guard(ident)} AS {ident}"
        return ident

    if not spec.grouped:
        cols = ", ".join(shown(f.name, f.type) for f in fields.values())
        order = _order(spec, ["file_row_number"])
        return f"SELECT {cols} FROM {source} WHERE {compiled.where} ORDER BY {order}"  # noqa: S608
    keys = ", ".join(quote_ident(n) for n in spec.group_by)
    measures = []
    for agg in aggregates_of(spec):
        alias = quote_ident(agg.name)
        if agg.func is Agg.COUNT:
            measures.append(f"count(*) AS {alias}")
        else:
            measures.append(f"{AGG_SQL[agg.func]}({quote_ident(agg.column or '')}) AS {alias}")
    outer = ", ".join(
        shown(c.name, c.type) for c in output_columns(fields, spec) if c.name in spec.group_by
    )
    inner = (
        f"SELECT {keys}, {', '.join(measures)} FROM {source} WHERE {compiled.where} "  # noqa: S608
        f"GROUP BY {keys}"
    )
    rest = ", ".join(quote_ident(a.name) for a in aggregates_of(spec))
    order = _order(spec, spec.group_by)
    return f"SELECT {outer}, {rest} FROM ({inner}) ORDER BY {order}"  # noqa: S608
