"""An Excel template for a dataset: styled headers, drop-down lists for coded columns, text format
for identifiers (Excel keeps their leading zeros), date format for dates, and a sheet of
instructions describing every column.

Code lists live on the hidden sheet "daftar_kode" and drop-downs refer to them by range, so lists
longer than Excel's 255-character limit for inline lists (104 kelurahan) work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from satudata.engines.tabular.model import FieldSpec, FieldType
from satudata.engines.tabular.problems import N_, Translate, identity
from satudata.engines.tabular.store import staged

CODES_SHEET = "daftar_kode"
INPUT_ROWS = 100_000
INPUT_MESSAGE_LIMIT = 250

TYPE_NAMES = {
    FieldType.INTEGER: N_("whole number"),
    FieldType.NUMBER: N_("number"),
    FieldType.DATE: N_("date"),
    FieldType.DATETIME: N_("date and time"),
    FieldType.BOOLEAN: N_("yes/no"),
    FieldType.STRING: N_("text"),
}
NUMBER_FORMATS = {
    FieldType.STRING: "@",
    FieldType.INTEGER: "0",
    FieldType.NUMBER: "General",
    FieldType.DATE: "dd/mm/yyyy",
    FieldType.DATETIME: "dd/mm/yyyy hh:mm",
    FieldType.BOOLEAN: "@",
}
GUIDANCE = (
    N_('Fill in one row per record on the sheet "%(sheet)s", directly under the header row.'),
    N_("Do not rename, move or delete the header row or its columns."),
    N_("Columns marked as required must be filled in on every row."),
    N_("For coded columns, choose a value from the drop-down list."),
    N_("Write dates as dd/mm/yyyy, for example 17/08/2024."),
    N_(
        "Identifier columns (NIK, codes) are text: type them with all their digits and "
        "leading zeros."
    ),
)
INSTRUCTION_HEADERS = (
    N_("Column"),
    N_("Field name"),
    N_("Type"),
    N_("Required"),
    N_("Unit"),
    N_("Description"),
    N_("Rules"),
)


def _title(spec: FieldSpec) -> str:
    return spec.title or spec.name


def _rules(spec: FieldSpec, tr: Translate) -> str:
    rules = []
    if spec.unique:
        rules.append(tr(N_("Each value must be unique.")))
    if spec.codes:
        rules.append(
            tr(N_("Choose from the code list (%(count)s codes).")) % {"count": len(spec.codes)}
        )
    if spec.minimum is not None:
        rules.append(tr(N_("At least %(minimum)s.")) % {"minimum": spec.minimum})
    if spec.maximum is not None:
        rules.append(tr(N_("At most %(maximum)s.")) % {"maximum": spec.maximum})
    if spec.pattern:
        rules.append(tr(N_("Must match the pattern %(pattern)s.")) % {"pattern": spec.pattern})
    return " ".join(rules)


def write_template(
    fields: Sequence[FieldSpec],
    target: Path,
    *,
    title: str | None = None,
    tr: Translate = identity,
) -> None:
    """Write the data-entry workbook for `fields` to `target` (XLSX)."""
    with staged(target) as stage:
        book = xlsxwriter.Workbook(
            str(stage.path), {"strings_to_numbers": False, "strings_to_formulas": False}
        )
        data = book.add_worksheet(tr(N_("Data"))[:31])
        guide = book.add_worksheet(tr(N_("Instructions"))[:31])
        codes = book.add_worksheet(CODES_SHEET)
        _data_sheet(book, data, codes, fields, tr)
        _guide_sheet(book, guide, data.get_name(), fields, title, tr)
        codes.hide()
        data.activate()
        book.close()
        stage.commit()


def _code_range(codes: Worksheet, position: int, spec: FieldSpec, tr: Translate) -> str:
    """Write the field's codes (and labels) on the codes sheet; return the range of the codes."""
    labels = spec.codes if isinstance(spec.codes, Mapping) else {}
    values = list(labels) if labels else sorted(map(str, spec.codes or ()))
    col = 2 * position
    codes.write_string(0, col, spec.name)
    codes.write_string(0, col + 1, tr(N_("Label")))
    for row, code in enumerate(values, start=1):
        codes.write_string(row, col, str(code))
        if labels:
            codes.write_string(row, col + 1, str(labels[code]))
    letter = xl_col_to_name(col)
    return f"='{CODES_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def _validation(spec: FieldSpec, source: str | None, tr: Translate) -> dict[str, Any] | None:
    if source is not None:
        return {
            "validate": "list",
            "source": source,
            "error_message": tr(N_("Choose a value from the list.")),
        }
    if spec.type is FieldType.BOOLEAN:
        return {"validate": "list", "source": ["ya", "tidak"]}
    kinds = {
        FieldType.INTEGER: "integer",
        FieldType.NUMBER: "decimal",
        FieldType.DATE: "date",
        FieldType.DATETIME: "date",
    }
    kind = kinds.get(spec.type)
    if kind is None:
        return None
    if kind == "date":
        low, high = spec.minimum or dt.date(1900, 1, 1), spec.maximum or dt.date(2100, 12, 31)
    else:
        low = spec.minimum if spec.minimum is not None else -(10**15)
        high = spec.maximum if spec.maximum is not None else 10**15
    message = tr(N_("Enter a %(type)s between %(minimum)s and %(maximum)s.")) % {
        "type": tr(TYPE_NAMES[spec.type]),
        "minimum": low,
        "maximum": high,
    }
    return {
        "validate": kind,
        "criteria": "between",
        "minimum": low,
        "maximum": high,
        "error_message": message[:INPUT_MESSAGE_LIMIT],
    }


def _data_sheet(
    book: xlsxwriter.Workbook,
    data: Worksheet,
    codes: Worksheet,
    fields: Sequence[FieldSpec],
    tr: Translate,
) -> None:
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    required = book.add_format(
        {"bold": True, "bg_color": "#F8CBAD", "border": 1, "text_wrap": True}
    )
    coded = 0
    for col, spec in enumerate(fields):
        data.write_string(0, col, _title(spec), required if spec.required else header)
        if spec.description:
            data.write_comment(0, col, spec.description)
        cell_format = book.add_format({"num_format": NUMBER_FORMATS[spec.type]})
        data.set_column(col, col, max(12, min(40, len(_title(spec)) + 2)), cell_format)
        source = None
        if spec.codes:
            source = _code_range(codes, coded, spec, tr)
            coded += 1
        rule = _validation(spec, source, tr)
        if rule is not None:
            if spec.description:
                rule["input_message"] = spec.description[:INPUT_MESSAGE_LIMIT]
            data.data_validation(1, col, INPUT_ROWS, col, rule)
    data.freeze_panes(1, 0)


def _guide_sheet(
    book: xlsxwriter.Workbook,
    guide: Worksheet,
    sheet: str,
    fields: Sequence[FieldSpec],
    title: str | None,
    tr: Translate,
) -> None:
    bold = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    row = 0
    guide.write_string(row, 0, title or tr(N_("Data entry template")), bold)
    row += 2
    for line in GUIDANCE:
        guide.write_string(row, 0, "• " + tr(line) % {"sheet": sheet})
        row += 1
    row += 1
    for col, text in enumerate(INSTRUCTION_HEADERS):
        guide.write_string(row, col, tr(text), header)
    guide.set_column(0, 1, 24, wrap)
    guide.set_column(2, 4, 14, wrap)
    guide.set_column(5, 6, 50, wrap)
    for spec in fields:
        row += 1
        values = (
            _title(spec),
            spec.name,
            tr(TYPE_NAMES[spec.type]),
            tr(N_("yes")) if spec.required else tr(N_("no")),
            spec.unit,
            spec.description,
            _rules(spec, tr),
        )
        for col, value in enumerate(values):
            guide.write_string(row, col, value, wrap)
