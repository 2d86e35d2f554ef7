"""Indicator values computed from a published table: a formula over aggregates of named columns
(`sum(jumlah_balita_stunting) / sum(jumlah_balita) * 100`), per period and per wilayah
(the whole city, each kecamatan or each kelurahan, from a kode wilayah column).

A formula is parsed with Python's `ast` into a small, closed grammar — numbers, + − × ÷,
parentheses and the aggregates below over column names — and compiled to DuckDB SQL, so a formula
can never run anything else. Division by zero gives no value rather than an error. Messages are
msgids marked with `N_`, their values in `params`.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from satudata.engines import duck


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


AGGREGATES = {"sum": "sum", "mean": "avg", "avg": "avg", "min": "min", "max": "max"}
COUNTS = {"count", "count_distinct"}
LEVELS = ("kota", "kecamatan", "kelurahan")
DIGITS = {"kecamatan": 6, "kelurahan": 10}
OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Formula:
    text: str
    sql: str
    columns: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Value:
    period: str
    kode: str | None
    value: float | None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Compiler:
    def __init__(self, columns: Mapping[str, bool]) -> None:
        self.columns = columns
        self.used: set[str] = set()

    def column(self, node: ast.expr, function: str, numeric: bool) -> str:
        if not isinstance(node, ast.Name):
            raise FormulaError(N_("%(function)s() takes one column name."), function=function)
        name = node.id
        if name not in self.columns:
            raise FormulaError(
                N_("There is no column “%(column)s” in the data. Columns: %(columns)s."),
                column=name,
                columns=", ".join(sorted(self.columns)),
            )
        if numeric and not self.columns[name]:
            raise FormulaError(
                N_("Column “%(column)s” is not a number: %(function)s() needs numbers."),
                column=name,
                function=function,
            )
        self.used.add(name)
        return _quote(name)

    def call(self, node: ast.Call) -> str:
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise FormulaError(
                N_("Only sum, mean, min, max, count and count_distinct are allowed.")
            )
        function = node.func.id.lower()
        if function == "count" and not node.args:
            return "count(*)"
        if len(node.args) != 1:
            raise FormulaError(N_("%(function)s() takes one column name."), function=function)
        if function == "count":
            return f"count({self.column(node.args[0], function, numeric=False)})"
        if function == "count_distinct":
            return f"count(DISTINCT {self.column(node.args[0], function, numeric=False)})"
        if function in AGGREGATES:
            column = self.column(node.args[0], function, numeric=True)
            return f"{AGGREGATES[function]}(CAST({column} AS DOUBLE))"
        raise FormulaError(
            N_("“%(function)s” is not allowed: use sum, mean, min, max, count or count_distinct."),
            function=function,
        )

    def expr(self, node: ast.expr) -> str:
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            left, right = self.expr(node.left), self.expr(node.right)
            if isinstance(node.op, ast.Div):
                return f"(({left}) / NULLIF(({right}), 0))"
            return f"(({left}) {OPERATORS[type(node.op)]} ({right}))"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return f"(-({self.expr(node.operand)}))"
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return repr(float(node.value))
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Name):
            raise FormulaError(
                N_("Column “%(column)s” must be inside an aggregate, e.g. sum(%(column)s)."),
                column=node.id,
            )
        raise FormulaError(
            N_("Only numbers, + - * /, parentheses and aggregates of columns are allowed.")
        )


def parse(text: str, columns: Mapping[str, bool]) -> Formula:
    """`columns` maps each column name to whether it holds numbers."""
    source = text.strip()
    if not source:
        raise FormulaError(N_("Write a formula, e.g. sum(jumlah) / count()."))
    if len(source) > 500:
        raise FormulaError(N_("The formula is longer than 500 characters."))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise FormulaError(
            N_("The formula cannot be read near character %(offset)s."),
            offset=error.offset or 1,
        ) from error
    compiler = _Compiler(columns)
    sql = compiler.expr(tree.body)
    if not compiler.used and "count(*)" not in sql:
        raise FormulaError(N_("The formula uses no column of the data."))
    return Formula(text=source, sql=sql, columns=frozenset(compiler.used))


def _area(column: str, level: str) -> str:
    digits = f"regexp_replace(CAST({_quote(column)} AS VARCHAR), '[^0-9]', '', 'g')"
    parts = [f"{digits}[1:2]", f"{digits}[3:4]", f"{digits}[5:6]"]
    if level == "kelurahan":
        parts.append(f"{digits}[7:10]")
    return (
        f"CASE WHEN length({digits}) >= {DIGITS[level]} THEN concat_ws('.', {', '.join(parts)}) END"
    )


def compute(
    table: Path,
    formula: Formula,
    *,
    level: str = "kota",
    wilayah_column: str | None = None,
    period_column: str | None = None,
    period: str = "",
) -> list[Value]:
    """The formula's value per period (the `period_column`'s values, else `period`) and per
    area of `level`; rows whose kode wilayah is missing or too short for the level are left out."""
    if level not in LEVELS:
        raise FormulaError(N_("Unknown level “%(level)s”."), level=level)
    if level != "kota" and not wilayah_column:
        raise FormulaError(N_("A value per %(level)s needs a kode wilayah column."), level=level)
    period_sql = (
        f"CAST({_quote(period_column)} AS VARCHAR)" if period_column else "CAST(? AS VARCHAR)"
    )
    area_sql = _area(wilayah_column, level) if level != "kota" and wilayah_column else "NULL"
    query = (
        f"SELECT __period, __area, {formula.sql} AS __value FROM ("  # noqa: S608 (compiled from the closed grammar)
        f"SELECT *, {period_sql} AS __period, {area_sql} AS __area FROM read_parquet(?)) "
        + ("WHERE __area IS NOT NULL " if level != "kota" else "")
        + "GROUP BY __period, __area ORDER BY __period, __area"
    )
    params: list[Any] = [] if period_column else [period]
    params.append(str(table))
    con = duck.connect(threads=1)
    try:
        rows = con.execute(query, params).fetchall()
    finally:
        con.close()
    return [
        Value(period=str(p) if p is not None else "", kode=area, value=_finite(value))
        for p, area, value in rows
    ]


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if number == number and abs(number) != float("inf") else None
