"""The rules a column is checked against, each as a SQL condition that is true on failing rows.

Conditions read the typed value `t.f<k>` and, for type and required checks, the source text
`r.c<j>` (the two relations are joined by position). Messages and hints are gettext msgids.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from satudata.engines.tabular.casts import SQL_TYPES, full_clean, literal
from satudata.engines.tabular.model import FieldType, Role
from satudata.engines.tabular.plan import Column
from satudata.engines.tabular.problems import N_, Severity

ID_FORMAT = "[0-9]" * 16

TYPE_TEXT = {
    FieldType.INTEGER: (
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not a whole number.'),
        N_("Write a number without letters or decimals, for example 1250 or 1.250."),
    ),
    FieldType.NUMBER: (
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not a number.'),
        N_("Write a number with a decimal comma, for example 12,5 or 1.234,56."),
    ),
    FieldType.DATE: (
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not a date.'),
        N_("Write the date as 17/08/2024, 2024-08-17 or 17 Agustus 2024."),
    ),
    FieldType.DATETIME: (
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not a date and time.'),
        N_("Write the date and time as 17/08/2024 10:30 or 2024-08-17 10:30:00."),
    ),
    FieldType.BOOLEAN: (
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not a yes/no value.'),
        N_("Write ya or tidak."),
    ),
}
CODE_TEXT = (
    N_('Row %(row)s, column "%(column)s": "%(value)s" is not in the code list.'),
    N_("Use one of the codes of the reference list, for example %(example)s."),
)
ENUM_TEXT = (
    N_('Row %(row)s, column "%(column)s": "%(value)s" is not one of the allowed values.'),
    N_("Use one of the values the data standard allows: %(allowed)s."),
)
ENUM_SHOWN = 10
UNIQUE_TEXT = (
    N_('Row %(row)s, column "%(column)s": "%(value)s" already appears in row %(first_row)s.'),
    N_("Each value in this column must be unique; remove the duplicate row or correct the value."),
)


@dataclass(frozen=True, slots=True)
class Check:
    """A rule on output column `position`; `condition` is true on the rows that break it.

    `from_raw` checks read the source text (`r`), shown as the problem's value.
    """

    rule: str
    column: Column
    position: int
    condition: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR
    from_raw: bool = False
    params: tuple[tuple[str, Any], ...] = ()


def sql_value(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP {literal(value.isoformat(sep=' '))}"
    if isinstance(value, dt.date):
        return f"DATE {literal(value.isoformat())}"
    if isinstance(value, bool | int | float):
        return repr(value)
    return literal(str(value))


def failed(raw: str, typed: str) -> str:
    """True where the cell has a value that did not parse."""
    return (
        f"CASE WHEN {raw} IS NULL OR {typed} IS NOT NULL THEN false "
        f"ELSE {full_clean(raw)} IS NOT NULL END"
    )


def empty(raw: str, typed: str) -> str:
    """True where the cell is empty (or only holds a "no data" marker)."""
    return (
        f"CASE WHEN {typed} IS NOT NULL THEN false WHEN {raw} IS NULL THEN true "
        f"ELSE {full_clean(raw)} IS NULL END"
    )


def is_typed(column: Column) -> bool:
    return column.index is not None and column.type is not FieldType.STRING


def _code_check(
    con: duckdb.DuckDBPyConnection, k: int, col: Column, codes: Collection[str], severity: Severity
) -> Check:
    table = f"codes_{k}"
    con.register(table, pa.table({"code": pa.array([str(c) for c in codes], pa.string())}))
    example = ", ".join(sorted(map(str, codes))[:3])
    return Check(
        "code_list",
        col,
        k,
        f"CAST(t.f{k} AS VARCHAR) NOT IN (SELECT code FROM {table})",
        *CODE_TEXT,
        severity=severity,
        params=(("example", example),),
    )


def _enum_check(
    con: duckdb.DuckDBPyConnection, k: int, col: Column, values: Collection[str]
) -> Check:
    """The typed value must equal one of `values` (text, cast to the column's type)."""
    table = f"enum_{k}"
    con.register(table, pa.table({"value": pa.array([str(v) for v in values], pa.string())}))
    shown = ", ".join(str(v) for v in list(values)[:ENUM_SHOWN])
    if len(values) > ENUM_SHOWN:
        shown += ", …"
    return Check(
        "enum",
        col,
        k,
        f"t.f{k} NOT IN (SELECT TRY_CAST(value AS {SQL_TYPES[col.type]}) FROM {table})",
        *ENUM_TEXT,
        params=(("allowed", shown),),
    )


def _spec_checks(k: int, col: Column) -> list[Check]:
    spec, f = col.spec, f"t.f{k}"
    if spec is None or col.index is None:
        return []
    checks = []
    if spec.required:
        checks.append(
            Check(
                "required",
                col,
                k,
                empty(f"r.c{col.index}", f),
                N_('Row %(row)s, column "%(column)s": a value is required.'),
                N_("Fill in this cell; the column may not be empty."),
                from_raw=True,
            )
        )
    if spec.minimum is not None:
        checks.append(
            Check(
                "range.min",
                col,
                k,
                f"{f} < {sql_value(spec.minimum)}",
                N_(
                    'Row %(row)s, column "%(column)s": %(value)s is less than the minimum '
                    "%(minimum)s."
                ),
                N_("Check the value; it must be at least %(minimum)s."),
                params=(("minimum", spec.minimum),),
            )
        )
    if spec.maximum is not None:
        checks.append(
            Check(
                "range.max",
                col,
                k,
                f"{f} > {sql_value(spec.maximum)}",
                N_(
                    'Row %(row)s, column "%(column)s": %(value)s is more than the maximum '
                    "%(maximum)s."
                ),
                N_("Check the value; it must be at most %(maximum)s."),
                params=(("maximum", spec.maximum),),
            )
        )
    if spec.pattern:
        checks.append(
            Check(
                "pattern",
                col,
                k,
                f"NOT regexp_full_match(CAST({f} AS VARCHAR), {literal(spec.pattern)})",
                N_(
                    'Row %(row)s, column "%(column)s": "%(value)s" does not have the required form.'
                ),
                N_("Write the value in the form the data standard describes."),
            )
        )
    return checks


def checks_for(con: duckdb.DuckDBPyConnection, columns: list[Column]) -> list[Check]:
    """Every check of every column (code lists are registered in `con` as tables)."""
    checks: list[Check] = []
    for k, col in enumerate(columns):
        if is_typed(col):
            message, hint = TYPE_TEXT[col.type]
            condition = failed(f"r.c{col.index}", f"t.f{k}")
            checks.append(
                Check(f"type.{col.type}", col, k, condition, message, hint, from_raw=True)
            )
        if col.role in (Role.NIK, Role.KK) and col.type is FieldType.STRING:
            checks.append(
                Check(
                    f"format.{col.role}",
                    col,
                    k,
                    f"NOT (t.f{k} GLOB {literal(ID_FORMAT)})",
                    N_('Row %(row)s, column "%(column)s": "%(value)s" is not 16 digits.'),
                    N_("A NIK or No. KK has exactly 16 digits; check for missing or extra digits."),
                    severity=Severity.WARNING,
                )
            )
        checks += _spec_checks(k, col)
        if col.index is None:
            continue
        if col.spec is not None and col.spec.enum is not None:
            checks.append(_enum_check(con, k, col, col.spec.enum))
        if col.spec is not None and col.spec.codes is not None:
            checks.append(_code_check(con, k, col, col.spec.codes, Severity.ERROR))
        elif col.reference is not None:
            checks.append(_code_check(con, k, col, col.reference, Severity.WARNING))
    return checks
