"""Write a generated table as the files OPDs really send: a CSV, an Indonesian-Excel CSV
(semicolon, decimal comma), a plain XLSX, or an XLSX report with title rows, a two-row header,
a column-numbering row and a source note."""

import csv
from enum import StrEnum
from pathlib import Path

import xlsxwriter

from satudata.apps.demo.figures import Table


class Layout(StrEnum):
    CSV = "csv"
    CSV_ID = "csv_id"
    XLSX = "xlsx"
    REPORT = "report"


SUFFIX = {Layout.CSV: ".csv", Layout.CSV_ID: ".csv", Layout.XLSX: ".xlsx", Layout.REPORT: ".xlsx"}


def _indonesian(value: object) -> object:
    return str(value).replace(".", ",") if isinstance(value, float) else value


def write_csv(table: Table, path: Path, *, indonesian: bool = False) -> None:
    delimiter = ";" if indonesian else ","
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow([h.title for h in table.headers])
        for row in table.rows:
            writer.writerow([_indonesian(v) for v in row] if indonesian else row)


def write_xlsx(table: Table, path: Path, *, sheet: str = "Data") -> None:
    with xlsxwriter.Workbook(str(path)) as book:
        ws = book.add_worksheet(sheet)
        bold = book.add_format({"bold": True})
        ws.write_row(0, 0, [h.title for h in table.headers], bold)
        for r, row in enumerate(table.rows, start=1):
            ws.write_row(r, 0, row)


def write_report(table: Table, path: Path, *, title: str, source: str, sheet: str) -> None:
    """The layout of a printed OPD table: title, subtitle, blank row, header with merged
    groups, numbering row, data, then the source note."""
    with xlsxwriter.Workbook(str(path)) as book:
        ws = book.add_worksheet(sheet)
        heading = book.add_format({"bold": True, "font_size": 12})
        head = book.add_format(
            {
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#DDEBF7",
            }
        )
        cell = book.add_format({"border": 1})
        number = book.add_format({"border": 1, "num_format": "#,##0"})
        ws.write(0, 0, title.upper(), heading)
        ws.write(1, 0, "KOTA TANGERANG")
        top, sub = 3, 4
        for j, header in enumerate(table.headers):
            if not header.group:
                ws.merge_range(top, j, sub, j, header.title, head)
        groups: dict[str, list[int]] = {}
        for j, header in enumerate(table.headers):
            if header.group:
                groups.setdefault(header.group, []).append(j)
                ws.write(sub, j, header.title, head)
        for group, columns in groups.items():
            if len(columns) > 1:
                ws.merge_range(top, columns[0], top, columns[-1], group, head)
            else:
                ws.write(top, columns[0], group, head)
        ws.write_row(sub + 1, 0, [f"({j + 1})" for j in range(len(table.headers))], head)
        first = sub + 2
        for r, row in enumerate(table.rows):
            for j, value in enumerate(row):
                ws.write(first + r, j, value, number if isinstance(value, int) else cell)
        ws.write(first + len(table.rows) + 1, 0, f"Sumber: {source}")
        ws.set_column(0, len(table.headers) - 1, 16)


def write(
    table: Table, folder: Path, stem: str, layout: Layout, *, title: str, source: str
) -> Path:
    path = folder / f"{stem}{SUFFIX[layout]}"
    if layout is Layout.REPORT:
        write_report(table, path, title=title, source=source, sheet="Tabel")
    elif layout is Layout.XLSX:
        write_xlsx(table, path)
    else:
        write_csv(table, path, indonesian=layout is Layout.CSV_ID)
    return path
