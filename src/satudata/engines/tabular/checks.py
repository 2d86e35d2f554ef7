"""Type `raw` into the version and check it, all in SQL. Counts cover every row; only a capped
sample of each failing check is fetched as problems. Also computes the field statistics.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from satudata.engines.tabular import store
from satudata.engines.tabular.casts import SQL_TYPES, literal
from satudata.engines.tabular.model import Field
from satudata.engines.tabular.plan import Column
from satudata.engines.tabular.problems import Problem, ProblemLog
from satudata.engines.tabular.rules import UNIQUE_TEXT, Check, checks_for
from satudata.engines.tabular.source import Raw
from satudata.engines.tabular.store import quote_ident

EXACT_DISTINCT_ROWS = 100_000
EXACT_DISTINCT_VALUES = 50_000


def typed_select(columns: Sequence[Column]) -> str:
    """The query that turns `raw` into the typed version, one output column per field, in the
    rows' order in the file. The ORDER BY is needed: DuckDB turns the long IN lists of the
    casts into joins, which do not keep insertion order, and the version's row groups would
    then be written in whatever order the threads finish them."""
    return (
        "SELECT "
        + ", ".join(
            f"CAST({c.sql()} AS {SQL_TYPES[c.type]}) AS {quote_ident(c.name)}" for c in columns
        )
        + " FROM raw ORDER BY rowid"
    )


def open_typed(con: duckdb.DuckDBPyConnection, columns: Sequence[Column], parquet: Path) -> None:
    """View `typed` (`f<k>` per column) over the written Parquet file. Its rows line up with
    `raw`, so checks read both with a POSITIONAL JOIN (`r`, `t`)."""
    names = ", ".join(f"{quote_ident(c.name)} AS f{k}" for k, c in enumerate(columns))
    con.execute(f"CREATE VIEW typed AS SELECT {names} FROM read_parquet({literal(str(parquet))})")


JOINED = "(SELECT rowid AS __i, * FROM raw) r POSITIONAL JOIN typed t"


def run_checks(
    con: duckdb.DuckDBPyConnection,
    raw: Raw,
    columns: Sequence[Column],
    parquet: Path,
    log: ProblemLog,
) -> tuple[int, list[Field]]:
    """Compute the field statistics (counts, minimum and maximum from the Parquet footer,
    distinct values in one pass that also counts the checks on typed values), count the checks
    on source text, then fetch samples of the failing checks. Returns the row count and the
    fields with statistics."""
    checks = checks_for(con, columns)
    on_typed = [c for c in checks if not c.from_raw]
    distinct = [f"approx_count_distinct(t.f{k})" for k in range(len(columns))]
    row = con.execute(
        f"SELECT {', '.join([*distinct, *(f'count_if({c.condition})' for c in on_typed)])} "
        "FROM typed t"
    ).fetchone()
    assert row is not None
    count, stats = store.parquet_stats(con, parquet, {c.name: c.type for c in columns})
    fields = _fields(columns, count, stats, row[: len(columns)])
    fields = _exact_distinct(con, fields, count)
    failing = list(zip(on_typed, row[len(columns) :], strict=True))
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
        f"SELECT r.__i, {value} FROM {JOINED} WHERE {check.condition} "
        f"ORDER BY r.__i LIMIT {log.cap}"
    ).fetchall()
    log.add_many((_problem(raw, check, i, v) for i, v in rows), total)


def _unique(con: duckdb.DuckDBPyConnection, raw: Raw, k: int, col: Column, log: ProblemLog) -> None:
    f = f"t.f{k}"
    row = con.execute(f"SELECT count({f}) - count(DISTINCT {f}) FROM typed t").fetchone()
    total = int(row[0]) if row else 0
    if not total:
        return
    rows = con.execute(
        f"SELECT __i, v, first FROM (SELECT r.__i, {f} AS v, min(r.__i) OVER (PARTITION BY {f}) "
        f"AS first FROM {JOINED} WHERE {f} IS NOT NULL) WHERE __i <> first ORDER BY __i "
        f"LIMIT {log.cap}"
    ).fetchall()
    check = Check("unique", col, k, "", *UNIQUE_TEXT)
    log.add_many(
        (
            replace(_problem(raw, check, i, v), params={"first_row": raw.user_row(first)})
            for i, v, first in rows
        ),
        total,
    )


def _exact_distinct(con: duckdb.DuckDBPyConnection, fields: list[Field], count: int) -> list[Field]:
    """Exact distinct counts where they are cheap: small tables, or few distinct values (the
    estimate is off by several percent, which shows on a list of 104 kelurahan)."""
    exact = [
        k
        for k, f in enumerate(fields)
        if count <= EXACT_DISTINCT_ROWS or (f.distinct_count or 0) <= EXACT_DISTINCT_VALUES
    ]
    if not exact:
        return fields
    row = con.execute(
        f"SELECT {', '.join(f'count(DISTINCT t.f{k})' for k in exact)} FROM typed t"
    ).fetchone()
    assert row is not None
    out = list(fields)
    for k, distinct in zip(exact, row, strict=True):
        out[k] = replace(out[k], distinct_count=int(distinct))
    return out


def _fields(
    columns: Sequence[Column],
    count: int,
    stats: dict[str, tuple[int, Any, Any]],
    distinct: Sequence[Any],
) -> list[Field]:
    """Each column's field with its null count, distinct count, minimum and maximum."""
    fields = []
    for col, estimate in zip(columns, distinct, strict=True):
        nulls, low, high = stats.get(col.name, (count, None, None))
        nullable = not col.spec.required if col.spec else nulls > 0
        fields.append(
            replace(
                col.field(),
                nullable=nullable,
                null_count=nulls,
                distinct_count=int(estimate),
                min=low,
                max=high,
            )
        )
    return fields
