"""Every list and detail page of the portal also answers as `.json` and `.csv`: one data function
feeds the HTML page and both files. CSV text cells that a spreadsheet would read as a formula are
guarded the way the tabular engine guards its exports."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.urls import register_converter

from satudata.engines.tabular.exports import guard_text

DATA_FORMATS = ("json", "csv")


class DataFormatConverter:
    """`<datafmt:fmt>` in a route: the suffix of a page's data files."""

    regex = "|".join(DATA_FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DataFormatConverter, "datafmt")


def safe_cell(value: Any) -> Any:
    """A CSV cell: text that would start a formula is prefixed with `'`; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    return guard_text(str(value))


def json_response(data: Any) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")


def csv_response(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str
) -> HttpResponse:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read Indonesian names right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def respond(
    fmt: str,
    *,
    html: Callable[[], HttpResponse] | None = None,
    data: Callable[[], Any],
    rows: Callable[[], Iterable[Mapping[str, Any]]],
    columns: Sequence[str],
    filename: str,
) -> HttpResponse:
    """The page (no suffix), its JSON document or its CSV table."""
    if fmt == "" and html is not None:
        return html()
    if fmt == "json":
        return json_response(data())
    if fmt == "csv":
        return csv_response(rows(), columns, filename)
    raise Http404
