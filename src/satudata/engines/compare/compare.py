"""Compare one variable reported by two datasets, per (kode wilayah, period), with DuckDB.

Each side is read from its Parquet file, optionally filtered (e.g. jenis kelamin = "Jumlah"),
and its value column summed per key. The two aggregates are joined with a full outer join:
keys on both sides are compared against the tolerance, keys on one side only are reported.
Column names are quoted identifiers, file paths quoted literals, filter values parameters."""

# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from satudata.engines import duck
from satudata.engines.compare.model import (
    LEVEL_PARTS,
    N_,
    CompareError,
    Options,
    Outcome,
    PeriodGrain,
    Row,
    Side,
    SideSummary,
    Tolerance,
    WilayahLevel,
)

NUMERIC_PREFIXES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
    "FLOAT",
    "DOUBLE",
    "DECIMAL",
)
INTEGER_TYPES = frozenset(NUMERIC_PREFIXES[:10])
DATE_PREFIXES = ("DATE", "TIMESTAMP")
TEXT_TYPES = frozenset({"VARCHAR"})
EPSILON = 1e-9


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def column_types(con: duckdb.DuckDBPyConnection, side: Side, label: str) -> dict[str, str]:
    """The columns of one side's file and their DuckDB types."""
    if not side.path.is_file():
        raise CompareError(N_("The data file of %(side)s is missing."), side=label)
    try:
        found = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_literal(str(side.path))})")
    except duckdb.Error as exc:
        raise CompareError(N_("The data file of %(side)s cannot be read."), side=label) from exc
    return {str(name): str(kind) for name, kind, *_rest in found.fetchall()}


def _is(kind: str, prefixes: Sequence[str]) -> bool:
    return kind.upper().startswith(tuple(prefixes))


def _require(types: dict[str, str], column: str | None, label: str) -> str:
    if column is None or column not in types:
        raise CompareError(
            N_("Column “%(column)s” is not in the data of %(side)s."),
            column=column or "",
            side=label,
        )
    return types[column]


def _value_expr(types: dict[str, str], side: Side, label: str) -> str:
    kind = _require(types, side.value, label)
    if not _is(kind, NUMERIC_PREFIXES):
        raise CompareError(
            N_(
                "Column “%(column)s” of %(side)s holds %(type)s, not numbers: choose a "
                "numeric column as the value."
            ),
            column=side.value,
            side=label,
            type=kind.lower(),
        )
    return _ident(side.value)


def _wilayah_expr(types: dict[str, str], side: Side, label: str, level: WilayahLevel) -> str:
    kind = _require(types, side.wilayah, label)
    if kind.upper() not in TEXT_TYPES and kind.upper() not in INTEGER_TYPES:
        raise CompareError(
            N_(
                "Column “%(column)s” of %(side)s holds %(type)s: a kode wilayah column holds "
                "codes such as 36.71.01."
            ),
            column=side.wilayah,
            side=label,
            type=kind.lower(),
        )
    code = "nullif(trim(CAST(w0 AS VARCHAR)), '')"
    parts = LEVEL_PARTS.get(level)
    if parts is None:
        return code
    return (
        f"CASE WHEN len(string_split({code}, '.')) >= {parts} "
        f"THEN array_to_string(string_split({code}, '.')[1:{parts}], '.') END"
    )


def _period_expr(types: dict[str, str], side: Side, label: str, grain: PeriodGrain) -> str:
    if side.period is None:
        return "''"
    kind = _require(types, side.period, label)
    column = "p0"
    if kind.upper() in INTEGER_TYPES:
        return f"coalesce(CAST({column} AS VARCHAR), '')"
    if _is(kind, DATE_PREFIXES):
        pattern = "%Y-%m" if grain == PeriodGrain.MONTH else "%Y"
        return f"coalesce(strftime(CAST({column} AS DATE), '{pattern}'), '')"
    if kind.upper() in TEXT_TYPES:
        return f"coalesce(trim({column}), '')"
    raise CompareError(
        N_(
            "Column “%(column)s” of %(side)s holds %(type)s: a period column holds years "
            "(2024) or dates."
        ),
        column=side.period,
        side=label,
        type=kind.lower(),
    )


def _filter_expr(types: dict[str, str], side: Side, label: str) -> tuple[str, list[Any]]:
    if not side.filter_column:
        return "TRUE", []
    _require(types, side.filter_column, label)
    return "lower(trim(CAST(f0 AS VARCHAR))) = lower(trim(?))", [side.filter_value or ""]


def _load_side(
    con: duckdb.DuckDBPyConnection, side: Side, name: str, label: str, options: Options
) -> SideSummary:
    """Sum the value per distinct raw (code, period, filter value) in one pass over the file,
    then clean the few distinct keys: trim, cut to the level, period key, filter."""
    types = column_types(con, side, label)
    value = _value_expr(types, side, label)
    wilayah = _wilayah_expr(types, side, label, options.level)
    period = _period_expr(types, side, label, options.grain)
    keep, params = _filter_expr(types, side, label)
    raw = {
        "w0": _ident(side.wilayah),
        "p0": _ident(side.period) if side.period else "NULL",
        "f0": _ident(side.filter_column) if side.filter_column else "NULL",
    }
    columns = ", ".join(f"{expr} AS {alias}" for alias, expr in raw.items())
    con.execute(
        f"CREATE TEMP TABLE {name}_raw AS SELECT {columns}, sum(CAST({value} AS DOUBLE)) AS v, "
        f"count(*) AS n, count({value}) AS nv "
        f"FROM read_parquet({_literal(str(side.path))}) GROUP BY ALL"
    )
    con.execute(
        f"CREATE TEMP TABLE {name}_keys AS SELECT {wilayah} AS w, {period} AS p, v, n, nv, "
        f"{keep} AS keep FROM {name}_raw",
        params,
    )
    con.execute(
        f"CREATE TEMP TABLE {name} AS SELECT w, p, sum(v) AS v FROM {name}_keys "
        "WHERE keep AND w IS NOT NULL GROUP BY w, p HAVING sum(nv) > 0"
    )
    counts = con.execute(
        f"SELECT sum(n), sum(n) FILTER (WHERE keep), sum(n) FILTER (WHERE keep AND w IS NULL), "
        f"sum(n - nv) FILTER (WHERE keep AND w IS NOT NULL), (SELECT count(*) FROM {name}) "
        f"FROM {name}_keys"
    ).fetchone()
    con.execute(f"DROP TABLE {name}_raw")
    con.execute(f"DROP TABLE {name}_keys")
    rows, kept, missing_keys, missing_values, keys = (int(c or 0) for c in counts or (0,) * 5)
    return SideSummary(rows, kept, missing_keys, missing_values, keys)


def _disagree_expr(tolerance: Tolerance) -> str:
    scale = f"{EPSILON} * greatest(1, abs(a.v), abs(b.v))"
    tests = []
    if tolerance.absolute is not None:
        tests.append(f"abs(b.v - a.v) > {float(tolerance.absolute)!r} + {scale}")
    if tolerance.percent is not None:
        tests.append(
            f"(a.v = 0 AND b.v <> 0) OR (a.v <> 0 AND "
            f"abs(b.v - a.v) / abs(a.v) * 100 > {float(tolerance.percent)!r} + {EPSILON})"
        )
    if not tests:
        tests.append(f"abs(b.v - a.v) > {scale}")
    return " AND ".join(f"({t})" for t in tests)


def _join(con: duckdb.DuckDBPyConnection, tolerance: Tolerance) -> None:
    con.execute(
        "CREATE TEMP TABLE joined AS SELECT coalesce(a.w, b.w) AS w, coalesce(a.p, b.p) AS p, "
        "a.v AS va, b.v AS vb, b.v - a.v AS diff, "
        "CASE WHEN a.v = 0 THEN CASE WHEN b.v = 0 THEN 0.0 END "
        "ELSE abs(b.v - a.v) / abs(a.v) END AS rel, "
        f"CASE WHEN a.w IS NULL THEN 'b' WHEN b.w IS NULL THEN 'a' "
        f"WHEN {_disagree_expr(tolerance)} THEN 'x' ELSE 'ok' END AS kind "
        "FROM side_a a FULL OUTER JOIN side_b b ON a.w = b.w AND a.p = b.p"
    )


def _rows(con: duckdb.DuckDBPyConnection, kind: str, order: str, limit: int) -> list[Row]:
    found = con.execute(
        f"SELECT w, p, va, vb, diff, rel FROM joined WHERE kind = ? ORDER BY {order} LIMIT ?",
        [kind, limit],
    ).fetchall()
    return [
        Row(
            wilayah=w,
            period=p or None,
            value_a=va,
            value_b=vb,
            difference=diff,
            relative=rel,
        )
        for w, p, va, vb, diff, rel in found
    ]


def compare(a: Side, b: Side, tolerance: Tolerance, options: Options | None = None) -> Outcome:
    """Compare side A (the reference) with side B per (kode wilayah, period)."""
    options = options or Options()
    if (a.period is None) != (b.period is None):
        raise CompareError(
            N_("Choose a period column on both sides, or on neither: one side has none.")
        )
    for value, name in ((tolerance.absolute, "absolute"), (tolerance.percent, "percent")):
        if value is not None and value < 0:
            raise CompareError(N_("The %(name)s tolerance cannot be negative."), name=name)
    con = duck.connect(
        memory_limit=options.memory_limit,
        threads=options.threads,
        temp_directory=options.temp_dir,
    )
    try:
        con.execute("SET enable_progress_bar = false")
        summary_a = _load_side(con, a, "side_a", "A", options)
        summary_b = _load_side(con, b, "side_b", "B", options)
        _join(con, tolerance)
        counts = con.execute(
            "SELECT count(*) FILTER (WHERE kind IN ('ok', 'x')), "
            "count(*) FILTER (WHERE kind = 'x'), "
            "count(*) FILTER (WHERE kind = 'a'), count(*) FILTER (WHERE kind = 'b'), "
            "max(rel) FILTER (WHERE kind IN ('ok', 'x')) FROM joined"
        ).fetchone() or (0, 0, 0, 0, None)
        limit = max(0, options.max_rows)
        worst = "rel IS NULL DESC, rel DESC, abs(diff) DESC, w, p"
        return Outcome(
            matched=int(counts[0]),
            disagreements=int(counts[1]),
            only_in_a=int(counts[2]),
            only_in_b=int(counts[3]),
            max_relative=counts[4],
            a=summary_a,
            b=summary_b,
            rows=_rows(con, "x", worst, limit),
            only_a_rows=_rows(con, "a", "w, p", limit),
            only_b_rows=_rows(con, "b", "w, p", limit),
        )
    except duckdb.Error as exc:
        raise CompareError(
            N_("The two datasets could not be compared; check the chosen columns.")
        ) from exc
    finally:
        con.close()
