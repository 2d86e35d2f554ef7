"""Read workbooks (XLSX, XLS, ODS) with fastexcel (calamine).

Cells are read as text: numbers without ".0" or exponent (a NIK typed as a number keeps all its
digits), dates as "YYYY-MM-DD HH:MM:SS". Formulas are never computed: only the value the
spreadsheet program cached is read; formula errors (#DIV/0!) become warnings. Each sheet is
parsed whole once and kept in a `SheetCache`; a read of the first rows slices it.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import fastexcel
import pyarrow as pa

from satudata.engines.tabular.detect import HINT_SAVE_AS
from satudata.engines.tabular.model import SheetInfo
from satudata.engines.tabular.problems import (
    N_,
    CorruptFileError,
    NoDataError,
    SheetNotFoundError,
    fail,
)
from satudata.engines.tabular.sheetcache import Cached, SheetCache

EXCEL_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Value": "#VALUE!",
    "Ref": "#REF!",
    "Name": "#NAME?",
    "Num": "#NUM!",
    "Null": "#NULL!",
    "GettingData": "#GETTING_DATA",
}
ERROR_DETAIL = re.compile(r"Error\((\w+)\)")


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell whose cached value is a spreadsheet error: 0-based sheet row, 0-based column."""

    row: int
    column: int
    value: str


@dataclass(frozen=True, slots=True)
class Sheet:
    """A loaded sheet: all cells as text; `positions` are the sheet columns (0 = A) of the
    table's columns."""

    reader: fastexcel.ExcelReader
    index: int
    name: str
    table: pa.Table
    errors: list[CellError]
    positions: list[int]
    cache: SheetCache


def open_workbook(path: Path, filename: str) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except fastexcel.FastExcelError as exc:
        raise fail(
            CorruptFileError,
            N_('The file "%(filename)s" is damaged and cannot be read.'),
            HINT_SAVE_AS,
            filename=filename,
        ) from exc


def _xlsx_hidden(path: Path) -> set[str]:
    """Names of hidden sheets, read from the workbook part (no sheet is parsed)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - size checked
    return {
        el.get("name", "")
        for el in root.iter()
        if el.tag.endswith("}sheet") and el.get("state") in ("hidden", "veryHidden")
    }


def sheet_infos(reader: fastexcel.ExcelReader, path: Path, fmt: str) -> list[SheetInfo]:
    if fmt == "xlsx":
        hidden = _xlsx_hidden(path)
        return [SheetInfo(name=name, visible=name not in hidden) for name in reader.sheet_names]
    return [
        SheetInfo(
            name=name, visible=reader.load_sheet(i, header_row=None, n_rows=1).visible == "visible"
        )
        for i, name in enumerate(reader.sheet_names)
    ]


def _errors(raw: fastexcel.CellErrors | None) -> list[CellError]:
    out = []
    for error in raw.errors if raw else []:
        match = ERROR_DETAIL.search(error.detail)
        code = match.group(1) if match else "Error"
        row, column = error.position
        out.append(CellError(row=row, column=column, value=EXCEL_ERRORS.get(code, f"#{code}")))
    return out


def _parse(reader: fastexcel.ExcelReader, index: int) -> Cached:
    sheet = reader.load_sheet(
        index, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
    )
    batch, errors = sheet.to_arrow_with_errors()
    positions = [info.absolute_index for info in sheet.available_columns()]
    found = [(e.row, e.column, e.value) for e in _errors(errors)]
    return Cached(pa.Table.from_batches([batch]), found, positions)


def _read(
    reader: fastexcel.ExcelReader, index: int, name: str, limit: int | None, cache: SheetCache
) -> Sheet:
    """The sheet at `index` (its first `limit` rows when given), parsed whole once."""
    cached = cache.load(index)
    if cached is None:
        cached = _parse(reader, index)
        cache.save(index, cached)
    table = cached.table if limit is None else cached.table.slice(0, limit)
    errors = [CellError(r, c, v) for r, c, v in cached.errors if limit is None or r < limit]
    return Sheet(reader, index, name, table, errors, cached.positions, cache)


def read_sheet(
    reader: fastexcel.ExcelReader,
    infos: list[SheetInfo],
    wanted: str | int | None,
    filename: str,
    cache: SheetCache,
    limit: int | None = None,
) -> Sheet:
    """Load the wanted sheet (by name or 0-based index), or the first visible one with data."""
    names = [info.name for info in infos]
    if wanted is not None:
        index = (
            wanted if isinstance(wanted, int) else names.index(wanted) if wanted in names else -1
        )
        if not 0 <= index < len(names):
            raise fail(
                SheetNotFoundError,
                N_('The workbook has no sheet "%(sheet)s"; its sheets are: %(sheets)s.'),
                N_("Choose one of the sheets listed."),
                sheet=str(wanted),
                sheets=", ".join(names),
            )
        return _read(reader, index, names[index], limit, cache)
    order = [i for i, info in enumerate(infos) if info.visible] + [
        i for i, info in enumerate(infos) if not info.visible
    ]
    for index in order:
        sheet = _read(reader, index, names[index], limit, cache)
        if sheet.table.num_rows and any(c.null_count < len(c) for c in sheet.table.columns):
            return sheet
    raise fail(
        NoDataError,
        N_('No sheet of "%(filename)s" contains data.'),
        N_("Put the table on the first sheet, with one header row and one row per record."),
        filename=filename,
    )


def head(table: pa.Table, rows: int) -> list[list[str | None]]:
    """The first rows as lists of cells (None when empty)."""
    columns = [col.to_pylist() for col in table.slice(0, rows).columns]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def register(con: duckdb.DuckDBPyConnection, table: pa.Table, start: int, width: int) -> None:
    """Create table `raw` (text columns c0..c<width-1>) from the rows from `start` on."""
    body = table.slice(start).select(list(range(min(width, table.num_columns))))
    body = body.rename_columns([f"c{j}" for j in range(body.num_columns)])
    con.register("sheet_body", body)
    selects = [f"c{j}" for j in range(body.num_columns)]
    selects += [f"CAST(NULL AS VARCHAR) AS c{j}" for j in range(body.num_columns, width)]
    con.execute(f"CREATE TABLE raw AS SELECT {', '.join(selects)} FROM sheet_body")
    con.unregister("sheet_body")


def numeric_columns(sheet: Sheet, start: int, columns: list[int], rows: int) -> set[int]:
    """Which of `columns` (positions in the loaded table) hold number cells, not text, in the
    first `rows` data rows. The sheet is parsed again for its cell types, once for all its
    columns: the answer is kept in the sheet's cache."""
    found = sheet.cache.load_numeric(sheet.index, start, rows)
    if found is None:
        loaded = sheet.reader.load_sheet(
            sheet.index,
            header_row=None,
            skip_rows=start,
            n_rows=rows,
            use_columns=sheet.positions,
            schema_sample_rows=None,
        )
        found = {
            pos
            for pos, info in enumerate(loaded.selected_columns)
            if info.dtype in ("float", "int")
        }
        sheet.cache.save_numeric(sheet.index, start, rows, sorted(found))
    return found.intersection(columns)
