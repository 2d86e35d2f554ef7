"""Turn an upload into table `raw` (one text column per source column, as read) and tidy it.

Tidying drops blank rows, footnote rows under the table ("Sumber: BPS ..."), a final total row,
and unnamed empty columns; it reports ragged rows, formula errors and header problems. Every
problem carries the row number the user sees in the file.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from satudata.engines.tabular import csvfile, sheets
from satudata.engines.tabular.casts import clean, literal
from satudata.engines.tabular.header import Layout, detect_layout, unique_names
from satudata.engines.tabular.model import Options, SourceInfo
from satudata.engines.tabular.problems import N_, NoDataError, Problem, Severity, fail

FOOTNOTE = re.compile(r"^(sumber|source|catatan|keterangan|ket\b|note|\*|\d\))", re.I)
TOTAL = re.compile(r"^(jumlah|total|grand total)\b", re.I)
NUMERIC = re.compile(r"^[+-]?[\d.,]+$")
TAIL_ROWS = 20
FOOTNOTE_LENGTH = 15


@dataclass(slots=True)
class Raw:
    """The loaded table: `titles[j]` is the header of column `c{j}`; rows map to user rows.

    `problems` are found while reading; `sampled` holds groups of one rule given as
    (first problems, total count) when there may be too many to list.
    """

    source: SourceInfo
    titles: list[str]
    first_row: int
    shifts: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sampled: list[tuple[list[Problem], int]] = field(default_factory=list)
    sheet: sheets.Sheet | None = None
    columns: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def user_row(self, rowid: int) -> int:
        """The 1-based row (record) number in the file of `raw` row `rowid`."""
        return self.first_row + rowid + bisect.bisect_right(self.shifts, rowid)

    def rowid(self, row: int) -> int | None:
        """The `raw` rowid holding user row `row`, or None (a header, rejected or missing row)."""
        low, high = 0, row - self.first_row
        while low <= high:
            middle = (low + high) // 2
            found = self.user_row(middle)
            if found == row:
                return middle
            low, high = (middle + 1, high) if found < row else (low, middle - 1)
        return None


def _no_table(filename: str) -> NoDataError:
    return fail(
        NoDataError,
        N_('No table was found in "%(filename)s".'),
        N_("Put a header row with the column names above the data, one row per record."),
        filename=filename,
    )


def load(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    info: SourceInfo,
    options: Options,
    sheet: str | int | None = None,
    limit: int | None = None,
) -> Raw:
    """Create `raw` in `con` for the file at `path` whose format `info` names (at most `limit`
    data rows when given)."""
    if info.format == "csv":
        return _load_csv(con, path, info, options, limit)
    return _load_sheet(con, path, info, sheets.SheetCache(options.temp_dir, path), sheet, limit)


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    info: SourceInfo,
    options: Options,
    limit: int | None,
) -> Raw:
    encoding = csvfile.detect_encoding(path)
    text = csvfile.read_sample(path, encoding)
    dialect = csvfile.sniff_dialect(text, encoding, Path(info.filename).suffix.lower())
    sample = csvfile.grid(text, dialect)
    layout = detect_layout(sample)
    if layout is None:
        raise _no_table(info.filename)
    mode = csvfile.field_mode(sample, layout.data_start)
    titles = list(layout.titles)
    while len(titles) > mode and not titles[-1]:
        titles.pop()
    titles += [""] * (mode - len(titles))
    with csvfile.utf8_copy(path, encoding, options.temp_dir) as readable:
        csvfile.load(con, readable, dialect, layout.data_start, len(titles), limit)
        records = None if limit is None else _count(con) + _rejected_lines(con)
        skipped = csvfile.blank_lines(con, readable, layout.data_start, dialect.quote, records)
    if encoding.startswith("utf-8") and csvfile.invalid_encoding(con):
        encoding = "cp1252"
        with csvfile.utf8_copy(path, encoding, options.temp_dir) as readable:
            csvfile.load(con, readable, dialect, layout.data_start, len(titles), limit)
    source = replace(
        info,
        encoding=encoding,
        delimiter=dialect.delimiter,
        quote=dialect.quote,
        header_rows=tuple(i + 1 for i in layout.header_rows),
        data_start_row=layout.data_start + 1,
        title=layout.caption,
    )
    raw = Raw(source=source, titles=titles, first_row=layout.data_start + 1)
    _place_rejected(con, raw, dialect, layout, len(titles), options.max_problems, limit, skipped)
    return raw


def _place_rejected(
    con: duckdb.DuckDBPyConnection,
    raw: Raw,
    dialect: csvfile.Dialect,
    layout: Layout,
    width: int,
    cap: int,
    limit: int | None,
    skipped: list[int],
) -> None:
    """Map rows around the records DuckDB rejected and the blank lines it `skipped`, and report
    the records with the wrong number of fields. Rejected records that are blank, or hold one
    value after the table (footnotes), are not problems. When only the first `limit` rows were
    read, later records are ignored."""
    rejected = con.execute("SELECT DISTINCT line FROM rejects ORDER BY line").fetchall()
    lines = sorted({int(r[0]) for r in rejected} | set(skipped))
    if not lines:
        return
    base = layout.data_start
    raw.shifts = [line - base - j for j, line in enumerate(lines, start=1)]
    count = _count(con)
    last = raw.user_row(count - 1) if count else base
    if limit is not None:
        con.execute(f"DELETE FROM rejects WHERE line > {last}")
    separators = r"[\s" + re.escape(dialect.delimiter + dialect.quote) + "]*"
    blank = f"regexp_full_match(text, {literal(separators)})"
    single = f"NOT contains(text, {literal(dialect.delimiter)})"
    records = "(SELECT line, any_value(csv_line) AS text FROM rejects GROUP BY line)"
    notes = con.execute(
        f"SELECT text FROM {records} WHERE line > {last} AND {single} AND NOT {blank} ORDER BY line"
    ).fetchall()
    if notes:
        raw.source = replace(
            raw.source, footnotes=(*raw.source.footnotes, *(n[0].strip() for n in notes))
        )
    ragged = f"FROM {records} WHERE NOT {blank} AND NOT (line > {last} AND {single})"
    total = con.execute(f"SELECT count(*) {ragged}").fetchone()
    sample = con.execute(f"SELECT line, text {ragged} ORDER BY line LIMIT {cap}").fetchall()
    problems = [
        Problem(
            rule="ragged_row",
            message=N_("Row %(row)s has %(found)s fields but the header has %(expected)s."),
            hint=N_(
                'Look for a missing or extra separator "%(delimiter)s", or a value containing '
                "the separator that is not enclosed in double quotes."
            ),
            row=int(line),
            value=text[:200],
            params={
                "found": len(csvfile.fields(text, dialect)),
                "expected": width,
                "delimiter": dialect.delimiter,
            },
        )
        for line, text in sample
    ]
    raw.sampled.append((problems, int(total[0]) if total else len(problems)))


def _load_sheet(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    info: SourceInfo,
    cache: sheets.SheetCache,
    wanted: str | int | None,
    limit: int | None,
) -> Raw:
    reader = sheets.open_workbook(path, info.filename)
    infos = sheets.sheet_infos(reader, path, info.format)
    sheet = sheets.read_sheet(reader, infos, wanted, info.filename, cache, limit)
    layout = detect_layout(sheets.head(sheet.table, csvfile.GRID_ROWS))
    if layout is None:
        raise _no_table(info.filename)
    width = max(len(layout.titles), 1)
    sheets.register(con, sheet.table, layout.data_start, width)
    source = replace(
        info,
        sheets=tuple(infos),
        sheet=sheet.name,
        header_rows=tuple(i + 1 for i in layout.header_rows),
        data_start_row=layout.data_start + 1,
        title=layout.caption,
    )
    raw = Raw(
        source=source, titles=list(layout.titles), first_row=layout.data_start + 1, sheet=sheet
    )
    for error in sheet.errors:
        if error.row >= layout.data_start and error.column < width:
            raw.problems.append(
                Problem(
                    rule="cell.formula_error",
                    severity=Severity.WARNING,
                    sheet=sheet.name,
                    message=N_(
                        'Row %(row)s, column "%(column)s": the cell shows the error %(value)s '
                        "and is read as empty."
                    ),
                    hint=N_("Correct the formula, or type the value itself."),
                    row=error.row + 1,
                    column=raw.titles[error.column] or None,
                    value=error.value,
                )
            )
    return raw


def _rejected_lines(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(DISTINCT line) FROM rejects").fetchone()
    return int(row[0]) if row else 0


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM raw").fetchone()
    return int(row[0]) if row else 0


def tidy(con: duckdb.DuckDBPyConnection, raw: Raw) -> None:
    """Drop blank rows, footnotes, a final total row and unnamed empty columns; name columns."""
    width = len(raw.titles)
    cols = [f"c{j}" for j in range(width)]
    con.execute(f"DELETE FROM raw WHERE {' AND '.join(f'{clean(c)} IS NULL' for c in cols)}")
    _drop_footnotes(con, raw, cols)
    if _count(con) == 0:
        raise fail(
            NoDataError,
            N_('The table in "%(filename)s" has a header but no data rows.'),
            N_("Fill in the data below the header row, then upload the file again."),
            filename=raw.source.filename,
        )
    unnamed = [j for j in range(width) if not raw.titles[j]]
    used: set[int] = set()
    if unnamed:
        filled = con.execute(
            f"SELECT {', '.join(f'count({clean(cols[j])})' for j in unnamed)} FROM raw"
        ).fetchone()
        used = {j for j, n in zip(unnamed, filled or (), strict=True) if n}
    raw.columns = [j for j in range(width) if raw.titles[j] or j in used]
    titles = [raw.titles[j] for j in raw.columns]
    raw.names, empty, duplicated = unique_names(titles)
    sheet = raw.source.sheet
    for k in empty:
        raw.problems.append(
            Problem(
                rule="header.empty",
                severity=Severity.WARNING,
                sheet=sheet,
                column=raw.names[k],
                message=N_(
                    "Column %(position)s has data but no name in the header; it was named "
                    '"%(column)s".'
                ),
                hint=N_("Type a name for this column in the header row."),
                params={"position": raw.columns[k] + 1},
            )
        )
    for k in duplicated:
        raw.problems.append(
            Problem(
                rule="header.duplicate",
                severity=Severity.WARNING,
                sheet=sheet,
                column=titles[k],
                message=N_(
                    'The column name "%(column)s" appears more than once; this one was '
                    'renamed "%(name)s".'
                ),
                hint=N_("Give each column its own name."),
                params={"name": raw.names[k]},
            )
        )


def _drop_footnotes(con: duckdb.DuckDBPyConnection, raw: Raw, cols: list[str]) -> None:
    tail = con.execute(
        f"SELECT rowid, {', '.join(clean(c) for c in cols)} FROM "
        f"(SELECT rowid, * FROM raw ORDER BY rowid DESC LIMIT {TAIL_ROWS}) ORDER BY rowid DESC"
    ).fetchall()
    dropped: list[int] = []
    notes: list[str] = []
    for rowid, *cells in tail:
        first = cells[0] or ""
        count = sum(1 for c in cells if c)
        is_note = (
            count == 1
            and first
            and (FOOTNOTE.match(first) or (len(cols) > 1 and len(first) >= FOOTNOTE_LENGTH))
        )
        if not is_note:
            label = next((c for c in cells[:2] if c and not NUMERIC.match(c)), "")
            if TOTAL.match(label) and any(c and NUMERIC.match(c) for c in cells):
                dropped.append(rowid)
                raw.problems.append(
                    Problem(
                        rule="row.total",
                        severity=Severity.WARNING,
                        sheet=raw.source.sheet,
                        row=raw.user_row(rowid),
                        value=label,
                        message=N_(
                            'Row %(row)s ("%(value)s") looks like a total row and was left out.'
                        ),
                        hint=N_("Keep only one row per record; totals are computed by the portal."),
                    )
                )
            break
        dropped.append(rowid)
        notes.insert(0, first)
    if dropped:
        con.execute(f"DELETE FROM raw WHERE rowid IN ({', '.join(str(i) for i in dropped)})")
    if notes:
        raw.source = replace(raw.source, footnotes=(*notes, *raw.source.footnotes))
