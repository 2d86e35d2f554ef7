"""Type `raw` into table `typed` and check it, all in SQL. Counts cover every row; only a capped
sample of each failing check is fetched as problems. Also computes the field statistics.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import duckdb

from satudata.engines.tabular.casts import SQL_TYPES
from satudata.engines.tabular.model import ORDERED, Field
from satudata.engines.tabular.plan import Column
from satudata.engines.tabular.problems import Problem, ProblemLog
from satudata.engines.tabular.rules import UNIQUE_TEXT, Check, checks_for
from satudata.engines.tabular.source import Raw
from satudata.engines.tabular.store import quote_ident

EXACT_DISTINCT_ROWS = 100_000
EXACT_DISTINCT_VALUES = 50_000
HEAD = 2_048


def create_typed(con: duckdb.DuckDBPyConnection, columns: Sequence[Column]) -> None:
    """Table `typed`: `raw` typed (`f<k>` per column) with its rowid (`__i`), row for row in
    the file's order. The casts only project (no joins), so DuckDB keeps the rows in order on
    every thread; checks on source text read `raw` and `typed` side by side (`JOINED`)."""
    casts = (f"CAST({c.sql()} AS {SQL_TYPES[c.type]}) AS f{k}" for k, c in enumerate(columns))
    con.execute(f"CREATE TEMP TABLE typed AS SELECT rowid AS __i, {', '.join(casts)} FROM raw")


def named_select(columns: Sequence[Column]) -> str:
    """The query that reads `typed` with the fields' names: the version's content."""
    names = ", ".join(f"f{k} AS {quote_ident(c.name)}" for k, c in enumerate(columns))
    return f"SELECT {names} FROM typed"


JOINED = "raw r POSITIONAL JOIN typed t"


def run_checks(
    con: duckdb.DuckDBPyConnection, raw: Raw, columns: Sequence[Column], log: ProblemLog
) -> tuple[int, list[Field]]:
    """Compute the field statistics, count (or estimate) the distinct values and count the
    checks on typed values in one pass over `typed`, count the checks on source text, then
    fetch samples of the failing checks. Returns the row count and the fields with statistics."""
    checks = checks_for(con, columns)
    on_typed = [c for c in checks if not c.from_raw]
    stats = [
        f"count(t.f{k}), " + (f"min(t.f{k}), max(t.f{k})" if c.type in ORDERED else "NULL, NULL")
        for k, c in enumerate(columns)
    ]
    exact = _exact_distinct(con, len(columns))
    distinct = [
        f"count(DISTINCT t.f{k})" if exact[k] else f"approx_count_distinct(t.f{k})"
        for k in range(len(columns))
    ]
    tests = [f"count_if({c.condition})" for c in on_typed]
    row = con.execute(
        f"SELECT count(*), {', '.join([*stats, *distinct, *tests])} FROM typed t"
    ).fetchone()
    assert row is not None
    count, width = int(row[0]), 3 * len(columns)
    counted = [int(n) for n in row[1 + width : 1 + width + len(columns)]]
    fields = _fields(columns, count, row[1 : 1 + width], _recount(con, exact, counted))
    failing = list(zip(on_typed, row[1 + width + len(columns) :], strict=True))
    on_raw = _may_fail(con, [c for c in checks if c.from_raw], fields)
    if on_raw:
        totals = con.execute(
            f"SELECT {', '.join(f'count_if({c.condition})' for c in on_raw)} FROM {JOINED}"
        ).fetchone()
        assert totals is not None
        failing += zip(on_raw, totals, strict=True)
    for check, total in failing:
        if total:
            _sample(con, raw, check, int(total), log)
    for k, col in enumerate(columns):
        if col.spec is not None and col.spec.unique and col.index is not None:
            _unique(con, raw, k, col, log)
    return count, fields


def _exact_distinct(con: duckdb.DuckDBPyConnection, width: int) -> list[bool]:
    """Which columns have their distinct values counted exactly in the pass over `typed` (the
    others are estimated there): all in a small table, else those whose first rows repeat
    values. (An estimate is off by several percent, which shows on a list of 104 kelurahan.)"""
    row = con.execute("SELECT count(*) FROM typed").fetchone()
    if not row or int(row[0]) <= EXACT_DISTINCT_ROWS:
        return [True] * width
    every = list(range(width))
    head = _count_distinct(con, every, "count(DISTINCT t.f{k})", f"(FROM typed LIMIT {HEAD}) t")
    return [n <= HEAD // 2 for n in head]


def _recount(con: duckdb.DuckDBPyConnection, exact: list[bool], counted: list[int]) -> list[int]:
    """The distinct counts, with the estimated columns of few values counted exactly."""
    few = [k for k, n in enumerate(counted) if not exact[k] and n <= EXACT_DISTINCT_VALUES]
    found = dict(zip(few, _count_distinct(con, few, "count(DISTINCT t.f{k})"), strict=True))
    return [found.get(k, n) for k, n in enumerate(counted)]


def _count_distinct(
    con: duckdb.DuckDBPyConnection, columns: list[int], aggregate: str, source: str = "typed t"
) -> list[int]:
    if not columns:
        return []
    row = con.execute(
        f"SELECT {', '.join(aggregate.format(k=k) for k in columns)} FROM {source}"
    ).fetchone()
    assert row is not None
    return [int(n) for n in row]


def _may_fail(
    con: duckdb.DuckDBPyConnection, checks: list[Check], fields: Sequence[Field]
) -> list[Check]:
    """Drop the checks on source text that statistics prove cannot fail: they need an empty
    typed value, and a type failure also needs more filled source cells than typed values."""
    wanted = [c for c in checks if fields[c.position].null_count]
    typing = [c for c in wanted if c.rule == f"type.{c.column.type}"]
    if not typing:
        return wanted
    row = con.execute(
        "SELECT " + ", ".join(f"count(*) - count(c{c.column.index})" for c in typing) + " FROM raw"
    ).fetchone()
    assert row is not None
    proven = {
        id(c)
        for c, empty in zip(typing, row, strict=True)
        if empty == fields[c.position].null_count
    }
    return [c for c in wanted if id(c) not in proven]


def _problem(raw: Raw, check: Check, rowid: int, value: Any) -> Problem:
    return Problem(
        rule=check.rule,
        severity=check.severity,
        message=check.message,
        hint=check.hint,
        sheet=raw.source.sheet,
        row=raw.user_row(rowid),
        column=check.column.title,
        value=None if value is None else str(value),
        params=dict(check.params),
    )


def _sample(
    con: duckdb.DuckDBPyConnection, raw: Raw, check: Check, total: int, log: ProblemLog
) -> None:
    value = f"r.c{check.column.index}" if check.from_raw else f"t.f{check.position}"
    rows = con.execute(
        f"SELECT t.__i, {value} FROM {JOINED if check.from_raw else 'typed t'} "
        f"WHERE {check.condition} ORDER BY t.__i LIMIT {log.cap}"
    ).fetchall()
    log.add_many((_problem(raw, check, i, v) for i, v in rows), total)


def _unique(con: duckdb.DuckDBPyConnection, raw: Raw, k: int, col: Column, log: ProblemLog) -> None:
    """Rows whose value appeared in an earlier row. The repeated values are found first, so
    only their rows are joined back and ordered."""
    f = f"t.f{k}"
    con.execute(
        f"CREATE TEMP TABLE repeated AS SELECT {f} AS v, count(*) AS n FROM typed t "
        f"WHERE {f} IS NOT NULL GROUP BY {f} HAVING count(*) > 1"
    )
    try:
        row = con.execute("SELECT sum(n) - count(*) FROM repeated").fetchone()
        total = int(row[0] or 0) if row else 0
        if not total:
            return
        rows = con.execute(
            f"SELECT __i, v, first FROM (SELECT t.__i, {f} AS v, min(t.__i) OVER "
            f"(PARTITION BY {f}) AS first FROM typed t WHERE {f} IN (SELECT v FROM repeated)) "
            f"WHERE __i <> first ORDER BY __i LIMIT {log.cap}"
        ).fetchall()
    finally:
        con.execute("DROP TABLE repeated")
    check = Check("unique", col, k, "", *UNIQUE_TEXT)
    log.add_many(
        (
            replace(_problem(raw, check, i, v), params={"first_row": raw.user_row(first)})
            for i, v, first in rows
        ),
        total,
    )


def _fields(
    columns: Sequence[Column], count: int, stats: Sequence[Any], distinct: Sequence[int]
) -> list[Field]:
    """Each column's field with its null count, distinct count, minimum and maximum, from
    `stats`: (filled cells, minimum, maximum) per column. An estimated distinct count is never
    more than the filled cells (the estimate runs several percent high or low)."""
    fields = []
    for k, col in enumerate(columns):
        filled, low, high = stats[3 * k : 3 * k + 3]
        nulls = count - int(filled)
        nullable = not col.spec.required if col.spec else nulls > 0
        fields.append(
            replace(
                col.field(),
                nullable=nullable,
                null_count=nulls,
                distinct_count=min(distinct[k], int(filled)),
                min=low,
                max=high,
            )
        )
    return fields
