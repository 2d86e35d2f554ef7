"""The validation report as a workbook: the user's rows with the bad cells in red and a comment,
a sheet listing every problem, and a summary of counts per rule and column.

Large uploads (more than `full_rows` data rows) show only the rows that have problems.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from satudata.engines.tabular import source
from satudata.engines.tabular.detect import detect_format
from satudata.engines.tabular.model import IngestResult, Options, SourceInfo
from satudata.engines.tabular.problems import N_, Problem, Severity, Translate, identity
from satudata.engines.tabular.session import session
from satudata.engines.tabular.store import staged

FULL_ROWS = 50_000
ERROR_FILL = "#FFC7CE"
WARNING_FILL = "#FFEB9C"
SHEET_NAME_LIMIT = 31

PROBLEM_HEADERS = (
    N_("Sheet"),
    N_("Row"),
    N_("Column"),
    N_("Value"),
    N_("Rule"),
    N_("Severity"),
    N_("Message"),
    N_("What to do"),
)
SUMMARY_HEADERS = (N_("Rule"), N_("Column"), N_("Severity"), N_("Count"))
SEVERITY_TEXT = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}
DATA, PROBLEMS, SUMMARY, ROW = N_("Data"), N_("Problems"), N_("Summary"), N_("Row")


def write_report(
    result: IngestResult,
    upload: Path,
    target: Path,
    *,
    tr: Translate = identity,
    options: Options | None = None,
    full_rows: int = FULL_ROWS,
) -> None:
    """Write the report of `result` (from `ingest` of `upload`) to `target` (XLSX)."""
    options = options or Options()
    info = SourceInfo(
        format=detect_format(upload, result.source.filename, options),
        filename=result.source.filename,
        size=upload.stat().st_size,
    )
    with session(options) as con:
        raw = source.load(con, upload, info, options, result.source.sheet)
        source.tidy(con, raw)
        counted = con.execute("SELECT count(*) FROM raw").fetchone()
        total = int(counted[0]) if counted else 0
        where = ""
        if total > full_rows:
            ids = {raw.rowid(p.row) for p in result.problems if p.row is not None}
            wanted = sorted(i for i in ids if i is not None)
            where = f" WHERE rowid IN ({', '.join(map(str, wanted)) or 'NULL'})"
        cols = ", ".join(f"c{j}" for j in raw.columns)
        rows = con.execute(f"SELECT rowid, {cols} FROM raw{where} ORDER BY rowid").fetchall()
        titles = [raw.titles[j] or raw.names[k] for k, j in enumerate(raw.columns)]
        sheet_name = (raw.source.sheet or tr(DATA))[:SHEET_NAME_LIMIT]
        with staged(target) as stage:
            book = xlsxwriter.Workbook(
                str(stage.path),
                {
                    "constant_memory": True,
                    "strings_to_numbers": False,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                },
            )
            _data_sheet(book, sheet_name, titles, rows, raw, result.problems, tr)
            _problem_sheet(book, result.problems, tr)
            _summary_sheet(book, result, tr)
            book.close()
            stage.commit()


def _data_sheet(
    book: xlsxwriter.Workbook,
    name: str,
    titles: list[str],
    rows: list[tuple[Any, ...]],
    raw: source.Raw,
    problems: list[Problem],
    tr: Translate,
) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    fills = {
        Severity.ERROR: book.add_format({"bg_color": ERROR_FILL}),
        Severity.WARNING: book.add_format({"bg_color": WARNING_FILL}),
    }
    by_cell: dict[tuple[int, str | None], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row is not None:
            by_cell[(problem.row, problem.column)].append(problem)
    sheet.write_string(0, 0, tr(ROW), bold)
    for col, title in enumerate(titles, start=1):
        sheet.write_string(0, col, title, bold)
    sheet.freeze_panes(1, 1)
    for out, (rowid, *values) in enumerate(rows, start=1):
        user_row = raw.user_row(rowid)
        row_problems = by_cell.get((user_row, None), [])
        sheet.write_number(out, 0, user_row, _fill(fills, row_problems))
        if row_problems:
            sheet.write_comment(out, 0, _comment(row_problems, tr))
        for col, (title, value) in enumerate(zip(titles, values, strict=True), start=1):
            found = by_cell.get((user_row, title), [])
            fill = _fill(fills, found)
            if value is None:
                sheet.write_blank(out, col, None, fill)
            else:
                sheet.write_string(out, col, str(value), fill)
            if found:
                sheet.write_comment(out, col, _comment(found, tr))


def _fill(fills: dict[Severity, Format], problems: list[Problem]) -> Format | None:
    if not problems:
        return None
    worst = (
        Severity.ERROR if any(p.severity is Severity.ERROR for p in problems) else Severity.WARNING
    )
    return fills[worst]


def _comment(problems: list[Problem], tr: Translate) -> str:
    return "\n".join(f"{p.text(tr)} {p.hint_text(tr)}".strip() for p in problems)


def _header(
    book: xlsxwriter.Workbook, sheet: Worksheet, headers: tuple[str, ...], tr: Translate
) -> None:
    bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    for col, text in enumerate(headers):
        sheet.write_string(0, col, tr(text), bold)
    sheet.freeze_panes(1, 0)


def _problem_sheet(book: xlsxwriter.Workbook, problems: list[Problem], tr: Translate) -> None:
    sheet = book.add_worksheet(tr(PROBLEMS)[:SHEET_NAME_LIMIT])
    _header(book, sheet, PROBLEM_HEADERS, tr)
    sheet.set_column(6, 7, 60)
    for out, p in enumerate(problems, start=1):
        cells = (
            p.sheet or "",
            p.row,
            p.column or "",
            p.value or "",
            p.rule,
            tr(SEVERITY_TEXT[p.severity]),
            p.text(tr),
            p.hint_text(tr),
        )
        for col, value in enumerate(cells):
            if isinstance(value, int):
                sheet.write_number(out, col, value)
            elif value is not None:
                sheet.write_string(out, col, value)
    if problems:
        sheet.autofilter(0, 0, len(problems), len(PROBLEM_HEADERS) - 1)


def _summary_sheet(book: xlsxwriter.Workbook, result: IngestResult, tr: Translate) -> None:
    sheet = book.add_worksheet(tr(SUMMARY)[:SHEET_NAME_LIMIT])
    _header(book, sheet, SUMMARY_HEADERS, tr)
    for out, count in enumerate(result.counts, start=1):
        sheet.write_string(out, 0, count.rule)
        sheet.write_string(out, 1, count.column or "")
        sheet.write_string(out, 2, tr(SEVERITY_TEXT[count.severity]))
        sheet.write_number(out, 3, count.count)
    shown, total = len(result.problems), sum(c.count for c in result.counts)
    if shown < total:
        note = tr(N_("The sheet of problems shows %(shown)s of %(total)s problems."))
        sheet.write_string(len(result.counts) + 2, 0, note % {"shown": shown, "total": total})
