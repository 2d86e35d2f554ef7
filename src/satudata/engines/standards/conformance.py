"""How far a stored Parquet version conforms to a standard, counted in one vectorised pass."""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from satudata.engines.tabular import FieldSpec, Options
from satudata.engines.tabular.casts import SQL_TYPES, literal
from satudata.engines.tabular.rules import sql_value
from satudata.engines.tabular.session import session
from satudata.engines.tabular.store import quote_ident

MISSING = "schema.missing_column"


@dataclass(frozen=True, slots=True)
class FieldResult:
    """The failing rows of one field per rule (`schema.missing_column` when it is absent)."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Conformance:
    rows: int
    fields: list[FieldResult]

    @property
    def total(self) -> int:
        return sum(f.total for f in self.fields)

    @property
    def ok(self) -> bool:
        return self.total == 0


def _register(con: duckdb.DuckDBPyConnection, name: str, values: Sequence[str]) -> None:
    con.register(name, pa.table({"value": pa.array([str(v) for v in values], pa.string())}))


def _conditions(
    con: duckdb.DuckDBPyConnection, k: int, spec: FieldSpec, stored: str
) -> list[tuple[str, str]]:
    """(rule, aggregate) pairs for one field whose stored column has DuckDB type `stored`."""
    column = quote_ident(spec.name)
    target = SQL_TYPES[spec.type]
    v = column if stored == target else f"TRY_CAST({column} AS {target})"
    out = []
    if stored != target:
        out.append(("type", f"count_if({column} IS NOT NULL AND {v} IS NULL)"))
    if spec.required:
        out.append(("required", f"count_if({column} IS NULL)"))
    if spec.minimum is not None:
        out.append(("range.min", f"count_if({v} < {sql_value(spec.minimum)})"))
    if spec.maximum is not None:
        out.append(("range.max", f"count_if({v} > {sql_value(spec.maximum)})"))
    if spec.pattern:
        out.append(
            (
                "pattern",
                f"count_if(NOT regexp_full_match(CAST({v} AS VARCHAR), {literal(spec.pattern)}))",
            )
        )
    if spec.enum:
        _register(con, f"enum_{k}", spec.enum)
        out.append(
            ("enum", f"count_if({v} NOT IN (SELECT TRY_CAST(value AS {target}) FROM enum_{k}))")
        )
    if spec.codes is not None:
        _register(con, f"codes_{k}", list(spec.codes))
        out.append(
            ("code_list", f"count_if(CAST({v} AS VARCHAR) NOT IN (SELECT value FROM codes_{k}))")
        )
    if spec.unique:
        out.append(("unique", f"count({v}) - count(DISTINCT {v})"))
    return out


def check_parquet(
    parquet: Path, specs: Sequence[FieldSpec], options: Options | None = None
) -> Conformance:
    """Every rule of every field of the standard, counted over every row of the version."""
    options = options or Options()
    source = f"read_parquet({literal(str(parquet))})"
    with session(options) as con:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        stored = {row[0]: str(row[1]) for row in described}
        wanted: list[tuple[str, str, str]] = []
        results: dict[str, dict[str, int]] = {}
        count_row = con.execute(f"SELECT count(*) FROM {source}").fetchone()
        rows = int(count_row[0]) if count_row else 0
        for k, spec in enumerate(specs):
            results[spec.name] = {}
            if spec.name not in stored:
                results[spec.name][MISSING] = rows if spec.required else 1
                continue
            wanted += [
                (spec.name, rule, sql) for rule, sql in _conditions(con, k, spec, stored[spec.name])
            ]
        if wanted:
            totals = con.execute(
                f"SELECT {', '.join(sql for _, _, sql in wanted)} FROM {source}"
            ).fetchone()
            for (name, rule, _sql), total in zip(wanted, totals or (), strict=True):
                if total:
                    results[name][rule] = int(total)
    return Conformance(rows, [FieldResult(name, counts) for name, counts in results.items()])
