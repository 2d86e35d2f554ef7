"""`inspect` (a fast look before committing) and `ingest` (a validated, typed Parquet version)."""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from satudata.engines.tabular import checks, infer, sheets, source, store
from satudata.engines.tabular.detect import detect_format
from satudata.engines.tabular.infer import Guess
from satudata.engines.tabular.model import (
    FieldSpec,
    FieldType,
    IngestResult,
    Inspection,
    Options,
    Progress,
    SourceInfo,
)
from satudata.engines.tabular.plan import Column, plan, with_references
from satudata.engines.tabular.problems import N_, ProblemLog
from satudata.engines.tabular.session import session
from satudata.engines.tabular.source import Raw

SAMPLE_HEAD = 0.5


@dataclass(frozen=True, slots=True)
class Request:
    """What the caller asked to read, and against which standard."""

    path: Path
    filename: str
    sheet: str | int | None = None
    schema: Sequence[FieldSpec] | None = None
    mapping: Mapping[str, str] | None = None
    code_lists: Mapping[str, Collection[str]] | None = None


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def _sample(con: duckdb.DuckDBPyConnection, size: int) -> str:
    """Table `sample`: the first rows and rows spread over the rest, `size` in all."""
    row = con.execute("SELECT count(*), max(rowid) FROM raw").fetchone()
    count, last = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    where = ""
    if count > size:
        head = int(size * SAMPLE_HEAD)
        where = f" WHERE rowid < {head} OR rowid % {max(1, last // (size - head))} = 0"
    con.execute(f"CREATE TEMP TABLE sample AS SELECT * FROM raw{where}")
    return "sample"


def _guesses(con: duckdb.DuckDBPyConnection, raw: Raw, options: Options) -> tuple[list[Guess], str]:
    """Each column's reading, and the file's decimal convention. Columns of number cells in a
    workbook are read with a decimal point (cells print as "1.234", never Indonesian style);
    digit strings with leading zeros anywhere in the column keep it text."""
    measures = infer.measure(con, _sample(con, options.sample_rows), [f"c{j}" for j in raw.columns])
    decimal = infer.file_decimal(measures)
    titles = [raw.titles[j] for j in raw.columns]
    guesses = [infer.guess(t, m, decimal) for t, m in zip(titles, measures, strict=True)]
    unsure = [raw.columns[k] for k, g in enumerate(guesses) if g.ambiguous]
    if unsure and raw.sheet is not None:
        number_cells = sheets.numeric_columns(
            raw.sheet, raw.source.data_start_row - 1, unsure, options.sample_rows
        )
        for k, j in enumerate(raw.columns):
            if j in number_cells:
                guesses[k] = infer.guess(titles[k], measures[k], decimal="dot")
    numeric_types = (FieldType.INTEGER, FieldType.NUMBER)
    numeric = [k for k, g in enumerate(guesses) if g.type in numeric_types]
    spoiled = infer.keeps_digits(con, [f"c{raw.columns[k]}" for k in numeric])
    for k, keep in zip(numeric, spoiled, strict=True):
        if keep:
            guesses[k] = replace(guesses[k], type=FieldType.STRING)
    return guesses, decimal


def _read(
    con: duckdb.DuckDBPyConnection,
    request: Request,
    options: Options,
    limit: int | None,
    progress: Progress | None = None,
) -> tuple[Raw, list[Column]]:
    """Load and tidy the upload into `raw`; return it with the output columns."""
    _report(progress, 0.02, N_("Checking the file"))
    fmt = detect_format(request.path, request.filename, options)
    info = SourceInfo(format=fmt, filename=request.filename, size=request.path.stat().st_size)
    _report(progress, 0.05, N_("Reading the file"))
    raw = source.load(con, request.path, info, options, request.sheet, limit)
    source.tidy(con, raw)
    _report(progress, 0.3, N_("Recognising column types"))
    guesses, decimal = _guesses(con, raw, options)
    titles = [raw.titles[j] for j in raw.columns]
    columns, problems = plan(
        raw.columns, titles, raw.names, guesses, request.schema, request.mapping, raw.source.sheet
    )
    raw.problems += problems
    raw.source = replace(raw.source, decimal=decimal)
    return raw, with_references(columns, request.code_lists)


def inspect(
    path: Path,
    *,
    filename: str | None = None,
    sheet: str | int | None = None,
    schema: Sequence[FieldSpec] | None = None,
    mapping: Mapping[str, str] | None = None,
    options: Options | None = None,
) -> Inspection:
    """Detect format, sheet, encoding, delimiter, header and column types from the first rows."""
    options = options or Options()
    request = Request(path, filename or path.name, sheet, schema, mapping)
    with session(options) as con:
        raw, columns = _read(con, request, options, options.sample_rows)
        selects = ", ".join(
            f"CAST({c.sql()} AS VARCHAR) AS {store.quote_ident(c.name)}"
            if c.index is None
            else f"{c.sql()} AS {store.quote_ident(c.name)}"
            for c in columns
        )
        preview = store.rows_as_dicts(
            con, f"SELECT {selects} FROM raw ORDER BY rowid LIMIT {store.PREVIEW_ROWS}"
        )
        return Inspection(
            source=raw.source,
            fields=[c.field() for c in columns],
            preview=preview,
            problems=[*raw.problems, *(p for items, _ in raw.sampled for p in items)],
        )


def ingest(
    path: Path,
    target: Path,
    *,
    filename: str | None = None,
    sheet: str | int | None = None,
    schema: Sequence[FieldSpec] | None = None,
    mapping: Mapping[str, str] | None = None,
    code_lists: Mapping[str, Collection[str]] | None = None,
    options: Options | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Read, type and validate an upload; write it to `target` as Parquet only when no error.

    `filename` is the name the user uploaded (its extension must match the content; default:
    `path.name`). `schema` is the data standard's fields; `mapping` maps source headers to its
    field names (by default headers match field names after normalisation). `code_lists` maps a
    field name or a role ("kode_wilayah") to reference codes, checked as warnings where the
    standard gives no code list. `progress(fraction, msgid)` is called as the work advances.
    Raises a `TabularError` when the file cannot be read at all.
    """
    options = options or Options()
    log = ProblemLog(options.max_problems)
    request = Request(path, filename or path.name, sheet, schema, mapping, code_lists)
    with session(options) as con:
        raw, columns = _read(con, request, options, None, progress)
        for problem in raw.problems:
            log.add(problem)
        for items, total in raw.sampled:
            log.add_many(items, total)
        _report(progress, 0.45, N_("Converting the values"))
        checks.create_typed(con, columns)
        _report(progress, 0.75, N_("Checking the values"))
        count, fields = checks.run_checks(con, raw, columns, log)
        version = checks.named_select(columns)
        preview = store.rows_as_dicts(con, f"{version} LIMIT {store.PREVIEW_ROWS}")
        written = checksum = size = None
        if not log.has_errors:
            _report(progress, 0.9, N_("Saving the version"))
            with store.staged(target) as stage:
                store.copy_parquet(con, version, stage.path, [c.field() for c in columns])
                stage.commit()
            written, checksum, size = target, store.sha256(target), target.stat().st_size
        _report(progress, 1.0, N_("Done"))
        return IngestResult(
            ok=not log.has_errors,
            source=raw.source,
            fields=fields,
            row_count=count,
            problems=log.problems(),
            counts=log.counts(),
            preview=preview,
            path=written,
            checksum=checksum,
            size=size,
        )
