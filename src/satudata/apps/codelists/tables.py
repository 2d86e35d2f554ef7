"""Reading an uploaded CSV or XLSX file into a header and rows of text, keeping the row numbers
the user sees in the file; matching the header's columns leniently to known names."""

import csv
import io
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import fastexcel
from django.utils.translation import gettext_noop as N_

from satudata.engines.tabular import normalise_name
from satudata.platform.problems import translate_message

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
DELIMITERS = ",;\t|"
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an imported file, as the user sees it: row, column header, value and
    the rule broken. `message` is an English msgid with %(name)s placeholders."""

    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def text(self) -> str:
        where = {"row": self.row, "column": self.column, "value": self.value}
        return translate_message(self.message, {**where, **self.params})

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.text(),
        }


class TableError(Exception):
    """The file cannot be read as a table at all."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class Table:
    """`headers` of the header row (`header_row`, 1-based); `rows` as (row number, cells)."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]


def _fail(message: str, **params: object) -> TableError:
    return TableError(ImportProblem(rule="file.unreadable", message=message, params=params))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits most of the first lines into the same number (> 1) of fields."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        common = Counter(w for w in widths if w > 1).most_common(1)
        score = (common[0][1], common[0][0]) if common else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise _fail(N_("The file is not a text (CSV) file. Save it as CSV UTF-8 or XLSX."))
    delimiter = _delimiter([line for line in text[:16384].splitlines() if line.strip()][:20])
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _fail(N_("The CSV file cannot be read: %(reason)s."), reason=str(exc)) from exc


def _workbook_rows(data: bytes) -> list[list[str]]:
    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(
            0, header_row=None, skip_rows=0, dtypes="string", n_rows=MAX_ROWS + HEADER_SEARCH_ROWS
        )
        columns = sheet.to_arrow().to_pydict()
    except (fastexcel.FastExcelError, ValueError, OSError) as exc:
        raise _fail(
            N_("The workbook is damaged or not a workbook. Open it and save it again as XLSX.")
        ) from exc
    cells = list(columns.values())
    height = len(cells[0]) if cells else 0
    return [[column[i] or "" for column in cells] for i in range(height)]


def _clean(cells: Sequence[str | None]) -> list[str]:
    return [(cell or "").strip() for cell in cells]


def read_table(
    data: bytes, filename: str, is_header: Callable[[list[str]], bool] | None = None
) -> Table:
    """The table of a CSV/TSV/TXT or XLSX/XLS/ODS file (the first sheet of a workbook). The
    header is the first row for which `is_header(normalised cells)` holds among the first rows,
    else the first non-empty row. Blank rows are skipped; row numbers stay the file's."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in WORKBOOK_SUFFIXES:
        raw = _workbook_rows(data)
    elif suffix in TEXT_SUFFIXES:
        raw = _csv_rows(data)
    else:
        raise _fail(
            N_('The file "%(filename)s" is not a CSV or XLSX file.'), filename=filename[:120]
        )
    numbered = [(n, _clean(cells)) for n, cells in enumerate(raw, start=1) if any(_clean(cells))]
    if not numbered:
        raise _fail(N_("The file is empty: put a header row and one row per code or entry."))
    header_at = 0
    if is_header is not None:
        for k, (_n, cells) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
            if is_header([normalise_name(c) for c in cells]):
                header_at = k
                break
    header_row, headers = numbered[header_at]
    rows = numbered[header_at + 1 :]
    if len(rows) > MAX_ROWS:
        raise _fail(N_("The file has more than %(limit)s rows; split it."), limit=MAX_ROWS)
    return Table(headers=headers, header_row=header_row, rows=rows)


def match_columns(
    headers: Sequence[str], aliases: Mapping[str, Sequence[str]]
) -> tuple[dict[str, int], list[int]]:
    """Which header column holds each field (`aliases`: field → accepted normalised names, in
    order of preference), and the indices of the other, named columns."""
    normalised = [normalise_name(h) for h in headers]
    found: dict[str, int] = {}
    for name, accepted in aliases.items():
        for alias in accepted:
            index = next(
                (j for j, h in enumerate(normalised) if h == alias and j not in found.values()),
                None,
            )
            if index is not None:
                found[name] = index
                break
    extra = [j for j, h in enumerate(normalised) if h and j not in found.values()]
    return found, extra


def cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]
