"""Downloads of a code list version as CSV, JSON or XLSX (text that a spreadsheet would read as
a formula is guarded the way every export of the portal guards it)."""

import io
from collections.abc import Mapping, Sequence
from typing import Any

import xlsxwriter
from django.http import HttpResponse

from satudata.apps.portal.formats import csv_response, json_response, safe_cell

DOWNLOAD_FORMATS = ("csv", "json", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DownloadFormatConverter:
    """`<codefmt:fmt>` in a route: a download format of a code list."""

    regex = "|".join(DOWNLOAD_FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def xlsx_response(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], filename: str, sheet: str
) -> HttpResponse:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    worksheet = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    worksheet.write_row(0, 0, list(columns), bold)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(columns):
            worksheet.write_string(r, c, str(safe_cell(row.get(column))))
    worksheet.freeze_panes(1, 0)
    book.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def download(
    fmt: str,
    document: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    filename: str,
) -> HttpResponse:
    if fmt == "json":
        response = json_response(document)
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    if fmt == "xlsx":
        return xlsx_response(rows, columns, filename, sheet=filename)
    return csv_response(rows, columns, filename)
