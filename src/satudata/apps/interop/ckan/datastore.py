"""datastore_search over the rows of a version, with the data explorer's query engine: its
DuckDB database and copies, its typed filters (values converted to the column's type and bound
as parameters, never pasted into SQL), its quoting of names and its time limit.

CKAN's parameters: `filters` (column → value, or a list of values: equality), `q` (text found
in any text column, or column → text), `fields`, `sort` ("col asc, col2 desc"), `limit`
(≤ 32,000), `offset`, `include_total`, `records_format` (objects, lists, csv, tsv). Rows carry
CKAN's `_id`: their position in the version, from 1. In csv and tsv, text that a spreadsheet
program would read as a formula is prefixed with `'`, as in every download."""

# SQL here is built from quote_ident() identifiers and `?` parameters only.
# ruff: noqa: S608

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb
from django.conf import settings
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Version
from satudata.apps.interop.ckan.errors import Invalid, SearchError
from satudata.apps.interop.ckan.params import Params
from satudata.apps.portal import explorer
from satudata.engines.tabular import Field, FieldType
from satudata.engines.tabular.exports import guard_text
from satudata.engines.tabular.query import (
    Filter,
    Op,
    QueryError,
    QueryTimeout,
    compile_filters,
    field_map,
)
from satudata.engines.tabular.query_engine import deadline
from satudata.engines.tabular.store import quote_ident
from satudata.platform import storage

DEFAULT_LIMIT, MAX_LIMIT = 100, 32_000
MAX_OFFSET = 10**12
ROW_ID = "_id"
TYPES = {
    FieldType.INTEGER: "int",
    FieldType.NUMBER: "numeric",
    FieldType.DATE: "date",
    FieldType.DATETIME: "timestamp",
    FieldType.BOOLEAN: "bool",
    FieldType.STRING: "text",
}
FORMATS = ("objects", "lists", "csv", "tsv")


@dataclass(frozen=True)
class Request:
    filters: dict[str, Any]
    q: str | dict[str, Any]
    fields: list[str]
    sort: list[tuple[str, bool]]
    limit: int
    offset: int
    include_total: bool
    records_format: str


def _sort(text: str, known: set[str]) -> list[tuple[str, bool]]:
    keys = []
    for part in text.split(","):
        words = part.strip().rsplit(None, 1)
        if not words:
            continue
        name, direction = words[0], "asc"
        if len(words) == 2 and words[1].lower() in ("asc", "desc"):
            direction = words[1].lower()
        elif len(words) == 2:
            name = part.strip()
        name = name.strip('"')
        if name not in known:
            raise Invalid("sort", _('field "%(name)s" not in table') % {"name": name})
        keys.append((name, direction == "desc"))
    return keys


def read_request(params: Params, fields: Sequence[Field]) -> Request:
    known = {f.name for f in fields} | {ROW_ID}
    chosen = params.text_list("fields", limit=1000)
    for name in chosen:
        if name not in known:
            raise Invalid("fields", _('field "%(name)s" not in table') % {"name": name})
    records_format = params.text("records_format", "objects", 10)
    if records_format not in FORMATS:
        raise Invalid(
            "records_format", _("Value must be one of: %(values)s") % {"values": ", ".join(FORMATS)}
        )
    raw_q = params.raw("q")
    q: str | dict[str, Any] = (
        params.mapping("q")
        if isinstance(raw_q, dict) or (isinstance(raw_q, str) and raw_q.strip().startswith("{"))
        else params.text("q", "", 200)
    )
    return Request(
        filters=params.mapping("filters"),
        q=q,
        fields=chosen,
        sort=_sort(params.text("sort", "", 1000), known),
        limit=params.integer("limit", DEFAULT_LIMIT, 0, MAX_LIMIT),
        offset=params.integer("offset", 0, 0, MAX_OFFSET),
        include_total=params.boolean("include_total", True),
        records_format=records_format,
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _filters(request: Request, fmap: dict[str, Field]) -> list[Filter]:
    found = []
    for name, value in request.filters.items():
        if name not in fmap:
            raise Invalid("filters", _('field "%(name)s" not in table') % {"name": name})
        if value is None:
            found.append(Filter(name, Op.EMPTY))
        elif isinstance(value, list):
            if not value or len(value) > 200 or any(isinstance(v, dict | list) for v in value):
                raise Invalid("filters", _("%(name)s: give 1 to 200 values") % {"name": name})
            found.append(Filter(name, Op.IN, tuple(_text(v) for v in value)))
        elif isinstance(value, dict):
            raise Invalid(
                "filters", _("%(name)s: give a value or a list of values") % {"name": name}
            )
        else:
            found.append(Filter(name, Op.EQ, _text(value)))
    if isinstance(request.q, dict):
        for name, value in request.q.items():
            if name not in fmap:
                raise Invalid("q", _('field "%(name)s" not in table') % {"name": name})
            if str(value).strip():
                found.append(Filter(name, Op.CONTAINS, str(value)))
    return found


def _anywhere(q: str, fields: Sequence[Field]) -> tuple[str, list[Any]]:
    """Every word of `q` found (case-insensitively) in at least one text column."""
    texts = [quote_ident(f.name) for f in fields if f.type is FieldType.STRING]
    words = q.lower().split()[:20]
    if not words:
        return "TRUE", []
    if not texts:
        return "FALSE", []
    parts, values = [], []
    for word in words:
        parts.append("(" + " OR ".join(f"contains(lower({t}), ?)" for t in texts) + ")")
        values.extend([word] * len(texts))
    return " AND ".join(parts), values


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _delimited(rows: list[list[Any]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        writer.writerow(
            ["" if v is None else guard_text(v) if isinstance(v, str) else v for v in row]
        )
    return out.getvalue()


def search_rows(version: Version, request: Request) -> dict[str, Any]:
    """The rows of `version` that `request` asks for, with CKAN's `fields`, `records` and
    `total`."""
    fields = explorer.fields_of(version)
    fmap = field_map(fields)
    names = request.fields or [ROW_ID, *fmap]
    try:
        compiled = compile_filters(fmap, _filters(request, fmap))
    except QueryError as exc:
        raise Invalid("filters", exc.text(_)) from None
    where, params = compiled.where, list(compiled.params)
    if isinstance(request.q, str) and request.q.strip():
        condition, values = _anywhere(request.q, fields)
        where, params = f"({where}) AND ({condition})", [*params, *values]
    engine = explorer.engine()
    source = engine.source(storage.absolute(version.parquet_path), fields)
    shown = ", ".join(
        f"file_row_number + 1 AS {quote_ident(ROW_ID)}" if n == ROW_ID else quote_ident(n)
        for n in names
    )
    order = [
        f"{'file_row_number' if n == ROW_ID else quote_ident(n)} {'DESC' if d else 'ASC'}"
        for n, d in request.sort
    ]
    order = [f"{key} NULLS LAST" for key in order] + ["file_row_number ASC"]
    sql = f"SELECT {shown} FROM {source} WHERE {where} ORDER BY {', '.join(order)} LIMIT ? OFFSET ?"
    cursor = engine.cursor()
    try:
        with deadline(cursor, settings.QUERY_TIMEOUT or None):
            rows = cursor.execute(sql, [*params, request.limit, request.offset]).fetchall()
            total = None
            if request.include_total:
                counted = cursor.execute(
                    f"SELECT count(*) FROM {source} WHERE {where}", params
                ).fetchone()
                total = int(counted[0]) if counted else 0
    except QueryTimeout as exc:
        raise SearchError(exc.text(_)) from None
    except duckdb.Error:
        raise SearchError(_("The data could not be searched this way.")) from None
    records: Any
    values = [[_json_value(v) for v in row] for row in rows]
    if request.records_format == "objects":
        records = [dict(zip(names, row, strict=True)) for row in values]
    elif request.records_format == "lists":
        records = values
    else:
        records = _delimited(values, "," if request.records_format == "csv" else "\t")
    described = []
    for name in names:
        if name == ROW_ID:
            described.append({"id": ROW_ID, "type": "int"})
            continue
        item = fmap[name]
        described.append({"id": name, "type": TYPES[item.type], "info": {"label": item.title}})
    found: dict[str, Any] = {"fields": described, "records": records}
    if total is not None:
        found["total"] = total
        found["total_was_estimated"] = False
    return found
