"""Export a version (Parquet) to CSV, XLSX, JSON or NDJSON, streaming, written atomically.

Text cells that a spreadsheet program would read as a formula (starting with `=`, `+`, `-`,
`@`, tab or carriage return) are prefixed with `'` in CSV and XLSX; numbers stay numbers.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.model import Options
from satudata.engines.tabular.session import session
from satudata.engines.tabular.store import quote_ident, staged

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576
BATCH_ROWS = 50_000


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    NDJSON = "ndjson"


def guard_text(text: str) -> str:
    """`text`, prefixed with ' when a spreadsheet program would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def guard_sql(column: str) -> str:
    """SQL: the text value, prefixed with ' when it would start a formula."""
    starts = " OR ".join(f"prefix({column}, {literal(ch)})" for ch in FORMULA_STARTS)
    return f"CASE WHEN {starts} THEN '''' || {column} ELSE {column} END"


def _select(
    con: duckdb.DuckDBPyConnection,
    source: Path,
    columns: Sequence[str] | None,
    limit: int | None,
    guarded: bool,
) -> str:
    con.execute(f"CREATE VIEW version AS SELECT * FROM read_parquet({literal(str(source))})")
    schema = {name: kind for name, kind, *_ in con.execute("DESCRIBE version").fetchall()}
    wanted = list(columns) if columns else list(schema)
    unknown = [c for c in wanted if c not in schema]
    if unknown:
        raise KeyError(f"unknown columns: {', '.join(unknown)}")
    parts = []
    for name in wanted:
        column = quote_ident(name)
        text = guarded and schema[name] == "VARCHAR"
        parts.append(f"{guard_sql(column)} AS {column}" if text else column)
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    return f"SELECT {', '.join(parts)} FROM version{tail}"


def export(
    source: Path,
    target: Path,
    fmt: ExportFormat | str,
    *,
    columns: Sequence[str] | None = None,
    limit: int | None = None,
    options: Options | None = None,
) -> int:
    """Write the version at `source` to `target` in `fmt`; return the number of rows written."""
    fmt = ExportFormat(fmt)
    options = options or Options()
    with session(options) as con:
        select = _select(con, source, columns, limit, fmt in (ExportFormat.CSV, ExportFormat.XLSX))
        counted = con.execute(f"SELECT count(*) FROM ({select})").fetchone()
        rows = int(counted[0]) if counted else 0
        with staged(target) as stage:
            path = literal(str(stage.path))
            if fmt is ExportFormat.CSV:
                con.execute(
                    f"COPY ({select}) TO {path} "
                    "(FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', NEW_LINE '\r\n')"
                )
            elif fmt is ExportFormat.XLSX:
                _xlsx(con.execute(select).to_arrow_reader(BATCH_ROWS), stage.path)
            else:
                array = "true" if fmt is ExportFormat.JSON else "false"
                con.execute(f"COPY ({select}) TO {path} (FORMAT json, ARRAY {array})")
            stage.commit()
    return rows


class _SheetWriter:
    """Writes rows to as many sheets as needed, each with the header, in constant memory."""

    def __init__(self, book: xlsxwriter.Workbook, names: Sequence[str]) -> None:
        self.book = book
        self.names = names
        self.bold = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.sheet: Worksheet | None = None
        self.row = XLSX_MAX_ROWS
        self.sheets = 0

    def _next_sheet(self) -> Worksheet:
        self.sheets += 1
        sheet = self.book.add_worksheet("data" if self.sheets == 1 else f"data_{self.sheets}")
        sheet.write_row(0, 0, self.names, self.bold)
        sheet.freeze_panes(1, 0)
        self.row = 1
        return sheet

    def write(self, values: Sequence[Any]) -> None:
        if self.sheet is None or self.row >= XLSX_MAX_ROWS:
            self.sheet = self._next_sheet()
        for col, value in enumerate(values):
            self.cell(self.sheet, self.row, col, value)
        self.row += 1

    def finish(self) -> None:
        if self.sheet is None:
            self.sheet = self._next_sheet()
        self.book.close()

    def cell(self, sheet: Worksheet, row: int, col: int, value: Any) -> None:
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, value.replace(tzinfo=None), self.datetime)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, self.date)
        else:
            sheet.write_string(row, col, str(value))


def _xlsx(batches: pa.RecordBatchReader, path: Path) -> None:
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    writer = _SheetWriter(book, batches.schema.names)
    for batch in batches:
        columns = [column.to_pylist() for column in batch.columns]
        for values in zip(*columns, strict=True):
            writer.write(values)
    writer.finish()
